package io.nuage.portability;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nuage.compute.InstanceStore;
import io.nuage.compute.SshKeyStore;
import io.nuage.db.ListFilter;
import io.nuage.db.Sql;
import io.nuage.image.ImageStore;
import io.nuage.network.NetworkStore;
import io.nuage.portability.QueriedSections.Queried;
import io.nuage.publicip.PublicIpStore;
import io.nuage.sla.SlaReports;
import io.nuage.storage.SnapshotStore;
import io.nuage.storage.VolumeStore;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TokenStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes a tenant's export document onto a stream as it reads it: each section a batch at a time (keyset pages of
 * {@link #BATCH} rows), each row written before the next batch is read, so memory stays bounded whatever the tenant
 * holds. Resources are written as the API shows them (their GET's body), through their stores' lists; the tables with
 * no API view of their rows by the query of their section. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class TenantExport {

    /** Rows a batch reads. */
    static final int BATCH = 500;

    /** A store's keyset list of the tenant's rows, as the API's lists page them. */
    @FunctionalInterface
    private interface Listed<T> {
        Uni<List<T>> list(UUID tenantId, String after, int limit, ListFilter filter);
    }

    private final Pool pool;
    private final ObjectMapper json;
    private final Clock clock;
    private final SlaReports reports;
    private final TokenStore tokens;
    private final SshKeyStore sshKeys;
    private final NetworkStore networks;
    private final ImageStore images;
    private final VolumeStore volumes;
    private final InstanceStore instances;
    private final SnapshotStore snapshots;
    private final PublicIpStore publicIps;

    TenantExport(Pool pool, ObjectMapper json, Clock clock, SlaReports reports, TokenStore tokens, SshKeyStore sshKeys,
            NetworkStore networks, ImageStore images, VolumeStore volumes, InstanceStore instances, SnapshotStore snapshots,
            PublicIpStore publicIps) {
        this.pool = pool;
        this.json = json;
        this.clock = clock;
        this.reports = reports;
        this.tokens = tokens;
        this.sshKeys = sshKeys;
        this.networks = networks;
        this.images = images;
        this.volumes = volumes;
        this.instances = instances;
        this.snapshots = snapshots;
        this.publicIps = publicIps;
    }

    /** The whole document of {@code tenant}, in {@link ExportFormat}'s order; the stream is left open. */
    public void write(Tenant tenant, OutputStream out) throws IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("format", ExportFormat.FORMAT);
            g.writeNumberField("version", ExportFormat.VERSION);
            g.writeStringField("exported_at", now.toString());
            g.writeFieldName("tenant");
            json.writeValue(g, tenant);
            UUID id = tenant.id();
            listed(g, "tokens", id, tokens::list, t -> t.name());
            listed(g, "ssh_keys", id, sshKeys::list, k -> k.name());
            listed(g, "networks", id, networks::list, n -> n.name());
            queried(g, QueriedSections.NETWORK_ADDRESSES, id);
            listed(g, "images", id, images::list, i -> i.name());
            listed(g, "volumes", id, volumes::list, v -> v.name());
            queried(g, QueriedSections.VOLUME_EXPORTS, id);
            listed(g, "instances", id, instances::list, i -> i.name());
            listed(g, "snapshots", id, snapshots::list, s -> s.name());
            listed(g, "public_ips", id, publicIps::list, p -> p.name());
            queried(g, QueriedSections.ENVIRONMENTS, id);
            queried(g, QueriedSections.LEDGER_RESOURCES, id);
            queried(g, QueriedSections.LEDGER_TRANSITIONS, id);
            queried(g, QueriedSections.LEDGER_MONTHLY, id);
            usage(g, tenant, now);
            queried(g, QueriedSections.AUDIT_ENTRIES, id);
            queried(g, QueriedSections.AUDIT_CHECKPOINTS, id);
            queried(g, QueriedSections.HISTORY, id);
            g.writeEndObject();
        }
    }

    private <T> void listed(JsonGenerator g, String section, UUID tenantId, Listed<T> store, Function<T, String> name)
            throws IOException {
        g.writeArrayFieldStart(section);
        String after = "";
        List<T> batch;
        do {
            batch = store.list(tenantId, after, BATCH, ListFilter.NONE).await().atMost(Sql.AWAIT);
            for (T row : batch) {
                json.writeValue(g, row);
            }
            if (!batch.isEmpty()) {
                after = name.apply(batch.get(batch.size() - 1));
            }
            g.flush();
        } while (batch.size() == BATCH);
        g.writeEndArray();
    }

    private void queried(JsonGenerator g, Queried section, UUID tenantId) throws IOException {
        g.writeArrayFieldStart(section.name());
        List<Object> key = section.first();
        int read;
        do {
            List<Object> params = new ArrayList<>();
            params.add(tenantId);
            params.addAll(key);
            params.add(BATCH);
            read = 0;
            for (Row row : pool.preparedQuery(section.sql()).execute(Tuple.from(params)).await().atMost(Sql.AWAIT)) {
                RowWriter.write(row, g, json);
                key = section.key().apply(row);
                read++;
            }
            g.flush();
        } while (read == BATCH);
        g.writeEndArray();
    }

    /** Usage (as GET .../usage reports it) for each calendar month (UTC) from the tenant's first ledger row to now. */
    private void usage(JsonGenerator g, Tenant tenant, Instant now) throws IOException {
        g.writeArrayFieldStart("usage");
        Row first = pool.preparedQuery("""
                SELECT min(t.at) AS first FROM ledger_transitions t JOIN ledger_resources r ON r.resource_id = t.resource_id
                WHERE r.tenant_id = $1""").execute(Tuple.of(tenant.id())).await().atMost(Sql.AWAIT).iterator().next();
        OffsetDateTime since = first.getOffsetDateTime("first");
        if (since != null) {
            YearMonth last = YearMonth.from(now.atOffset(ZoneOffset.UTC));
            for (YearMonth m = YearMonth.from(since.withOffsetSameInstant(ZoneOffset.UTC)); !m.isAfter(last); m = m.plusMonths(1)) {
                Instant from = m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                Instant to = m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                g.writeStartObject();
                g.writeStringField("month", m.toString());
                g.writeFieldName("report");
                json.writeValue(g, reports.usage(tenant, from, to.isAfter(now) ? now : to, now).await().atMost(Sql.AWAIT));
                g.writeEndObject();
                g.flush();
            }
        }
        g.writeEndArray();
    }
}
