package io.nuage.api;

import java.util.List;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * {@code ?dry_run=true} on any write: the request runs as it would (checks, quota, names, addresses, conditions), every
 * statement in one transaction that is then rolled back ({@link DryRunInterceptor}), and the answer is {@code 200} with
 * the would-be resource, marked {@code Nuage-Dry-Run: true}, with no {@code Location}: nothing was created. Ids and
 * times in it are those the request would have had; no event is written, no work is queued, no key is kept.
 */
public class DryRun {

    static final String PARAMETER = "dry_run";
    static final String HEADER = "Nuage-Dry-Run";
    private static final String REQUESTED = DryRun.class.getName() + ".requested";

    /** Whether this request (a write under /v1) asks for a dry run; a value other than true or false answers 400. */
    static boolean asked(ContainerRequestContext request) {
        String value = request.getUriInfo().getQueryParameters().getFirst(PARAMETER);
        if (value == null || "GET".equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/v1")) {
            return false;
        }
        Checks checks = new Checks();
        boolean dry = QueryParams.flag(checks, PARAMETER, value, false);
        checks.throwIfInvalid();
        return dry;
    }

    /** Whether the request being served is a dry run: set before its resource method runs. */
    static boolean requested() {
        return VertxContext.isOnDuplicatedContext() && ContextLocals.get(REQUESTED).isPresent();
    }

    /** Before the idempotency filter, which does not keep a dry run's answer. */
    @ServerRequestFilter(priority = Priorities.USER - 1)
    public void mark(ContainerRequestContext request, ResourceInfo resource) {
        if (!asked(request)) {
            return;
        }
        if (!resource.getResourceClass().isAnnotationPresent(DryRunnable.class)) {
            throw NuageError.validation(List.of(new FieldError(PARAMETER, "this operation has no dry run")));
        }
        ContextLocals.put(REQUESTED, Boolean.TRUE);
    }

    /** A dry run created or accepted nothing: 200, and no Location to a resource that does not exist. */
    @ServerResponseFilter
    public void answer(ContainerResponseContext response) {
        if (!requested()) {
            return;
        }
        if (response.getStatus() == Response.Status.CREATED.getStatusCode()
                || response.getStatus() == Response.Status.ACCEPTED.getStatusCode()) {
            response.setStatus(Response.Status.OK.getStatusCode());
        }
        response.getHeaders().remove(HttpHeaders.LOCATION);
        response.getHeaders().putSingle(HEADER, "true");
    }
}
