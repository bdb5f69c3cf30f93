package io.nuage.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * A Prometheus instant query ({@code GET /api/v1/query?query=...}) of the simulated cluster, for the one series Nuage
 * reads: {@code kubevirt_vmi_network_transmit_bytes_total}, as KubeVirt's virt-handler exports it (labels
 * {@code namespace}, {@code name} of the VMI, {@code interface}). Every interface of a Running VMI has sent
 * {@code bytesPerSecond} since it became Running (its Ready condition's time): a deterministic counter that starts
 * again from 0 with a new VMI, as a real one does. Any other query gets an empty vector. Served by the API server's
 * port, never faulted by its error rate; {@link #setAvailable} makes it answer 503, as a Prometheus that is down.
 */
final class SimulatedPrometheus {

    static final String METRIC = "kubevirt_vmi_network_transmit_bytes_total";
    private static final String PATH = "/api/v1/query";

    private final Function<String, MockResponse> get;
    private final long bytesPerSecond;
    private final Clock clock;
    private volatile boolean available = true;

    SimulatedPrometheus(Function<String, MockResponse> get, long bytesPerSecond, Clock clock) {
        this.get = get;
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
    }

    void setAvailable(boolean available) {
        this.available = available;
    }

    /** The answer to a query, or null for a request that is not one. */
    MockResponse answer(RecordedRequest request) {
        String path = request.getPath();
        if (!"GET".equals(request.getMethod()) || !(path.equals(PATH) || path.startsWith(PATH + "?"))) {
            return null;
        }
        if (!available) {
            return json(503, Map.of("status", "error", "errorType", "unavailable", "error", "simulated outage"));
        }
        Instant now = clock.instant();
        List<Object> result = METRIC.equals(query(path)) ? series(now) : List.of();
        // In Prometheus' own order (and the same in every run: Map.of iterates in an order that varies between JVMs).
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resultType", "vector");
        data.put("result", result);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "success");
        answer.put("data", data);
        return json(200, answer);
    }

    private static String query(String path) {
        int q = path.indexOf('?');
        if (q >= 0) {
            for (String parameter : path.substring(q + 1).split("&")) {
                if (parameter.startsWith("query=")) {
                    return URLDecoder.decode(parameter.substring("query=".length()), StandardCharsets.UTF_8).trim();
                }
            }
        }
        return null;
    }

    private List<Object> series(Instant now) {
        MockResponse list = get.apply("/apis/kubevirt.io/v1/virtualmachineinstances");
        List<Object> out = new ArrayList<>();
        if (list.code() != 200) {
            return out;
        }
        JsonNode items = Serialization.unmarshal(list.getBody().readUtf8(), JsonNode.class).path("items");
        double at = now.toEpochMilli() / 1000.0;
        for (JsonNode vmi : items) {
            Instant since = runningSince(vmi.path("status"));
            if (since == null) {
                continue;
            }
            long bytes = bytesPerSecond * Math.max(0, Duration.between(since, now).toSeconds());
            for (JsonNode iface : vmi.path("status").path("interfaces")) {
                Map<String, Object> metric = new LinkedHashMap<>();
                metric.put("__name__", METRIC);
                metric.put("namespace", vmi.path("metadata").path("namespace").asText());
                metric.put("name", vmi.path("metadata").path("name").asText());
                metric.put("interface", iface.path("name").asText("default"));
                out.add(Map.of("metric", metric, "value", List.of(at, Long.toString(bytes))));
            }
        }
        return out;
    }

    /** When a Running VMI became so: its Ready condition's transition; null when it is not running. */
    private static Instant runningSince(JsonNode status) {
        if (!"Running".equals(status.path("phase").asText())) {
            return null;
        }
        for (JsonNode c : status.path("conditions")) {
            if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                return Instant.parse(c.path("lastTransitionTime").asText());
            }
        }
        return null;
    }

    private static MockResponse json(int code, Object body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(body));
    }
}
