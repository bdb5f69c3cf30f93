package io.nuage.environment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.nuage.compute.InstanceStore;
import io.nuage.db.DatabaseOutage;
import io.nuage.db.Sql;
import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.network.NetworkStore;
import io.nuage.storage.VolumeStore;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Deletes what environments no longer declare: every member of one that expired or was deleted, and the members a PATCH
 * dropped. Instances go first; volumes and networks once no instance of the environment is left to hold them, so each
 * delete is one the API would accept. An environment whose members are all gone is gone. Runs on every replica every
 * {@code nuage.environments.sweep-interval}: each step is a delete request that may be repeated.
 */
@ApplicationScoped
public class EnvironmentSweep {

    private static final Logger LOG = Logger.getLogger(EnvironmentSweep.class);
    private static final int BATCH = 200;
    private static final List<String> KINDS = List.of("network", "volume", "instance");

    private final EnvironmentStore environments;
    private final TenantStore tenants;
    private final InstanceStore instances;
    private final VolumeStore volumes;
    private final NetworkStore networks;
    private final DatabaseOutage outage;
    private final Clock clock;

    EnvironmentSweep(EnvironmentStore environments, TenantStore tenants, InstanceStore instances, VolumeStore volumes,
            NetworkStore networks, DatabaseOutage outage, Clock clock) {
        this.environments = environments;
        this.tenants = tenants;
        this.instances = instances;
        this.volumes = volumes;
        this.networks = networks;
        this.outage = outage;
        this.clock = clock;
    }

    @Scheduled(every = "${nuage.environments.sweep-interval:5s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            for (Environment e : environments.due(now, BATCH).await().atMost(Sql.AWAIT)) {
                sweep(e, now).await().atMost(Sql.AWAIT);
            }
        } catch (RuntimeException e) {
            if (!outage.unavailable(e)) {
                LOG.warnf("The environment sweep failed; it runs again shortly: %s", e.getMessage());
            }
        }
    }

    /** One step for one environment. */
    Uni<Void> sweep(Environment e, Instant now) {
        boolean ending = e.ending(now);
        Set<String> declared = ending ? Set.of() : declared(e);
        return environments.members(e).chain(members -> {
            List<Member> extra = members.stream().filter(m -> !declared.contains(m.kind() + "/" + m.name())).toList();
            if (extra.isEmpty()) {
                return ending ? environments.gone(e, now) : environments.swept(e);
            }
            boolean instancesLeft = extra.stream().anyMatch(m -> m.kind().equals("instance"));
            List<Member> deletable = extra.stream().filter(m -> !m.phase().equals("deleting"))
                    .filter(m -> m.kind().equals("instance") || !instancesLeft).toList();
            return tenants.byId(e.tenantId()).chain(stored -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (Member m : deletable) {
                    chain = chain.chain(() -> delete(stored.tenant(), m, now));
                }
                return chain;
            });
        });
    }

    /** The members the document declares, as {@code kind/full name}. */
    private static Set<String> declared(Environment e) {
        Set<String> names = new HashSet<>();
        for (String kind : KINDS) {
            JsonArray bodies = e.document().getJsonArray(kind + "s", new JsonArray());
            for (int i = 0; i < bodies.size(); i++) {
                names.add(kind + "/" + e.memberName(((JsonObject) bodies.getValue(i)).getString("name")));
            }
        }
        return names;
    }

    /** A delete request; one refused now (a volume still attached, a network still used) is tried at the next sweep. */
    private Uni<Void> delete(Tenant tenant, Member m, Instant now) {
        Uni<?> request = switch (m.kind()) {
            case "instance" -> instances.requestDelete(tenant, m.name(), now, Precondition.none());
            case "volume" -> volumes.requestDelete(tenant, m.name(), now, Precondition.none());
            default -> networks.requestDelete(tenant, m.name(), now, Precondition.none());
        };
        return request.replaceWithVoid().onFailure(NuageError.class).recoverWithItem(f -> {
            LOG.debugf("Environment member %s/%s not deleted yet: %s", m.kind(), m.name(), f.getMessage());
            return null;
        });
    }
}
