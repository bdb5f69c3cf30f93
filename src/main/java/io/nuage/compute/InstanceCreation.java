package io.nuage.compute;

import io.nuage.db.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.db.Sql;
import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;
import io.nuage.image.BootImages;
import io.nuage.image.BootImages.BootImage;
import io.nuage.network.InstanceNetwork;
import io.nuage.network.NetworkAddresses;
import io.nuage.tenancy.Regions;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantStore;
import io.nuage.work.WorkItems;
import io.nuage.work.WorkKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Creating an instance: a write that spans the tenant's quota, the instance row, network addresses,
 * volume attachments and the work queue, owned here as one transaction with named steps. Nothing
 * happens unless all of it does; once committed, the reconcilers are woken.
 */
@ApplicationScoped
public class InstanceCreation {

    /**
     * One statement for the whole create, a round trip that matters at hundreds of creates a second
     * (docs/benchmarks.md, "an instance create is one statement"). Steps:
     * reserve - take the usage on the live tenant row, if the region is the tenant's and offered, the quota allows,
     *           every SSH key named is the tenant's, and the instance type named (if any) is live;
     * ins     - the instance row;
     * addr    - its planned addresses (none without NICs);
     * work    - its first reconcile pass.
     * When reserve takes nothing, nothing is inserted and the statement returns no row.
     */
    private static final String INSERT = """
            WITH reserve AS (
              UPDATE tenants SET used_vcpus = used_vcpus + $5::int, used_memory_mib = used_memory_mib + $6::int,
                used_instances = used_instances + 1, used_storage_gib = used_storage_gib + $21::int
              WHERE name = $2 AND deleted_at IS NULL
                AND COALESCE($4, regions[1]) = ANY(regions) AND COALESCE($4, regions[1]) = ANY($17::text[])
                AND used_vcpus + $5::int <= quota_vcpus AND used_memory_mib + $6::int <= quota_memory_mib
                AND used_instances + 1 <= quota_instances AND ($21::int = 0 OR used_storage_gib + $21::int <= quota_storage_gib)
                AND cardinality($18::text[]) = (SELECT count(*) FROM (SELECT 1 FROM ssh_keys k
                  WHERE k.tenant_id = tenants.id AND k.name = ANY($18::text[]) FOR SHARE) named)
                AND ($19::text IS NULL OR EXISTS (SELECT 1 FROM instance_types y WHERE y.name = $19 AND y.deleted_at IS NULL
                  AND y.delete_requested_at IS NULL FOR SHARE))
              RETURNING id, COALESCE($4, regions[1]) AS region),
            ins AS (
              INSERT INTO instances (id, tenant_id, name, region, vcpus, memory_mib, image, ssh_keys, user_data_sealed,
                user_data_sha256, labels, running, created_at, updated_at, networks, ssh_key_names, instance_type,
                boot_image, boot_size_gib, boot_source_namespace, boot_source_name, boot_image_id)
              SELECT $1, reserve.id, $3, reserve.region, $5::int, $6::int, $7, $8, $9, $10, $11, $12, $13, $13, $14::jsonb, $18, $19,
                $20, NULLIF($21::int, 0), $22, $23, $24
              FROM reserve
              RETURNING %s),
            addr AS (
              INSERT INTO network_addresses (network_id, address, instance_id, nic)
              SELECT x.network_id, x.address::inet, ins.id, x.nic::int
              FROM ins, unnest($15::uuid[], $16::text[]) WITH ORDINALITY AS x(network_id, address, nic)),
            work AS (
              INSERT INTO work_items (kind, resource_id, not_before) SELECT '%s', id, now() FROM ins)
            SELECT ins.* FROM ins""".formatted(InstanceStore.COLUMNS, WorkKind.INSTANCE.key());

    private final Transactions db;
    private final UserData userData;
    private final NetworkAddresses addresses;
    private final AttachmentStore attachments;
    private final TenantStore tenants;
    private final InstanceStore instances;
    private final WorkItems work;
    private final BootImages bootImages;

    InstanceCreation(Transactions db, UserData userData, NetworkAddresses addresses, AttachmentStore attachments,
            TenantStore tenants, InstanceStore instances, WorkItems work, BootImages bootImages) {
        this.bootImages = bootImages;
        this.db = db;
        this.userData = userData;
        this.addresses = addresses;
        this.attachments = attachments;
        this.tenants = tenants;
        this.instances = instances;
        this.work = work;
    }

    /**
     * Creates the instance in the live tenant named {@code tenantName} if its regions and quota allow it; the region
     * is the tenant's first unless {@code spec} names one. Without NICs or volumes it is the one statement above.
     * With them: read the tenant and check the region, lock the volumes (before the tenant row, as a volume growth
     * does), plan the addresses under the networks' locks, insert, then attach the volumes.
     */
    public Uni<Instance> create(String tenantName, InstanceSpec spec, List<InstanceNetwork> networks, List<String> volumes,
            List<String> offeredRegions, Instant now) {
        Uni<Instance> created = networks.isEmpty() && volumes.isEmpty() && spec.boot() == null
                ? insert(db.client(), tenantName, spec, List.of(), null, offeredRegions, now)
                : db.transaction(tx -> tenants.find(tx, tenantName).chain(tenant -> {
                    checkTenant(tenant, tenantName, spec, offeredRegions);
                    String region = spec.region() == null ? tenant.regions().get(0) : spec.region();
                    return SameRegion.require(tx, tenant.id(), spec.name(), region, volumes,
                                    networks.stream().map(InstanceNetwork::network).toList())
                            .chain(() -> bootSource(tx, tenant, spec, region))
                            .chain(boot -> attachments.lockForCreate(tx, tenant, volumes)
                            .chain(volumeIds -> plan(tx, tenant, networks)
                                    .chain(planned -> insert(tx, tenantName, boot.spec(), planned, boot.source(), offeredRegions, now))
                                    .call(i -> attachments.insertAtCreate(tx, i.id(), volumeIds, now)))
                            .chain(i -> volumes.isEmpty() ? Uni.createFrom().item(i) : InstanceStore.reread(tx, i.id())));
                }));
        return created.invoke(work::committed).onFailure(Sql::isUniqueViolation).transform(e -> duplicate(e, spec));
    }

    /** The spec with its boot disk sized (the image's size when it names none), and the image it clones. */
    private record Boot(InstanceSpec spec, BootImage source) {
    }

    /**
     * The image a boot disk clones, resolved and share-locked in the create's transaction: 422 image_not_found, 409
     * image_not_ready while it imports (wait_for=ready on it first), 422 boot_disk_too_small under the image's size.
     */
    private Uni<Boot> bootSource(SqlClient tx, Tenant tenant, InstanceSpec spec, String region) {
        if (spec.boot() == null) {
            return Uni.createFrom().item(new Boot(spec, null));
        }
        String name = spec.boot().image();
        return bootImages.resolve(tx, tenant, name).map(image -> {
            if (image == null) {
                throw NuageError.rejectedField("image_not_found", "There is no image '" + name + "' in the tenant's images nor"
                        + " in the catalog", new FieldError("boot.image", "no such image"));
            }
            // A tenant's image is on its region's storage; the catalog's serve every region.
            Regions.requireSame("Image '" + name + "'", image.region(), "instance '" + spec.name() + "'", region);
            if (!image.ready()) {
                throw NuageError.conflict("image_not_ready", "Image '" + name + "' is not ready yet: wait for it"
                        + " (GET its image with wait_for=ready), then create the instance");
            }
            int size = spec.boot().sizeGib() == 0 ? image.sizeGib() : spec.boot().sizeGib();
            if (size < image.sizeGib()) {
                throw NuageError.rejectedField("boot_disk_too_small", "Image '" + name + "' needs a disk of " + image.sizeGib()
                        + " GiB at least", new FieldError("boot.size_gib", "at least " + image.sizeGib()));
            }
            return new Boot(spec.withBoot(new BootDisk(name, size)), image);
        });
    }

    private Uni<List<NetworkAddresses.Planned>> plan(SqlClient tx, Tenant tenant, List<InstanceNetwork> networks) {
        return networks.isEmpty() ? Uni.createFrom().item(List.of()) : addresses.plan(tx, tenant.id(), networks);
    }

    private Uni<Instance> insert(SqlClient client, String tenantName, InstanceSpec spec, List<NetworkAddresses.Planned> nics,
            BootImage source, List<String> offeredRegions, Instant now) {
        JsonArray shown = new JsonArray();
        nics.forEach(n -> shown.add(new JsonObject().put("network", n.network()).put("ip", n.ip())));
        return client.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] { UUID.randomUUID(), tenantName, spec.name(), spec.region(), spec.vcpus(),
                        spec.memoryMib(), spec.image(), spec.sshKeys().toArray(String[]::new), userData.seal(spec.userData()),
                        UserData.digest(spec.userData()), Sql.json(spec.labels()), spec.running(), Sql.timestamp(now), shown,
                        nics.stream().map(NetworkAddresses.Planned::networkId).toArray(UUID[]::new),
                        nics.stream().map(NetworkAddresses.Planned::ip).toArray(String[]::new),
                        offeredRegions.toArray(String[]::new), spec.sshKeyNames().toArray(String[]::new), spec.instanceType(),
                        spec.boot() == null ? null : spec.boot().image(), spec.storageGib(),
                        source == null ? null : source.namespace(), source == null ? null : source.dataSource(),
                        source == null ? null : source.id() }))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item(InstanceStore.map(rows.iterator().next()))
                        : refusal(client, tenantName, spec, offeredRegions));
    }

    /**
     * Why the tenant took no instance: it is gone (404), the region is not its (422), an SSH key named is not its
     * (422), or the quota is full (422).
     */
    private Uni<Instance> refusal(SqlClient client, String tenantName, InstanceSpec spec, List<String> offeredRegions) {
        return tenants.find(client, tenantName).chain(tenant -> {
            checkTenant(tenant, tenantName, spec, offeredRegions);
            Uni<?> type = spec.instanceType() == null ? Uni.createFrom().voidItem()
                    : InstanceTypeStore.resolve(client, spec.instanceType(), "instance_type");
            return type.chain(() -> SshKeyStore.requireExisting(client, tenant.id(), spec.sshKeyNames()))
                    .chain(() -> InstanceQuota.createRefused(client, tenant.id(), spec)).map(e -> {
                        throw e;
                    });
        });
    }

    private static void checkTenant(Tenant tenant, String tenantName, InstanceSpec spec, List<String> offeredRegions) {
        if (tenant == null) {
            throw NuageError.notFound("tenant", tenantName);
        }
        Regions.check(tenant, spec.region() == null ? tenant.regions().get(0) : spec.region(), offeredRegions);
    }

    /** A duplicate name; or, should an address slip past the locks, the primary key refusing it. */
    private static NuageError duplicate(Throwable e, InstanceSpec spec) {
        if (e instanceof PgException pg && "network_addresses_pkey".equals(pg.getConstraint())) {
            return NuageError.conflict("ip_in_use", "An address asked for is already in use; try again");
        }
        return NuageError.conflict("already_exists", "An instance named '" + spec.name() + "' already exists");
    }
}
