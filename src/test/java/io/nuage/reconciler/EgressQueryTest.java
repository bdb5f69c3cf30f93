package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.nuage.sla.EgressSample;

class EgressQueryTest {

    @Test
    void theQueryAsksForTheCounterOnAnyBase() {
        assertEquals("http://prom:9090/api/v1/query?query=kubevirt_vmi_network_transmit_bytes_total",
                EgressQuery.uri("http://prom:9090/").toString());
        assertEquals("https://mon.example/prometheus/api/v1/query?query=kubevirt_vmi_network_transmit_bytes_total",
                EgressQuery.uri("https://mon.example/prometheus").toString());
    }

    @Test
    void theLogNamesNoCredentials() {
        assertEquals("https://mon.example:9443", EgressQuery.where("https://user:s3cret@mon.example:9443/prometheus"));
    }

    @Test
    void aBaseThatIsNoHttpUrlStopsTheStartWithoutRepeatingIt() {
        for (String bad : List.of("https://user:s3cret@mon example:9443", "ftp://user:s3cret@mon.example", "s3cret")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> EgressQuery.requireUrl(bad));
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
        EgressQuery.requireUrl("https://user:s3cret@mon.example:9443/prometheus");
    }

    @Test
    void tenantSeriesBecomeSamplesAndOthersAreLeftOut() {
        String body = """
                {"status":"success","data":{"resultType":"vector","result":[
                 {"metric":{"__name__":"kubevirt_vmi_network_transmit_bytes_total","namespace":"nuage-acme","name":"web-1","interface":"default"},
                  "value":[1764583200.5,"1.5e+09"]},
                 {"metric":{"namespace":"kube-system","name":"other","interface":"default"},"value":[1764583200.5,"10"]},
                 {"metric":{"namespace":"nuage-acme","name":"db-1","interface":"net1"},"value":[1764583200.5,"NaN"]}
                ]}}""";
        assertEquals(List.of(new EgressSample("acme", "web-1", "default", new BigDecimal("1.5e+09"), Instant.parse("2025-12-01T10:00:00.500Z"))),
                EgressQuery.samples(body));
    }

    @Test
    void anErrorAnswerIsAFailureNotAnEmptyRound() {
        assertThrows(IllegalArgumentException.class,
                () -> EgressQuery.samples("{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out\",\"data\":{}}"));
    }
}
