package io.nuage.terraform.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class RestResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUpdateSendsWhatChangedAndEmptiesWhatWasRemoved() throws Exception {
        Map<String, Object> prior = new HashMap<>(Map.of("tenant", "acme", "name", "backend", "cidr", "10.0.1.0/24",
                "dns_servers", List.of("10.0.1.53"), "labels", Map.of("env", "prod")));
        Map<String, Object> planned = new HashMap<>(prior);
        planned.put("dns_servers", null);
        planned.put("labels", Map.of("env", "dev"));
        assertEquals(JSON.readTree("{\"dns_servers\":[],\"labels\":{\"env\":\"dev\"}}"),
                new NetworkResource().patchBody(prior, planned));
    }

    @Test
    void aCreateSendsWhatIsSetWithWholeNumbersAsIntegersAndABlankSourceAsAnObject() throws Exception {
        Map<String, Object> planned = new HashMap<>(Map.of("tenant", "acme", "name", "data",
                "size_gib", new BigDecimal("10.0"), "source", new HashMap<>(Map.of("blank", true))));
        assertEquals("{\"name\":\"data\",\"size_gib\":10,\"source\":{\"blank\":{}}}",
                new VolumeResource().createBody(planned).toString());
    }

    @Test
    void theStateOfAnAnswerKeepsWhatTheApiDoesNotShowAndLeavesOutEmptiesTheUserLeftOut() throws Exception {
        Map<String, Object> base = new HashMap<>(Map.of("tenant", "acme", "user_data", "#cloud-config\n"));
        Map<String, Object> state = new InstanceResource().toState(JSON.readTree("""
                {"id":"1","name":"web-1","vcpus":2,"labels":{},"volumes":["b","a"],"user_data_sha256":"x",
                 "status":{"phase":"running","ip_addresses":["10.244.0.2"]}}"""), base);
        assertEquals("acme", state.get("tenant"));
        assertEquals("#cloud-config\n", state.get("user_data"));
        assertEquals("running", state.get("status"));
        assertEquals(List.of("10.244.0.2"), state.get("ip_addresses"));
        assertEquals(List.of("a", "b"), state.get("volumes"), "a set, in one order");
        assertEquals(null, state.get("labels"), "{} when the configuration has no labels: null, no diff");
    }
}
