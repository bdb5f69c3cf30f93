package io.nuage.network;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** How Nuage hands out addresses: never twice, never reserved ones, freed with the instance. */
@QuarkusTest
class NetworkAddressTest {

    @Inject
    Pool pool;

    @Test
    void twoHundredConcurrentCreatesGetTwoHundredDistinctAddresses() throws Exception {
        String t = Networks.tenantFor(200);
        Networks.create(t, "crowd", "10.20.30.0/24");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Response>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String name = "vm-" + i;
                responses.add(pool.submit(() -> admin().body(Networks.instance(name, List.of(Networks.nic("crowd"))))
                        .post(Networks.instancesPath(t)).thenReturn()));
            }
            Set<String> addresses = new HashSet<>();
            for (Future<Response> f : responses) {
                Response r = f.get();
                assertEquals(201, r.statusCode(), r.asString());
                assertEquals("crowd", r.jsonPath().getString("networks[0].network"));
                String ip = r.jsonPath().getString("networks[0].ip");
                assertTrue(addresses.add(ip), ip + " handed out twice");
                long a = Ipv4.parse(ip);
                assertTrue(a > Ipv4.parse("10.20.30.1") && a < Ipv4.parse("10.20.30.255"), ip + " outside the host range");
            }
            assertEquals(200, addresses.size());
        } finally {
            pool.shutdownNow();
        }
        // What the API lists agrees with what the creates answered.
        Set<String> listed = new HashSet<>(admin().queryParam("limit", 500).get(Networks.instancesPath(t)).then()
                .statusCode(200).extract().jsonPath().getList("items.collect { it.networks[0].ip }", String.class));
        assertEquals(200, listed.size());
        admin().get(Networks.path(t) + "/crowd").then()
                .body("status.allocated", equalTo(200))
                .body("status.available", equalTo(53));
    }

    @Test
    void theDatabaseItselfRefusesAnAddressTwice() {
        String t = Networks.tenantFor(2);
        Networks.create(t, "pk", "10.30.0.0/24");
        admin().body(Networks.instance("one", List.of(Networks.nic("pk", "10.30.0.9")))).post(Networks.instancesPath(t))
                .then().statusCode(201);
        String instance = admin().body(Networks.instance("two", List.of())).post(Networks.instancesPath(t))
                .then().statusCode(201).extract().path("id");
        // Bypassing the application: the primary key (network_id, address) still says no.
        Throwable refused = assertThrows(Throwable.class, () -> pool.preparedQuery("INSERT INTO network_addresses"
                + " (network_id, address, instance_id, nic) SELECT network_id, address, $1, 2 FROM network_addresses"
                + " WHERE address = '10.30.0.9'::inet").execute(Tuple.of(UUID.fromString(instance))).await().indefinitely());
        assertTrue(refused instanceof PgException pg && "network_addresses_pkey".equals(pg.getConstraint()), String.valueOf(refused));
    }

    @Test
    void addressesStartAfterTheGatewayAndARequestedFreeOneIsHonoured() {
        String t = Networks.tenantFor(4);
        Networks.create(t, "lan", "10.21.0.0/24");
        admin().body(Networks.instance("first", List.of(Networks.nic("lan")))).post(Networks.instancesPath(t)).then()
                .statusCode(201).body("networks", equalTo(List.of(Map.of("network", "lan", "ip", "10.21.0.2"))));
        admin().body(Networks.instance("chosen", List.of(Networks.nic("lan", "10.21.0.3")))).post(Networks.instancesPath(t))
                .then().statusCode(201).body("networks[0].ip", equalTo("10.21.0.3"));
        admin().body(Networks.instance("next", List.of(Networks.nic("lan")))).post(Networks.instancesPath(t)).then()
                .statusCode(201).body("networks[0].ip", equalTo("10.21.0.4"));
        admin().get(Networks.instancesPath(t) + "/chosen").then().statusCode(200)
                .body("networks", equalTo(List.of(Map.of("network", "lan", "ip", "10.21.0.3"))));
    }

    @Test
    void aGatewayOtherThanTheFirstAddressIsSkippedAndTheFirstIsUsed() {
        String t = Networks.tenantFor(2);
        Map<String, Object> body = Networks.body("gw", "10.22.0.0/24");
        body.put("gateway", "10.22.0.254");
        admin().body(body).post(Networks.path(t)).then().statusCode(201);
        admin().body(Networks.instance("a", List.of(Networks.nic("gw")))).post(Networks.instancesPath(t)).then()
                .statusCode(201).body("networks[0].ip", equalTo("10.22.0.1"));
        admin().body(Networks.instance("b", List.of(Networks.nic("gw", "10.22.0.254")))).post(Networks.instancesPath(t)).then()
                .statusCode(422).body("code", equalTo("ip_reserved"));
    }

    @Test
    void requestedAddressErrors() {
        String t = Networks.tenantFor(4);
        Networks.create(t, "net", "10.23.0.0/24");
        admin().body(Networks.instance("holder", List.of(Networks.nic("net", "10.23.0.10")))).post(Networks.instancesPath(t))
                .then().statusCode(201);

        admin().body(Networks.instance("taken", List.of(Networks.nic("net", "10.23.0.10")))).post(Networks.instancesPath(t))
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("ip_in_use"))
                .body("detail", equalTo("Address 10.23.0.10 is already in use on network 'net'"));
        admin().body(Networks.instance("outside", List.of(Networks.nic("net", "10.24.0.10")))).post(Networks.instancesPath(t))
                .then().statusCode(422)
                .body("code", equalTo("ip_outside_network"))
                .body("cidr", equalTo("10.23.0.0/24"));
        for (String reserved : List.of("10.23.0.0", "10.23.0.1", "10.23.0.255")) {
            admin().body(Networks.instance("reserved", List.of(Networks.nic("net", reserved)))).post(Networks.instancesPath(t))
                    .then().statusCode(422)
                    .body("code", equalTo("ip_reserved"))
                    .body("gateway", equalTo("10.23.0.1"));
        }
        admin().body(Networks.instance("nowhere", List.of(Networks.nic("missing")))).post(Networks.instancesPath(t))
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("network_not_found"))
                .body("network", equalTo("missing"));
        // None of the refused creates left an instance, an address or used quota behind.
        admin().get(Networks.instancesPath(t)).then().body("items.name", equalTo(List.of("holder")));
        admin().get(Networks.path(t) + "/net").then().body("status.allocated", equalTo(1));
        admin().get("/v1/tenants/" + t).then().statusCode(200);
    }

    @Test
    void aFullNetworkAnswers409() {
        String t = Networks.tenantFor(6);
        Networks.create(t, "tiny", "10.25.0.0/29"); // 8 addresses: network, gateway, 5 hosts, broadcast
        for (int i = 0; i < 5; i++) {
            admin().body(Networks.instance("h" + i, List.of(Networks.nic("tiny")))).post(Networks.instancesPath(t)).then()
                    .statusCode(201).body("networks[0].ip", equalTo("10.25.0." + (i + 2)));
        }
        admin().body(Networks.instance("h5", List.of(Networks.nic("tiny")))).post(Networks.instancesPath(t)).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("network_exhausted"));
        admin().get(Networks.path(t) + "/tiny").then().body("status.allocated", equalTo(5)).body("status.available", equalTo(0));
        admin().get("/v1/tenants/" + t).then().statusCode(200);
        admin().get(Networks.instancesPath(t) + "/h5").then().statusCode(404);
    }

    @Test
    void deletingTheInstanceFreesItsAddress() {
        String t = Networks.tenantFor(2);
        Networks.create(t, "reuse", "10.26.0.0/24");
        admin().body(Networks.instance("old", List.of(Networks.nic("reuse", "10.26.0.77")))).post(Networks.instancesPath(t))
                .then().statusCode(201);
        admin().delete(Networks.instancesPath(t) + "/old").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "old deleted",
                () -> admin().get(Networks.instancesPath(t) + "/old").statusCode() == 404);
        admin().body(Networks.instance("new", List.of(Networks.nic("reuse", "10.26.0.77")))).post(Networks.instancesPath(t))
                .then().statusCode(201).body("networks[0].ip", equalTo("10.26.0.77"));
        admin().get(Networks.path(t) + "/reuse").then().body("status.allocated", equalTo(1));
    }

    @Test
    void aNetworkBeingDeletedTakesNoNewInstance() {
        String t = Networks.tenantFor(2);
        Networks.create(t, "going", "10.27.0.0/24");
        admin().delete(Networks.path(t) + "/going").then().statusCode(202);
        Response r = admin().body(Networks.instance("late", List.of(Networks.nic("going")))).post(Networks.instancesPath(t))
                .thenReturn();
        // Depending on how fast the reconciler is, the network is deleting (409) or already gone (422).
        String code = r.jsonPath().getString("code");
        assertTrue(r.statusCode() == 409 && "network_deleting".equals(code) || r.statusCode() == 422 && "network_not_found".equals(code),
                r.statusCode() + " " + code);
        assertFalse(admin().get(Networks.instancesPath(t) + "/late").statusCode() == 200);
    }

    @Test
    void instancesOnTwoNetworksGetOneAddressOnEach() {
        String t = Networks.tenantFor(2);
        Networks.create(t, "front", "10.28.0.0/24");
        Networks.create(t, "back", "10.29.0.0/24");
        admin().body(Networks.instance("both", List.of(Networks.nic("front"), Networks.nic("back", "10.29.0.50"))))
                .post(Networks.instancesPath(t)).then().statusCode(201)
                .body("networks", equalTo(List.of(Map.of("network", "front", "ip", "10.28.0.2"),
                        Map.of("network", "back", "ip", "10.29.0.50"))));
        // All or nothing: a second NIC that cannot be had leaves no address on the first network.
        admin().body(Networks.instance("half", List.of(Networks.nic("front"), Networks.nic("back", "10.29.0.50"))))
                .post(Networks.instancesPath(t)).then().statusCode(409).body("code", equalTo("ip_in_use"));
        admin().get(Networks.path(t) + "/front").then().body("status.allocated", equalTo(1));
    }
}
