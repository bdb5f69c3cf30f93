package io.nuage.network;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.errors.NuageError;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Chooses the addresses of a new instance's NICs, inside the transaction that creates it.
 * The networks' rows are locked first (in id order, so two creates never deadlock): creates
 * on one network take turns, so the lowest free address is never picked twice and nobody has
 * to retry. The primary key of network_addresses is the guarantee behind that: an address
 * inserted twice fails the transaction whatever the application did.
 */
@ApplicationScoped
public class NetworkAddresses {

    /** Hands out the lowest host address that is neither the gateway nor in use. */
    private static final String LOWEST_FREE = """
            SELECT host(set_masklen(n.cidr::inet + s, 32)) AS address
            FROM networks n, generate_series(1::bigint, (1::bigint << (32 - masklen(n.cidr))) - 2) AS s
            WHERE n.id = $1 AND set_masklen(n.cidr::inet + s, 32) <> n.gateway
              AND NOT EXISTS (SELECT 1 FROM network_addresses a WHERE a.network_id = n.id
                AND a.address = set_masklen(n.cidr::inet + s, 32))
            ORDER BY s LIMIT 1""";

    /** An address to insert with the instance, on the network with that id. */
    public record Planned(UUID networkId, String network, String ip) {
    }

    private record Target(UUID id, String name, Ipv4.Block cidr, long gateway, boolean deleting) {
    }

    /**
     * The address of each requested NIC, in the order asked; fails with the API's answer when
     * a network is unknown or being deleted, a requested address is not assignable or taken,
     * or a network has no address left. Must run in the transaction that inserts them.
     */
    public Uni<List<Planned>> plan(SqlClient tx, UUID tenantId, List<InstanceNetwork> requests) {
        String[] names = requests.stream().map(InstanceNetwork::network).toArray(String[]::new);
        return tx.preparedQuery("""
                SELECT id, name, cidr::text AS cidr, host(gateway) AS gateway, delete_requested_at IS NOT NULL AS deleting
                FROM networks WHERE tenant_id = $1 AND name = ANY($2) AND deleted_at IS NULL ORDER BY id FOR UPDATE""")
                .execute(Tuple.of(tenantId, names))
                .chain(rows -> {
                    Map<String, Target> targets = new HashMap<>();
                    for (Row r : rows) {
                        targets.put(r.getString("name"), new Target(r.getUUID("id"), r.getString("name"),
                                Ipv4.parseBlock(r.getString("cidr")), Ipv4.parse(r.getString("gateway")), r.getBoolean("deleting")));
                    }
                    return Multi.createFrom().iterable(requests)
                            .onItem().transformToUniAndConcatenate(req -> address(tx, target(targets, req), req))
                            .collect().asList();
                });
    }

    private static Target target(Map<String, Target> targets, InstanceNetwork req) {
        Target t = targets.get(req.network());
        if (t == null) {
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("network", req.network());
            throw NuageError.rejected("network_not_found", "Network '" + req.network() + "' does not exist in this tenant", ext);
        }
        if (t.deleting()) {
            throw NuageError.conflict("network_deleting", "Network '" + t.name() + "' is being deleted");
        }
        return t;
    }

    private static Uni<Planned> address(SqlClient tx, Target t, InstanceNetwork req) {
        if (req.ip() == null) {
            return tx.preparedQuery(LOWEST_FREE).execute(Tuple.of(t.id())).map(rows -> {
                if (rows.size() == 0) {
                    throw NuageError.conflict("network_exhausted", "Network '" + t.name() + "' (" + t.cidr()
                            + ") has no free address left");
                }
                return new Planned(t.id(), t.name(), rows.iterator().next().getString("address"));
            });
        }
        long ip = Ipv4.parse(req.ip());
        if (!t.cidr().contains(ip)) {
            throw unassignable("ip_outside_network", "Address " + req.ip() + " is outside network '" + t.name() + "' ("
                    + t.cidr() + ")", t);
        }
        if (!t.cidr().isHost(ip) || ip == t.gateway()) {
            String which = ip == t.gateway() ? "gateway" : ip == t.cidr().network() ? "network" : "broadcast";
            throw unassignable("ip_reserved", "Address " + req.ip() + " is the " + which + " address of network '"
                    + t.name() + "' and is never assigned", t);
        }
        return tx.preparedQuery("SELECT 1 FROM network_addresses WHERE network_id = $1 AND address = $2::text::inet")
                .execute(Tuple.of(t.id(), req.ip()))
                .map(rows -> {
                    if (rows.size() > 0) {
                        throw ipInUse(t.name(), req.ip());
                    }
                    return new Planned(t.id(), t.name(), req.ip());
                });
    }

    /** Also the answer when the database refuses a duplicate address that slipped past the check. */
    public static NuageError ipInUse(String network, String ip) {
        return NuageError.conflict("ip_in_use", "Address " + ip + " is already in use on network '" + network + "'");
    }

    private static NuageError unassignable(String code, String detail, Target t) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("network", t.name());
        ext.put("cidr", t.cidr().toString());
        ext.put("gateway", Ipv4.format(t.gateway()));
        return NuageError.rejected(code, detail, ext);
    }
}
