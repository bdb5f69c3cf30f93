package io.nuage.terraform.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The Nuage API as the provider uses it: JSON with the bearer token, an {@code Idempotency-Key} on creates (a retried
 * create makes one resource), {@code If-Match} on changes (nothing is overwritten that changed since it was read).
 * An error status throws {@link ApiException} with the problem's content.
 */
public final class NuageClient {

    public record Response(int status, JsonNode body, String etag) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String endpoint;
    private final String token;

    public NuageClient(String endpoint, String token) {
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.token = token;
    }

    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public Response get(String path) {
        return send(request(path).GET(), Duration.ofSeconds(60));
    }

    /** A GET held by the server until the resource reaches the phase (or fails, or the wait ends). */
    public Response waitFor(String path, String phase, Duration timeout) {
        long seconds = Math.max(1, Math.min(600, timeout.toSeconds()));
        return send(request(path + "?wait_for=" + phase + "&timeout=" + seconds + "s").GET(),
                Duration.ofSeconds(seconds + 30));
    }

    public Response post(String path, JsonNode body, String idempotencyKey) {
        return post(path, body, idempotencyKey, null);
    }

    public Response post(String path, JsonNode body, String idempotencyKey, String ifMatch) {
        HttpRequest.Builder request = request(path).POST(body(body)).header("Content-Type", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request, Duration.ofSeconds(60));
    }

    public Response patch(String path, JsonNode body, String ifMatch) {
        HttpRequest.Builder request = request(path).method("PATCH", body(body))
                .header("Content-Type", "application/json");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request, Duration.ofSeconds(60));
    }

    public Response delete(String path, String ifMatch) {
        HttpRequest.Builder request = request(path).DELETE();
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request, Duration.ofSeconds(60));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(endpoint + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
    }

    private static HttpRequest.BodyPublisher body(JsonNode body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(HttpRequest.Builder request, Duration timeout) {
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Nuage API at " + endpoint + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode body = NullNode.getInstance();
        if (answer.body().length > 0) {
            try {
                body = JSON.readTree(answer.body());
            } catch (IOException notJson) {
                body = JSON.createObjectNode().put("detail", new String(answer.body(), StandardCharsets.UTF_8));
            }
        }
        if (answer.statusCode() >= 400) {
            throw new ApiException(answer.statusCode(), body);
        }
        return new Response(answer.statusCode(), body, answer.headers().firstValue("ETag").orElse(null));
    }
}
