package io.nuage.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.nuage.errors.NuageError;
import io.nuage.network.Ipv4;
import io.nuage.portability.ImportDocument;
import io.nuage.portability.ImportedHistory;
import io.nuage.publicip.PublicIp;
import io.nuage.publicip.PublicPort;
import io.smallrye.mutiny.Uni;

/**
 * Recreates an export's resources in a tenant through the API's own creates, one resource at a time in
 * {@link io.nuage.portability.ExportFormat#RESOURCES}' order, so quotas, regions and names are checked as for any create and
 * the reconciler makes them converge. A create refused is skipped with its refusal; what cannot be recreated (tokens,
 * the tenant's settings, environments) is said so. Blocking: runs on the import's worker thread.
 */
@ApplicationScoped
class TenantImport {

    private static final Duration AWAIT = Duration.ofSeconds(60);

    private final ObjectMapper json;
    private final ImportedHistory history;
    private final SshKeyResource sshKeys;
    private final NetworkResource networks;
    private final ImageResource images;
    private final VolumeResource volumes;
    private final InstanceResource instances;
    private final SnapshotResource snapshots;
    private final PublicIpResource publicIps;

    TenantImport(ObjectMapper json, ImportedHistory history, SshKeyResource sshKeys, NetworkResource networks, ImageResource images,
            VolumeResource volumes, InstanceResource instances, SnapshotResource snapshots, PublicIpResource publicIps) {
        // The document's rows are the resources as GET shows them: the fields a create does not take are left aside.
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.history = history;
        this.sshKeys = sshKeys;
        this.networks = networks;
        this.images = images;
        this.volumes = volumes;
        this.instances = instances;
        this.snapshots = snapshots;
        this.publicIps = publicIps;
    }

    /** What an import of {@code document} into the (empty, checked) tenant {@code tenant} created, skipped and kept. */
    ImportReport run(String tenant, UUID tenantId, ImportDocument document, Instant now) {
        ImportDocument.Source source = document.source();
        Run r = new Run();
        r.skipped.add(new ImportReport.Item("tenant", source.tenant(), "tenant_settings_not_imported", "The tenant's display name,"
                + " labels, quota, regions and SLA target stay this tenant's: the operator sets them (PATCH /v1/tenants/" + tenant + ")"));
        document.each("tokens", t -> r.skipped.add(new ImportReport.Item("token", t.path("name").asText(), "token_not_imported",
                "A token's secret is never exported: create the tokens this tenant needs")));
        document.each("ssh_keys", k -> r.create("ssh_key", k, b -> sshKeys.create(tenant, as(b, SshKeyCreate.class))));
        document.each("networks", n -> r.create("network", n, b -> networks.create(tenant, as(b, NetworkCreate.class))));
        document.each("images", i -> {
            if (i.path("source").hasNonNull("snapshot")) {
                r.skip("image", i, "source_not_portable", "Made from a snapshot's volume, whose data an export does not carry");
            } else {
                r.create("image", i, b -> images.create(tenant, as(b, ImageCreate.class)));
            }
        });
        document.each("volumes", v -> {
            if (v.path("source").hasNonNull("snapshot")) {
                r.skip("volume", v, "source_not_portable", "Restored from a snapshot, whose data an export does not carry");
            } else {
                r.create("volume", v, b -> volumes.create(tenant, as(b, VolumeCreate.class)));
            }
        });
        document.each("instances", i -> instance(tenant, r, i));
        document.each("snapshots", s -> r.create("snapshot", s, b -> snapshots.create(tenant, as(b, SnapshotCreate.class))));
        document.each("public_ips", p -> publicIp(tenant, r, p));
        document.each("environments", e -> r.skip("environment", e, "environment_not_imported", "Its members are imported as"
                + " resources of their own (labelled nuage.io/environment); the environment itself, with its TTL, is not"));
        return new ImportReport(source.tenant(), source.tenantId(), source.exportedAt(), r.created, r.skipped, r.changed,
                history.keep(tenantId, document, source, now));
    }

    /** Its size from its type when it has one (a create takes one or the other); its user data was never exported. */
    private void instance(String tenant, Run r, ObjectNode i) {
        if (i.hasNonNull("instance_type")) {
            i.remove(List.of("vcpus", "memory_mib"));
        }
        r.create("instance", i, b -> instances.create(tenant, as(b, InstanceCreate.class)));
        if (i.hasNonNull("user_data_sha256") && r.wasCreated("instance", i)) {
            r.changed.add(new ImportReport.Change("instance", i.path("name").asText(), "user_data_sha256", i.get("user_data_sha256").asText(),
                    null, "User data may hold secrets and is never exported: the instance is created without it"));
        }
    }

    /** The same address where the region's pool has it free, then attached to the same instance with the same ports. */
    private void publicIp(String tenant, Run r, ObjectNode p) {
        // An address that is not IPv4 is not one a pool can give back: the lowest free one is taken, and said so.
        String wanted = p.path("address").asText("").matches(Ipv4.ADDRESS_PATTERN) ? p.get("address").asText() : null;
        PublicIp ip = r.attempt("public_ip", p, () -> publicIps.created(tenant, as(p, PublicIpCreate.class), wanted));
        if (ip == null) {
            return;
        }
        String had = p.path("address").asText(null);
        if (!Objects.equals(had, ip.address())) {
            r.changed.add(new ImportReport.Change("public_ip", ip.name(), "address", had, ip.address(),
                    "The address is held by another tenant now, or is outside this region's pool: the lowest free one was taken"));
        }
        if (p.hasNonNull("instance")) {
            // Converted inside the attempt: ports that are not ports skip the attachment, as a refused one does.
            r.attempt("public_ip_attachment", p, () -> publicIps.attach(tenant, ip.name(), null,
                    new PublicIpAttach(p.get("instance").asText(), p.path("ports").isArray() && !p.path("ports").isEmpty()
                            ? List.of(json.convertValue(p.get("ports"), PublicPort[].class)) : null)));
        }
    }

    private <T> T as(ObjectNode row, Class<T> type) {
        return json.convertValue(row, type);
    }

    /** The lists an import answers with, as it goes. */
    private static final class Run {
        final List<ImportReport.Item> created = new ArrayList<>();
        final List<ImportReport.Item> skipped = new ArrayList<>();
        final List<ImportReport.Change> changed = new ArrayList<>();

        void create(String kind, ObjectNode row, Function<ObjectNode, Uni<Response>> create) {
            attempt(kind, row, () -> create.apply(row));
        }

        /** The create's answer (its entity when it is a Response), or null when it was refused: then skipped with the refusal. */
        @SuppressWarnings("unchecked")
        <T> T attempt(String kind, ObjectNode row, Supplier<Uni<?>> create) {
            try {
                Object done = create.get().await().atMost(AWAIT);
                Object entity = done instanceof Response response ? response.getEntity() : done;
                if (!kind.endsWith("_attachment")) {
                    created.add(new ImportReport.Item(kind, row.path("name").asText(), null, null));
                }
                return (T) entity;
            } catch (NuageError e) {
                skipped.add(new ImportReport.Item(kind, row.path("name").asText(), e.code(), e.getMessage()
                        + (e.errors().isEmpty() ? "" : " " + e.errors().stream().map(f -> f.field() + ": " + f.message()).toList())));
                return null;
            } catch (IllegalArgumentException e) {
                skipped.add(new ImportReport.Item(kind, row.path("name").asText(), "malformed_row", e.getMessage()));
                return null;
            }
        }

        void skip(String kind, ObjectNode row, String code, String reason) {
            skipped.add(new ImportReport.Item(kind, row.path("name").asText(), code, reason));
        }

        boolean wasCreated(String kind, ObjectNode row) {
            return created.contains(new ImportReport.Item(kind, row.path("name").asText(), null, null));
        }
    }
}
