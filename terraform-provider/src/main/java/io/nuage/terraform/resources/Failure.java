package io.nuage.terraform.resources;

import java.util.Map;

/**
 * A create or delete that went wrong after the API accepted it: the resource exists (failed, or not ready in time),
 * so its state goes back to Terraform with the error, which then marks it tainted (replaced by the next apply).
 */
public final class Failure extends RuntimeException {

    private final transient Map<String, Object> state;

    public Failure(String message, Map<String, Object> state) {
        super(message);
        this.state = state;
    }

    public Map<String, Object> state() {
        return state;
    }
}
