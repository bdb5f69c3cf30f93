package io.nuage.tenancy;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.ext.web.Router;

/**
 * {@code /q/metrics} names every tenant and resource with its state and availability: it answers
 * the operator's token only (Prometheus: {@code authorization: credentials: <admin token>}).
 * Health and the OpenAPI document stay open.
 */
@Singleton
public class MetricsGuard {

    private final AdminToken adminToken;

    MetricsGuard(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    void guard(@Observes Router router) {
        router.route("/q/metrics*").order(-1000).handler(ctx -> {
            String header = ctx.request().getHeader("Authorization");
            String bearer = "Bearer ";
            if (header != null && header.regionMatches(true, 0, bearer, 0, bearer.length())
                    && adminToken.matches(header.substring(bearer.length()).trim())) {
                ctx.next();
                return;
            }
            ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                    .putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"about:blank\",\"title\":\"Unauthenticated\",\"status\":401,"
                            + "\"detail\":\"Metrics need the operator's token: 'Authorization: Bearer <admin token>'\",\"code\":\"unauthenticated\"}");
        });
    }
}
