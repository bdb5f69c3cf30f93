package io.nuage.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import io.nuage.errors.NuageError;
import io.nuage.errors.FieldError;

/** Collects every problem of a request body, so one answer lists them all. */
public final class Checks {

    /** RFC 1123 label: the names of tenants and resources become Kubernetes names. */
    private static final String DNS_LABEL_REGEX = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS_LABEL = Pattern.compile(DNS_LABEL_REGEX);
    /** The same rule for the contract: JSON Schema patterns are not anchored. */
    static final String DNS_LABEL_PATTERN = "^" + DNS_LABEL_REGEX + "$";
    private static final Pattern LABEL_KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
    private static final int MAX_LABELS = 64;
    /**
     * Kubernetes' limit for a name. A reference to a resource is only held to it: whether such a
     * resource exists is the store's answer (404 or 422), not a format error.
     */
    static final int DNS_LABEL_MAX = 63;

    private final List<FieldError> errors = new ArrayList<>();

    /**
     * A PATCH body's first checks. Its name is accepted when unchanged, so that a GET body can be
     * sent back as it is; labels are checked like a create's.
     */
    static Checks patch(PatchBody body, String name) {
        Requests.requireBody(body);
        return new Checks().check(body.name() == null || body.name().equals(name), "name", "cannot be changed")
                .labels(body.labels(), "labels");
    }

    public Checks check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public Checks required(Object value, String field) {
        return check(value != null, field, "is required");
    }

    public Checks name(String value, String field, int maxLength) {
        if (value == null) {
            return required(null, field);
        }
        return check(value.length() <= maxLength && DNS_LABEL.matcher(value).matches(), field,
                "must be 1 to " + maxLength + " lowercase letters, digits or '-', start with a letter"
                        + " and end with a letter or digit");
    }

    public Checks range(Number value, String field, long min, long max) {
        if (value == null) {
            return this;
        }
        return check(value.longValue() >= min && value.longValue() <= max, field,
                "must be between " + min + " and " + max);
    }

    public Checks labels(Map<String, String> labels, String field) {
        if (labels == null) {
            return this;
        }
        check(labels.size() <= MAX_LABELS, field, "at most " + MAX_LABELS + " labels");
        labels.forEach((k, v) -> {
            check(LABEL_KEY.matcher(k).matches(), field + "." + k,
                    "key must be an optional DNS prefix and '/', then 1 to 63 letters, digits, '-', '_' or '.'");
            check(v != null && LABEL_VALUE.matcher(v).matches(), field + "." + k,
                    "value must be at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric");
        });
        return this;
    }

    /** A label key as Kubernetes takes it (an optional DNS prefix and '/', then the name). */
    static boolean labelKey(String key) {
        return LABEL_KEY.matcher(key).matches();
    }

    /** A label value as Kubernetes takes it (empty allowed). */
    static boolean labelValue(String value) {
        return LABEL_VALUE.matcher(value).matches();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw NuageError.validation(errors);
        }
    }
}
