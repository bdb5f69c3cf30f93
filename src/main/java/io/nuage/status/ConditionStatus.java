package io.nuage.status;

import com.fasterxml.jackson.annotation.JsonValue;

/** A condition's status, spelled as Kubernetes spells it. */
public enum ConditionStatus {
    TRUE("True"),
    FALSE("False"),
    UNKNOWN("Unknown");

    private final String text;

    ConditionStatus(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    public static ConditionStatus of(String text) {
        for (ConditionStatus s : values()) {
            if (s.text.equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a condition status: " + text);
    }

    public static ConditionStatus of(boolean holds) {
        return holds ? TRUE : FALSE;
    }
}
