package io.nuage.api;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.environment.Environment;
import io.nuage.environment.EnvironmentStatus;
import io.nuage.environment.EnvironmentStore;
import io.nuage.environment.Member;
import io.nuage.errors.NuageError;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Environments as they are shown, their status worked out from their members on every read; and the GET that waits for
 * a phase. As that phase is no column, a waiting GET reads the environment again every {@value #POLL_MILLIS} ms (on a
 * timer: no thread and no connection held in between).
 */
@ApplicationScoped
class EnvironmentReads {

    static final long POLL_MILLIS = 500;
    private static final List<String> PHASES = List.of(EnvironmentStatus.PROVISIONING, EnvironmentStatus.READY,
            EnvironmentStatus.FAILED, EnvironmentStatus.DELETING);

    private final EnvironmentStore environments;
    private final EnvironmentDocument document;
    private final TenantScoped scoped;
    private final CurrentVertxRequest request;
    private final Vertx vertx;

    EnvironmentReads(EnvironmentStore environments, EnvironmentDocument document, TenantScoped scoped, CurrentVertxRequest request,
            Vertx vertx) {
        this.vertx = vertx;
        this.environments = environments;
        this.document = document;
        this.scoped = scoped;
        this.request = request;
    }

    Uni<EnvironmentView> view(Environment e, Instant now) {
        return environments.members(e).map(live -> view(e, live, now));
    }

    /** A page of environments, their members read in one statement. */
    Uni<List<EnvironmentView>> views(List<Environment> list) {
        Instant now = scoped.now();
        return environments.members(list).map(live -> list.stream().map(e -> view(e, live.get(e.id()), now)).toList());
    }

    private EnvironmentView view(Environment e, List<Member> live, Instant now) {
        EnvironmentDocument.Members m = document.members(e.document());
        return new EnvironmentView(e.id(), e.name(), e.labels(), EnvironmentDocument.format(e.ttlSeconds()), e.expiresAt(),
                m.networks(), m.volumes(), m.instances(), e.generation(), e.createdAt(), e.updatedAt(), EnvironmentStatus.of(e, live, now));
    }

    /** The environment now, or once in the phase {@code wait} asks for (404 once gone), failed, or the timeout ended. */
    Uni<EnvironmentView> get(String tenant, String name, WaitQuery wait) {
        WaitQuery.Wanted wanted = wait.wanted(PHASES);
        if (wanted == null) {
            return scoped.get(tenant, "environment", name, environments::find).chain(e -> view(e, scoped.now()));
        }
        var response = request.getCurrent().response();
        long deadline = System.nanoTime() + wanted.timeout().toNanos();
        return scoped.read(tenant).chain(t -> until(() -> environments.find(t.id(), name)
                .onItem().ifNull().failWith(() -> NuageError.notFound("environment", name))
                .chain(e -> view(e, scoped.now())), wanted.phase(), deadline))
                .invoke(v -> {
                    if (!Waits.satisfied(v.status().phase(), wanted.phase())) {
                        response.putHeader(WaitingReads.TIMED_OUT, "true");
                    }
                });
    }

    /** Reads until the phase, a failure or the deadline; gone answers 404, which is what waiting for deleted expects. */
    private Uni<EnvironmentView> until(Supplier<Uni<EnvironmentView>> read, String phase, long deadline) {
        return read.get().chain(v -> {
            if (Waits.satisfied(v.status().phase(), phase) || System.nanoTime() >= deadline) {
                return Uni.createFrom().item(v);
            }
            // A Vert.x timer: the next read runs on this request's context, holding nothing while it waits.
            return Uni.createFrom().<Void> emitter(done -> vertx.setTimer(POLL_MILLIS, id -> done.complete(null)))
                    .chain(() -> until(read, phase, deadline));
        });
    }

}
