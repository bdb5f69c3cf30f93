package io.nuage.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;

/** An RFC 9457 problem as the API answers it: the one place where a refusal becomes an HTTP status. */
record Problem(int status, String code, String title, String detail, List<FieldError> errors, Map<String, Object> facts) {

    static Problem of(NuageError e) {
        return switch (e.kind()) {
            case INVALID -> new Problem(400, e.code(), "validation_failed".equals(e.code()) ? "Invalid request" : "Bad request",
                    e.getMessage(), e.errors(), e.facts());
            case UNAUTHENTICATED -> new Problem(401, e.code(), "Unauthenticated", e.getMessage(), e.errors(), e.facts());
            case FORBIDDEN -> new Problem(403, e.code(), "Forbidden", e.getMessage(), e.errors(), e.facts());
            case NOT_FOUND -> new Problem(404, e.code(), "Not found", e.getMessage(), e.errors(), e.facts());
            case CONFLICT -> new Problem(409, e.code(), "Conflict", e.getMessage(), e.errors(), e.facts());
            case REJECTED -> new Problem(422, e.code(), "Unprocessable request", e.getMessage(), e.errors(), e.facts());
            case PRECONDITION_FAILED -> new Problem(412, e.code(), "Precondition failed", e.getMessage(), e.errors(), e.facts());
            case THROTTLED -> new Problem(429, e.code(), "Too many requests", e.getMessage(), e.errors(), e.facts());
        };
    }

    /** A problem of the HTTP layer itself (no such path, body too large...), with no field errors. */
    static Problem http(int status, String code, String title, String detail) {
        return new Problem(status, code, title, detail, List.of(), Map.of());
    }

    /** The problem+json body; {@code instance} is the request path. */
    Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:nuage:problem:" + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("code", code);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.putAll(facts);
        return body;
    }
}
