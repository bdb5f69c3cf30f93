package io.nuage.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal as a domain fact: what kind of refusal, a stable {@code code}, a readable detail, and the
 * facts a caller needs to act on it. Nothing here knows HTTP: the API's problem mapper alone turns a
 * kind into a status, once for every caller.
 */
public final class NuageError extends RuntimeException {

    /** What went wrong, from the caller's side. */
    public enum Kind {
        /** The request itself is malformed or breaks a field rule. */
        INVALID,
        /** No valid credentials. */
        UNAUTHENTICATED,
        /** Valid credentials that may not do this. */
        FORBIDDEN,
        /** The resource does not exist (or is not the caller's to see). */
        NOT_FOUND,
        /** The resource's current state does not allow it. */
        CONFLICT,
        /** Well-formed, but a rule refuses it: quota, region, an immutable field. */
        REJECTED,
        /** A conditional request (If-Match) whose resource is no longer the one the client expects. */
        PRECONDITION_FAILED,
        /** Too many requests from this caller for now: {@code retry_after} seconds say when to come back. */
        THROTTLED
    }

    /** The fact of a refusal that says, in seconds, when to try again. */
    public static final String RETRY_AFTER = "retry_after";

    private final Kind kind;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, Object> facts;

    private NuageError(Kind kind, String code, String detail, List<FieldError> errors, Map<String, Object> facts) {
        super(detail, null, false, false); // no stack trace: these are expected outcomes
        this.kind = kind;
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.facts = facts == null ? Map.of() : new LinkedHashMap<>(facts);
    }

    /** Too many requests: the caller may send {@code limit} at once and comes back in {@code retryAfterSeconds}. */
    public static NuageError throttled(String detail, long retryAfterSeconds, int limit) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(RETRY_AFTER, retryAfterSeconds);
        facts.put("limit", limit);
        return new NuageError(Kind.THROTTLED, "rate_limited", detail, null, facts);
    }

    /** Field rules broken: each field named with what is wrong with it. */
    public static NuageError validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new NuageError(Kind.INVALID, "validation_failed", detail, errors, null);
    }

    public static NuageError invalid(String code, String detail, List<FieldError> errors) {
        return new NuageError(Kind.INVALID, code, detail, errors, null);
    }

    public static NuageError unauthenticated(String detail) {
        return new NuageError(Kind.UNAUTHENTICATED, "unauthenticated", detail, null, null);
    }

    public static NuageError forbidden(String detail) {
        return new NuageError(Kind.FORBIDDEN, "forbidden", detail, null, null);
    }

    public static NuageError notFound(String kind, String name) {
        return notFoundDetail(kind + " '" + name + "' does not exist");
    }

    /** Not found, when what is missing is not simply a named resource. */
    public static NuageError notFoundDetail(String detail) {
        return new NuageError(Kind.NOT_FOUND, "not_found", detail, null, null);
    }

    public static NuageError conflict(String code, String detail) {
        return conflict(code, detail, null);
    }

    /** A conflict with the facts a client needs to resolve it. */
    public static NuageError conflict(String code, String detail, Map<String, Object> facts) {
        return new NuageError(Kind.CONFLICT, code, detail, null, facts);
    }

    public static NuageError rejected(String code, String detail, Map<String, Object> facts) {
        return new NuageError(Kind.REJECTED, code, detail, null, facts);
    }

    /** A rule refuses the value of one field: the field named in {@code errors}, as a validation error names it. */
    public static NuageError rejectedField(String code, String detail, FieldError field) {
        return new NuageError(Kind.REJECTED, code, detail, List.of(field), null);
    }

    /** Fields that cannot change once the resource exists. */
    public static NuageError immutable(String detail, List<FieldError> fields) {
        return new NuageError(Kind.REJECTED, "immutable_field", detail, fields, null);
    }

    /** The resource changed since the client read it: {@code etag} is its entity tag now, for the client to read it again. */
    public static NuageError preconditionFailed(String kind, String name, String etag) {
        return new NuageError(Kind.PRECONDITION_FAILED, "precondition_failed", "The " + kind + " '" + name
                + "' is not the version If-Match names: read it again (its ETag is " + etag + ")", null, Map.of("etag", etag));
    }

    /**
     * The same refusal about one part of a larger request (an environment's member, {@code instances[0]}): its fields
     * prefixed with the part's path, its detail with the part's name, and the part named in {@code member}.
     */
    public NuageError about(String path, String member) {
        List<FieldError> prefixed = errors.stream().map(e -> new FieldError(path + "." + e.field(), e.message())).toList();
        Map<String, Object> more = new LinkedHashMap<>(facts);
        more.put("member", member);
        return new NuageError(kind, code, member + ": " + getMessage(), prefixed, more);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Extra members of the answer, e.g. {@code quota} and {@code usage} for {@code quota_exceeded}. */
    public Map<String, Object> facts() {
        return facts;
    }
}
