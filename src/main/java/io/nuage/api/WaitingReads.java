package io.nuage.api;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.errors.NuageError;
import io.nuage.tenancy.Tenant;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;

/** The GET of one resource, held while it waits for a phase ({@link WaitQuery}, {@link Waits}). */
@ApplicationScoped
public class WaitingReads {

    static final String TIMED_OUT = "Nuage-Wait-Timed-Out";

    /** How a kind is waited on: its table, its phases, and how to read one by name, by id, and its phase. */
    record Kind<T>(String kind, String table, List<String> phases, TenantScoped.Row<T> byName, TenantScoped.RowById<T> byId,
            Function<T, UUID> id, Function<T, String> phase) {
    }

    private final TenantScoped scoped;
    private final Waits waits;
    private final CurrentVertxRequest request;

    WaitingReads(TenantScoped scoped, Waits waits, CurrentVertxRequest request) {
        this.scoped = scoped;
        this.waits = waits;
        this.request = request;
    }

    /**
     * The resource now, or, with {@code wait_for}, once it is in the phase asked for (404 once it is gone), has failed,
     * or the timeout ended ({@value #TIMED_OUT}: true). Bad parameters answer 400 before anything is read.
     */
    <T> Uni<T> get(String tenant, String name, WaitQuery wait, Kind<T> kind) {
        return get(() -> scoped.read(tenant).map(Tenant::id), name, wait, kind);
    }

    /**
     * The same for any scope a store reads its rows under: {@code scope} checks the caller's access and gives the key
     * (a tenant's id, or the image catalog's).
     */
    <T> Uni<T> get(Supplier<Uni<UUID>> scope, String name, WaitQuery wait, Kind<T> kind) {
        WaitQuery.Wanted wanted = wait.wanted(kind.phases());
        var response = wanted == null ? null : request.getCurrent().response();
        return scope.get().chain(key -> kind.byName().find(key, name)
                .onItem().ifNull().failWith(() -> NuageError.notFound(kind.kind(), name))
                .chain(found -> {
                    if (wanted == null || Waits.satisfied(kind.phase().apply(found), wanted.phase())) {
                        return Uni.createFrom().item(found);
                    }
                    UUID id = kind.id().apply(found);
                    return waits.until(kind.table(), id, wanted.phase(), wanted.timeout())
                            .chain(reached -> kind.byId().find(key, id)
                                    .onItem().ifNull().failWith(() -> NuageError.notFound(kind.kind(), name))
                                    .invoke(now -> {
                                        if (!reached) {
                                            response.putHeader(TIMED_OUT, "true");
                                        }
                                    }));
                }));
    }
}
