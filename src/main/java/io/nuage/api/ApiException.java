package io.nuage.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one error type of the API. Each carries an HTTP status and a stable {@code code};
 * ProblemMapper renders it as RFC 9457 problem+json.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ApiException(int status, String code, String title, String detail,
            List<FieldError> errors, Map<String, Object> extensions) {
        super(detail, null, false, false); // no stack trace: these are expected outcomes
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public static ApiException validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiException(400, "validation_failed", "Invalid request", detail, errors, null);
    }

    public static ApiException badRequest(String code, String detail, List<FieldError> errors) {
        return new ApiException(400, code, "Bad request", detail, errors, null);
    }

    public static ApiException unauthenticated(String detail) {
        return new ApiException(401, "unauthenticated", "Unauthenticated", detail, null, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, null, null);
    }

    public static ApiException notFound(String kind, String name) {
        return notFoundDetail(kind + " '" + name + "' does not exist");
    }

    /** A 404 whose detail says what is missing when it is not simply a named resource. */
    public static ApiException notFoundDetail(String detail) {
        return new ApiException(404, "not_found", "Not found", detail, null, null);
    }

    public static ApiException conflict(String code, String detail) {
        return conflict(code, detail, null);
    }

    /** A conflict whose problem body carries the facts a client needs to resolve it. */
    public static ApiException conflict(String code, String detail, Map<String, Object> extensions) {
        return new ApiException(409, code, "Conflict", detail, null, extensions);
    }

    public static ApiException unprocessable(String code, String detail, Map<String, Object> extensions) {
        return new ApiException(422, code, "Unprocessable request", detail, null, extensions);
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

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
