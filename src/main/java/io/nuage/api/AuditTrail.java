package io.nuage.api;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.PathSegment;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.nuage.audit.AuditLog;
import io.nuage.db.DatabaseOutage;
import io.nuage.tenancy.Caller;
import io.nuage.tenancy.TenantAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Records every request that may change something (POST, PUT, PATCH, DELETE: refused ones too), and every read of a
 * tenant's data made with the operator's token, in the tenant's audit chain ({@link AuditLog}). A dry run changes
 * nothing and is not recorded. Runs before the idempotency filter, while the answer is still the resource or the problem.
 * The entry is written before the answer goes; should that fail (the database gone meanwhile), the answer still goes
 * and a warning says so.
 */
public class AuditTrail {

    /** The id of the request, as recorded: quote it to find the entry. */
    static final String REQUEST_ID = "Nuage-Request-Id";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final AuditLog log;
    private final TenantAccess access;
    private final DatabaseOutage outage;
    private final Clock clock;

    AuditTrail(AuditLog log, TenantAccess access, DatabaseOutage outage, Clock clock) {
        this.log = log;
        this.access = access;
        this.outage = outage;
        this.clock = clock;
    }

    @ServerResponseFilter(priority = Priorities.USER + 5)
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource,
            HttpServerRequest http) {
        List<PathSegment> path = request.getUriInfo().getPathSegments();
        boolean write = WRITES.contains(request.getMethod());
        Caller caller = caller();
        boolean tenantPath = path.size() >= 3 && path.get(1).getPath().equals("tenants");
        boolean operatorRead = request.getMethod().equals("GET") && tenantPath && caller != null && caller.isAdmin();
        if (resource == null || resource.getMethodName() == null || DryRun.requested() || !(write || operatorRead)) {
            return Uni.createFrom().voidItem();
        }
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().putSingle(REQUEST_ID, requestId);
        Object entity = response.getEntity();
        String tenant = tenantPath ? path.get(2).getPath() : path.size() == 2 && path.get(1).getPath().equals("tenants") ? name(entity) : null;
        AuditLog.Request r = new AuditLog.Request(tenant, caller == null ? null : caller.tenantId(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), caller == null ? null : caller.tokenId(),
                caller == null ? null : caller.tokenName(), caller == null ? null : caller.role().wireName(), action(resource, request),
                kind(path), target(path, entity), id(entity), response.getStatus(),
                problemCode(response), requestId, http == null ? null : String.valueOf(http.remoteAddress().hostAddress()));
        return log.append(r).onFailure().recoverWithItem(e -> {
            if (!outage.unavailable(e)) {
                LOG.warnf("An audit entry could not be written (request %s): %s", requestId, e.getClass().getSimpleName());
            }
            return null;
        });
    }

    /** The code of a problem+json answer (the problem mapper's body), else null. */
    private static String problemCode(ContainerResponseContext response) {
        return response.getStatus() >= 400 && response.getEntity() instanceof java.util.Map<?, ?> body
                && body.get("code") instanceof String code ? code : null;
    }

    private Caller caller() {
        try {
            return access.caller();
        } catch (RuntimeException unauthenticated) {
            return null;
        }
    }

    /** The operation as the API document names it. */
    private static String action(SimpleResourceInfo resource, ContainerRequestContext request) {
        for (Method m : resource.getResourceClass().getMethods()) {
            if (m.getName().equals(resource.getMethodName()) && m.isAnnotationPresent(Operation.class)) {
                return m.getAnnotation(Operation.class).operationId();
            }
        }
        return request.getMethod() + " " + resource.getResourceClass().getSimpleName() + "." + resource.getMethodName();
    }

    /** The kind acted on: the collection in the path, in the singular (a tenant's own path: the tenant). */
    private static String kind(List<PathSegment> path) {
        boolean tenantPath = path.size() >= 3 && path.get(1).getPath().equals("tenants");
        String collection = tenantPath ? (path.size() >= 4 ? path.get(3).getPath() : "tenants") : path.size() >= 2 ? path.get(1).getPath() : null;
        if (collection == null) {
            return null;
        }
        return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
    }

    /** The name in the path, else the answer's. */
    private static String target(List<PathSegment> path, Object entity) {
        boolean tenantPath = path.size() >= 3 && path.get(1).getPath().equals("tenants");
        int at = tenantPath ? (path.size() == 3 ? 2 : 4) : 2;
        if (path.size() > at && !path.get(at).getPath().equals("by-id")) {
            return path.get(at).getPath();
        }
        return name(entity);
    }

    private static String name(Object entity) {
        Object name = accessor(entity, "name");
        return name instanceof String s ? s : null;
    }

    private static UUID id(Object entity) {
        return accessor(entity, "id") instanceof UUID id ? id : null;
    }

    /** A record component of the answer, if it has one. */
    private static Object accessor(Object entity, String component) {
        if (entity == null || !entity.getClass().isRecord()) {
            return null;
        }
        for (var c : entity.getClass().getRecordComponents()) {
            if (c.getName().equals(component)) {
                try {
                    return c.getAccessor().invoke(entity);
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
