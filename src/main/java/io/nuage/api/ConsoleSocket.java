package io.nuage.api;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import io.nuage.compute.InstanceStore;
import io.nuage.console.ConsoleBridge;
import io.nuage.console.SerialConsoles;
import io.nuage.errors.NuageError;
import io.nuage.tenancy.Authenticator;
import io.nuage.tenancy.Caller;
import io.nuage.tenancy.TenantAccess;
import io.nuage.tenancy.TenantStore;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/tenants/{tenant}/instances/{name}/console}: the instance's serial console as a WebSocket, proxied to
 * KubeVirt's console subresource. A Vert.x route, not a JAX-RS resource (JAX-RS cannot hand a connection over to a
 * WebSocket), so it does what the JAX-RS filters do for other requests itself: the token ({@link Authenticator}), the
 * rate limit, the tenant's access. An interactive console can do anything a keyboard can (log in, reboot the guest):
 * it takes the role that may change instances (admin or member), not a viewer's. Every refusal, and KubeVirt's own,
 * is answered as problem+json before the upgrade; only then is the client's connection upgraded.
 */
@Singleton
public class ConsoleSocket implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(ConsoleSocket.class);
    private static final String PATH = "/v1/tenants/:tenant/instances/:name/console";

    private final Authenticator authenticator;
    private final RateLimits limits;
    private final TenantStore tenants;
    private final InstanceStore instances;
    private final SerialConsoles consoles;
    private final ProblemMapper problems;

    ConsoleSocket(Authenticator authenticator, RateLimits limits, TenantStore tenants, InstanceStore instances,
            SerialConsoles consoles, ProblemMapper problems) {
        this.authenticator = authenticator;
        this.limits = limits;
        this.tenants = tenants;
        this.instances = instances;
        this.consoles = consoles;
        this.problems = problems;
    }

    /** A client asking for KubeVirt's subprotocol (as virtctl-like tools and browsers' terminals do) gets it. */
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setWebSocketSubProtocols(List.of(SerialConsoles.PROTOCOL));
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        customizeHttpServer(options);
    }

    void install(@Observes Router router) {
        // Before JAX-RS, which has no such path; after the body limit and the metrics guard.
        router.get(PATH).order(-500).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause(); // an upgrade after the checks needs the request not yet read to its end
        Context context = Vertx.currentContext();
        String tenant = ctx.pathParam("tenant");
        String name = ctx.pathParam("name");
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        ConsoleBridge bridge = new ConsoleBridge();
        Caller[] who = new Caller[1];
        authenticator.caller(request.getHeader(HttpHeaders.AUTHORIZATION))
                .invoke(caller -> {
                    who[0] = caller;
                    limits.take(caller);
                    TenantAccess.requireWrite(caller, tenant);
                })
                .chain(caller -> tenants.find(tenant)).onItem().ifNull().failWith(() -> NuageError.notFound("tenant", tenant))
                .chain(t -> instances.find(t.id(), name)).onItem().ifNull().failWith(() -> NuageError.notFound("instance", name))
                .chain(i -> ConsoleResource.onWorker(() -> consoles.requireRunning(tenant, name)))
                .chain(vmi -> {
                    if (!upgrade) {
                        return Uni.createFrom().failure(new UpgradeRequired());
                    }
                    return ConsoleResource.onWorker(() -> consoles.open(tenant, name, bridge))
                            .chain(opening -> Uni.createFrom().completionStage(opening));
                })
                .emitOn(task -> context.runOnContext(v -> task.run()))
                .subscribe().with(upstream -> {
                    LOG.infof("Console of instance %s/%s opened by token '%s'", tenant, name, who[0].tokenName());
                    request.toWebSocket()
                            .onSuccess(socket -> bridge.attach(socket, upstream))
                            .onFailure(e -> upstream.sendClose(1000, "the client's upgrade failed"));
                }, failure -> refuse(ctx, name, failure));
    }

    private void refuse(RoutingContext ctx, String name, Throwable failure) {
        Response answer;
        if (failure instanceof UpgradeRequired) {
            answer = ProblemMapper.problem(Problem.http(426, "upgrade_required", "Upgrade required",
                    "The console is a WebSocket: send the request with 'Connection: Upgrade' and 'Upgrade: websocket'"),
                    ctx.request().path());
            answer.getHeaders().putSingle("Upgrade", "websocket");
        } else if (failure instanceof NuageError e) {
            answer = ProblemMapper.problem(Problem.of(e), ctx.request().path());
        } else if (handshake(failure) != null) {
            answer = ProblemMapper.problem(refusedByCluster(name, handshake(failure).getResponse().code()), ctx.request().path());
        } else {
            answer = problems.internal(failure, null);
        }
        var out = ctx.response().setStatusCode(answer.getStatus());
        answer.getHeaders().forEach((header, values) -> {
            if (!header.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(v -> out.headers().add(header, String.valueOf(v)));
            }
        });
        out.putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON);
        ctx.request().resume();
        out.end(Json.encode(answer.getEntity() instanceof Map<?, ?> body ? body : Map.of()));
    }

    /**
     * KubeVirt refused the console: 400 is its answer for an instance that is not running (it stopped since we looked),
     * 404 for one that is gone; anything else is the cluster's failure, not the client's.
     */
    private static Problem refusedByCluster(String name, int status) {
        if (status == 400 || status == 404 || status == 409) {
            return Problem.of(SerialConsoles.notRunning(name));
        }
        return Problem.http(502, "console_unavailable", "Bad gateway",
                "The cluster did not open the console (it answered " + status + "); retry later");
    }

    private static WebSocketHandshakeException handshake(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException h) {
                return h;
            }
        }
        return null;
    }

    /** A plain GET of the console: answered 426 once every check has passed, so that it says what else would fail. */
    private static final class UpgradeRequired extends RuntimeException {
        UpgradeRequired() {
            super(null, null, false, false);
        }
    }
}
