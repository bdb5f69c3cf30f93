package io.nuage.compute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.compute.AttachmentStore.Attached;
import io.nuage.db.ReconcilerDatabase;
import io.nuage.db.Sql;
import io.nuage.kubevirt.DesiredInstance;
import io.nuage.kubevirt.DesiredNic;
import io.nuage.sla.Recorded;
import io.nuage.status.Conditions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Instance rows as the reconciler reads and writes them: a batch of passes reads its rows in one statement
 * and writes the statuses that changed in another, on the reconciler's own pool, which plans them once
 * ({@link ReconcilerDatabase}).
 */
@ApplicationScoped
public class InstanceRows {

    /** Who an instance is and where: what every pass and ledger observation names. */
    public record Ref(UUID id, UUID tenantId, String tenant, String name, String region, Instant createdAt) {
    }

    /**
     * What the tenant wants the guest to be; user data still sealed. {@code sshKeys} are the instance's own keys, then
     * those of the tenant's keys it names ({@code namesKeys}), whose changes are propagated to the running guest.
     */
    public record Desired(int vcpus, int memoryMib, String image, List<String> sshKeys, boolean namesKeys, byte[] userDataSealed,
            boolean running, List<DesiredNic> nics, List<Attached> attachments, String instanceType, DesiredInstance.BootDisk boot) {
    }

    /** Restarts asked for through the API, and those a pass has carried out. */
    public record Restarts(int requested, int done) {
        public boolean pending() {
            return requested > done;
        }
    }

    /** Everything a reconcile pass needs about one instance. */
    public record Reconcilable(Ref ref, Desired desired, long generation, boolean deleting, Restarts restarts,
            InstanceStatus status, Recorded recorded) {
        public UUID id() {
            return ref.id();
        }

        public String name() {
            return ref.name();
        }

        /** The same row once a pass has carried out the restarts asked for until {@code done}. */
        public Reconcilable withRestartsDone(int done) {
            return new Reconcilable(ref, desired, generation, deleting, new Restarts(restarts.requested(), done), status, recorded);
        }
    }

    /** Observed status for one instance, as a pass saw it, from the desired state of {@code generation}. */
    public record StatusWrite(UUID id, long generation, InstanceStatus status, int restartsDone) {
    }

    /**
     * The live rows among $1, with the tenant's name, the NICs in order (with what the guest's network data needs
     * of each network), the attachments, and what the ledger last recorded.
     */
    static final String RECONCILABLE = """
            SELECT i.*, t.name AS tenant_name,
              (SELECT COALESCE(json_agg(json_build_object('network', n.name, 'ip', host(a.address),
                        'prefix', masklen(n.cidr), 'dns', n.dns_servers) ORDER BY a.nic), '[]'::json)
               FROM network_addresses a JOIN networks n ON n.id = a.network_id WHERE a.instance_id = i.id) AS nics,
              (SELECT COALESCE(array_agg(k.public_key ORDER BY array_position(i.ssh_key_names, k.name)), '{}')
               FROM ssh_keys k WHERE k.tenant_id = i.tenant_id AND k.name = ANY(i.ssh_key_names)) AS named_keys,
              %s, %s
            FROM instances i JOIN tenants t ON t.id = i.tenant_id
            LEFT JOIN ledger_resources l ON l.resource_id = i.id
            WHERE i.id = ANY($1) AND i.deleted_at IS NULL""".formatted(AttachmentStore.ATTACHMENTS_OF_I, Recorded.columns("l"));

    /**
     * Writes each status only if the desired state is still the generation its pass worked from: a change in
     * between re-enqueued the item, and the next pass reports. Rows are found through the array of ids, by
     * primary key (docs/benchmarks.md, "a batch's rows are read, and its statuses written, in one statement each").
     */
    static final String STATUS_WRITE = """
            UPDATE instances i SET phase = s.phase, status_message = s.message, conditions = s.conditions,
              ip_addresses = s.ip_addresses, node = s.node, observed_generation = s.observed_generation,
              restarts_done = s.restarts_done
            FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, generation bigint, phase text, message text,
              conditions jsonb, ip_addresses text[], node text, observed_generation bigint, restarts_done int)
            WHERE i.id = ANY($2) AND i.id = s.id AND i.generation = s.generation AND i.deleted_at IS NULL""";

    /**
     * Second phase of a delete, once the cluster objects are gone. Steps:
     * detached - its attachments go (only if a delete was asked for);
     * gone     - the row becomes a tombstone, kept as history;
     * freed    - its addresses return to their networks;
     * and the tenant's usage gives back its size.
     */
    private static final String TOMBSTONE = """
            WITH detached AS (
              DELETE FROM volume_attachments WHERE instance_id = $1
                AND EXISTS (SELECT 1 FROM instances WHERE id = $1 AND delete_requested_at IS NOT NULL)),
            gone AS (
              UPDATE instances SET deleted_at = $2, phase = 'deleted', ip_addresses = '{}'
              WHERE id = $1 AND delete_requested_at IS NOT NULL AND deleted_at IS NULL
              RETURNING id, tenant_id, vcpus, memory_mib, COALESCE(boot_size_gib, 0) AS boot_gib),
            freed AS (
              DELETE FROM network_addresses a USING gone WHERE a.instance_id = gone.id)
            UPDATE tenants t SET used_vcpus = used_vcpus - gone.vcpus, used_memory_mib = used_memory_mib - gone.memory_mib,
              used_instances = used_instances - 1, used_storage_gib = used_storage_gib - gone.boot_gib
            FROM gone WHERE t.id = gone.tenant_id""";

    private final Pool pool;
    private final ReconcilerDatabase passes;
    private final UserData userData;

    InstanceRows(Pool pool, ReconcilerDatabase passes, UserData userData) {
        this.pool = pool;
        this.passes = passes;
        this.userData = userData;
    }

    /** The live (not tombstoned) instances among {@code ids}, by id. */
    public Uni<Map<UUID, Reconcilable>> reconcilable(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return passes.pool().preparedQuery(RECONCILABLE)
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Reconcilable> found = new HashMap<>();
                    rows.forEach(r -> found.put(r.getUUID("id"), reconcilable(r)));
                    return found;
                });
    }

    public String openUserData(byte[] sealed) {
        return userData.open(sealed);
    }

    /** The observed statuses of a batch of passes, in one statement. */
    public Uni<Void> writeStatuses(List<StatusWrite> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JsonArray statuses = new JsonArray();
        for (StatusWrite w : writes) {
            InstanceStatus status = w.status();
            statuses.add(new JsonObject().put("id", w.id().toString()).put("generation", w.generation())
                    .put("phase", status.phase().key()).put("message", status.message())
                    .put("conditions", Conditions.toJson(status.conditions()))
                    .put("ip_addresses", new JsonArray(status.ipAddresses())).put("node", status.node())
                    .put("observed_generation", status.observedGeneration()).put("restarts_done", w.restartsDone()));
        }
        return passes.pool().preparedQuery(STATUS_WRITE)
                .execute(Tuple.of(statuses, writes.stream().map(StatusWrite::id).toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    /** The cluster objects are gone: keep the row as history, free its addresses and volumes, give back its quota. */
    public Uni<Void> tombstone(UUID id, Instant now) {
        return pool.preparedQuery(TOMBSTONE).execute(Tuple.of(id, Sql.timestamp(now))).replaceWithVoid();
    }

    private static Reconcilable reconcilable(Row r) {
        io.vertx.mutiny.core.buffer.Buffer sealed = r.getBuffer("user_data_sealed");
        Ref ref = new Ref(r.getUUID("id"), r.getUUID("tenant_id"), r.getString("tenant_name"), r.getString("name"),
                r.getString("region"), Sql.instant(r, "created_at"));
        List<String> keys = new ArrayList<>(Arrays.asList(r.getArrayOfStrings("ssh_keys")));
        String[] named = r.getArrayOfStrings("named_keys");
        Arrays.stream(named).filter(k -> !keys.contains(k)).forEach(keys::add);
        Desired desired = new Desired(r.getInteger("vcpus"), r.getInteger("memory_mib"), r.getString("image"), keys,
                r.getArrayOfStrings("ssh_key_names").length > 0, sealed == null ? null : sealed.getBytes(), r.getBoolean("running"),
                nics(r.getJsonArray("nics")), AttachmentStore.attachments(r.getJsonArray("attachments")), r.getString("instance_type"),
                r.getString("boot_source_name") == null ? null : new DesiredInstance.BootDisk(r.getString("boot_source_namespace"),
                        r.getString("boot_source_name"), r.getInteger("boot_size_gib")));
        return new Reconcilable(ref, desired, r.getLong("generation"), r.getValue("delete_requested_at") != null,
                new Restarts(r.getInteger("restarts_requested"), r.getInteger("restarts_done")), InstanceStore.status(r),
                Recorded.of(r));
    }

    private static List<DesiredNic> nics(JsonArray json) {
        List<DesiredNic> nics = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            JsonObject n = json.getJsonObject(i);
            List<String> dns = new ArrayList<>();
            n.getJsonArray("dns").forEach(s -> dns.add((String) s));
            nics.add(new DesiredNic(n.getString("network"), n.getString("ip"), n.getInteger("prefix"), dns));
        }
        return nics;
    }
}
