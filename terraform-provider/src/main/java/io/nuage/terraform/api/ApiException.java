package io.nuage.terraform.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error answer of the API, from its problem+json body: the stable {@code code}, the {@code detail}, the fields
 * named in {@code errors[]} and, for a quota refusal, the limits it names in {@code exceeded}.
 */
public final class ApiException extends RuntimeException {

    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String code;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;
    private final List<String> exceeded;

    public ApiException(int status, JsonNode problem) {
        super(status + " " + problem.path("code").asText("") + ": " + problem.path("detail").asText(""));
        this.status = status;
        this.code = problem.path("code").asText("http_" + status);
        this.title = problem.path("title").asText("HTTP " + status);
        this.detail = problem.path("detail").isTextual() ? problem.path("detail").asText() : "";
        this.errors = new ArrayList<>();
        problem.path("errors").forEach(e -> errors.add(new FieldError(e.path("field").asText(null),
                e.path("message").asText(""))));
        this.exceeded = new ArrayList<>();
        problem.path("exceeded").forEach(e -> exceeded.add(e.asText()));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public List<String> exceeded() {
        return exceeded;
    }
}
