package io.nuage.publicip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.Sql;
import io.nuage.db.Transactions;
import io.nuage.errors.NuageError;
import io.nuage.errors.Precondition;
import io.nuage.network.FirewallRule;
import io.nuage.network.FirewallRules;
import io.nuage.tenancy.Tenant;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which instance a public address forwards to. Attaching locks the instance row before the address's, the order an
 * instance's delete takes them in ({@link #instanceDeleting}), so the two never deadlock and an address is never
 * attached to an instance being deleted. An instance has at most one address: checked here, and guaranteed by the
 * unique index of V30 against concurrent attaches.
 */
@ApplicationScoped
public class PublicIpAttachments {

    private static final String ATTACH = """
            UPDATE public_ips SET instance_id = $2, ports = $3, phase = 'attaching', updated_at = $4, generation = generation + 1
            WHERE id = $1 RETURNING %s""".formatted(PublicIpStore.COLUMNS);
    private static final String DETACH = """
            UPDATE public_ips SET instance_id = NULL, ports = '[]', phase = 'detaching', updated_at = $2, generation = generation + 1
            WHERE id = $1 RETURNING %s""".formatted(PublicIpStore.COLUMNS);

    private final Transactions db;

    PublicIpAttachments(Transactions db) {
        this.db = db;
    }

    private record Target(UUID id, String region) {
    }

    /**
     * Attaches to {@code instance} (of the same tenant and region), forwarding {@code ports}, or when null those the
     * instance's firewall opens ({@link FirewallPorts}). Attaching again to the same instance changes the ports.
     */
    public Uni<PublicIp> attach(Tenant tenant, String name, String instance, List<PublicPort> ports, Instant now,
            Precondition<PublicIp> expect) {
        return db.transaction(tx -> lockInstance(tx, tenant, instance)
                .chain(target -> PublicIpStore.lockLive(tx, tenant, name, expect).chain(current -> {
                    if (!current.region().equals(target.region())) {
                        Map<String, Object> facts = new LinkedHashMap<>();
                        facts.put("region", current.region());
                        facts.put("instance_region", target.region());
                        throw NuageError.rejected("region_mismatch", "Public address '" + name + "' is in region '"
                                + current.region() + "', instance '" + instance + "' in '" + target.region() + "'", facts);
                    }
                    if (current.instanceId() != null && !current.instanceId().equals(target.id())) {
                        throw NuageError.conflict("public_ip_attached", "Public address '" + name + "' is attached to instance '"
                                + current.instance() + "': detach it first", Map.of("instance", current.instance()));
                    }
                    Uni<List<PublicPort>> wanted = ports != null ? Uni.createFrom().item(ports)
                            : firewallRules(tx, target.id()).map(FirewallPorts::open);
                    return wanted.chain(p -> target.id().equals(current.instanceId()) && p.equals(current.ports())
                            ? tx.preparedQuery(PublicIpStore.REREAD).execute(Tuple.of(current.id())).map(PublicIpStore::first)
                            : otherAddress(tx, target.id(), current.id(), instance).chain(() -> tx.preparedQuery(ATTACH)
                                    .execute(Tuple.of(current.id(), target.id(), PublicIpStore.toJson(p), Sql.timestamp(now)))
                                    .map(PublicIpStore::first)
                                    .call(ip -> WorkItems.enqueue(tx, WorkKind.PUBLIC_IP, ip.id()))));
                })))
                .onFailure(Sql::isUniqueViolation).transform(e -> hasAddress(instance, null));
    }

    /** Detaches; a detached address stays as it is. */
    public Uni<PublicIp> detach(Tenant tenant, String name, Instant now, Precondition<PublicIp> expect) {
        return db.transaction(tx -> PublicIpStore.lockLive(tx, tenant, name, expect).chain(current -> current.instanceId() == null
                ? tx.preparedQuery(PublicIpStore.REREAD).execute(Tuple.of(current.id())).map(PublicIpStore::first)
                : tx.preparedQuery(DETACH).execute(Tuple.of(current.id(), Sql.timestamp(now))).map(PublicIpStore::first)
                        .call(ip -> WorkItems.enqueue(tx, WorkKind.PUBLIC_IP, ip.id()))));
    }

    /**
     * The hook of an instance's delete, in its transaction (the instance row locked): its address is detached, and stays
     * the tenant's, held and billed, until released.
     */
    public static Uni<Void> instanceDeleting(SqlClient tx, UUID instanceId, Instant now) {
        return tx.preparedQuery("""
                UPDATE public_ips SET instance_id = NULL, ports = '[]', phase = 'detaching', updated_at = $2,
                  generation = generation + 1
                WHERE instance_id = $1 AND deleted_at IS NULL RETURNING id""")
                .execute(Tuple.of(instanceId, Sql.timestamp(now)))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID("id")));
                    return WorkItems.enqueue(tx, WorkKind.PUBLIC_IP, ids);
                });
    }

    /** Shares the instance row: 422 when there is no such instance (the URL named the address), 409 while it is deleted. */
    private static Uni<Target> lockInstance(SqlClient tx, Tenant tenant, String instance) {
        return tx.preparedQuery("""
                SELECT id, region, delete_requested_at FROM instances
                WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL FOR SHARE""")
                .execute(Tuple.of(tenant.id(), instance))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw NuageError.rejected("instance_not_found", "Instance '" + instance + "' does not exist",
                                Map.of("instance", instance));
                    }
                    var r = rows.iterator().next();
                    if (r.getValue("delete_requested_at") != null) {
                        throw NuageError.conflict("instance_deleting", "Instance '" + instance + "' is being deleted");
                    }
                    return new Target(r.getUUID("id"), r.getString("region"));
                });
    }

    /** The ingress rules of the networks the instance has a NIC on. */
    private static Uni<List<FirewallRule>> firewallRules(SqlClient tx, UUID instanceId) {
        return tx.preparedQuery("""
                SELECT n.firewall_rules FROM network_addresses a JOIN networks n ON n.id = a.network_id
                WHERE a.instance_id = $1 ORDER BY n.name""")
                .execute(Tuple.of(instanceId))
                .map(rows -> {
                    List<FirewallRule> rules = new ArrayList<>();
                    rows.forEach(r -> rules.addAll(FirewallRules.fromJson(r.getJsonArray("firewall_rules"))));
                    return rules;
                });
    }

    /** 409 when another live address than {@code own} is attached to the instance. */
    private static Uni<Void> otherAddress(SqlClient tx, UUID instanceId, UUID own, String instance) {
        return tx.preparedQuery("SELECT name FROM public_ips WHERE instance_id = $1 AND id <> $2 AND deleted_at IS NULL")
                .execute(Tuple.of(instanceId, own))
                .invoke(rows -> {
                    if (rows.size() > 0) {
                        throw hasAddress(instance, rows.iterator().next().getString("name"));
                    }
                })
                .replaceWithVoid();
    }

    private static NuageError hasAddress(String instance, String other) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("instance", instance);
        if (other != null) {
            facts.put("public_ip", other);
        }
        return NuageError.conflict("instance_has_public_ip", "Instance '" + instance + "' already has a public address"
                + (other == null ? "" : " ('" + other + "')") + ": an instance has at most one; detach it first", facts);
    }
}
