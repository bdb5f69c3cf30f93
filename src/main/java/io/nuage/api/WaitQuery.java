package io.nuage.api;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** {@code ?wait_for=<phase>|deleted&timeout=<seconds>s} on the GET of one resource ({@link Waits}). */
public final class WaitQuery {

    static final int TIMEOUT_MAX_SECONDS = 600;
    static final int TIMEOUT_DEFAULT_SECONDS = 60;
    static final String TIMEOUT_PATTERN = "^[1-9][0-9]{0,2}s$";
    private static final Pattern TIMEOUT = Pattern.compile(TIMEOUT_PATTERN);

    /** What a request waits for, and how long at most. */
    record Wanted(String phase, Duration timeout) {
    }

    @Parameter(description = "Hold the answer until the resource is in this phase (an instance also: guest_ready, running"
            + " with its guest agent answering), or gone (deleted: the answer is then 404), or has failed (answered at once, failure in the body), or the timeout ends (200 with the current state"
            + " and Nuage-Wait-Timed-Out: true)", example = "running")
    @QueryParam("wait_for")
    String waitFor;

    @Parameter(description = "With wait_for: seconds to wait at most, like 120s; default 60s, at most 600s",
            schema = @Schema(type = SchemaType.STRING, pattern = TIMEOUT_PATTERN), example = "120s")
    @QueryParam("timeout")
    String timeout;

    /** Null when the request does not wait; 400 naming the parameter when it is malformed. */
    Wanted wanted(List<String> phases) {
        Checks checks = new Checks();
        checks.check(waitFor == null || phases.contains(waitFor) || Waits.DELETED.equals(waitFor), "wait_for",
                "must be a phase among " + phases + ", or deleted");
        int seconds = TIMEOUT_DEFAULT_SECONDS;
        if (timeout != null) {
            boolean ok = TIMEOUT.matcher(timeout).matches()
                    && Integer.parseInt(timeout.substring(0, timeout.length() - 1)) <= TIMEOUT_MAX_SECONDS;
            checks.check(ok, "timeout", "must be whole seconds like 120s, at most " + TIMEOUT_MAX_SECONDS + "s");
            seconds = ok ? Integer.parseInt(timeout.substring(0, timeout.length() - 1)) : seconds;
        }
        checks.throwIfInvalid();
        return waitFor == null ? null : new Wanted(waitFor, Duration.ofSeconds(seconds));
    }
}
