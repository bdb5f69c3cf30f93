package io.nuage.api;

import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Refuses request bodies over 1 MiB with a problem+json 413, before anything reads them; an import's (a tenant's whole
 * export, spooled to disk as it arrives) over {@link PortabilityResource#IMPORT_MAX_BYTES}.
 * Bodies without a length: Quarkus reads them up to the limit the second route below sets.
 */
public class BodyLimit {

    static final long MAX_BYTES = 1024 * 1024;
    /** Where Quarkus' limit for a body without a length is read from while the body is read. */
    private static final String QUARKUS_LIMIT = "io.quarkus.max-request-size";
    private static final Pattern IMPORT = Pattern.compile("/v1/tenants/[^/]+/import");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String length = rc.request().getHeader("Content-Length");
            long max = IMPORT.matcher(rc.request().path()).matches() ? PortabilityResource.IMPORT_MAX_BYTES : MAX_BYTES;
            if (length != null && tooLarge(length, max)) {
                Problem e = Problem.http(413, "payload_too_large", "Payload too large",
                        "The request body exceeds the limit of " + max / (1024 * 1024) + " MiB");
                rc.response().setStatusCode(413)
                        .putHeader("Content-Type", ProblemMapper.PROBLEM_JSON)
                        .putHeader("Connection", "close")
                        .end(Json.encode(e.body(rc.request().path())));
                return;
            }
            rc.next();
        });
        // quarkus.http.limits.max-body-size admits an import's body; after Quarkus' own limit (its route at -2) has set the
        // limit of a body sent without a length, every other path gets 1 MiB back.
        router.route().order(-1).handler(rc -> {
            if (!IMPORT.matcher(rc.request().path()).matches()) {
                rc.put(QUARKUS_LIMIT, MAX_BYTES);
            }
            rc.next();
        });
    }

    private static boolean tooLarge(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }
}
