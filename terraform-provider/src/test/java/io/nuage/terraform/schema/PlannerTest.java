package io.nuage.terraform.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.nuage.terraform.cty.Unknown;
import io.nuage.terraform.resources.InstanceResource;
import io.nuage.terraform.resources.NetworkResource;

class PlannerTest {

    private final Schema instance = new InstanceResource().schema();

    private static Map<String, Object> state(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aCreateLeavesWhatTheApiDecidesUnknown() {
        Map<String, Object> config = state("tenant", "acme", "name", "web-1", "vcpus", BigDecimal.ONE);
        Planner.Plan plan = Planner.plan(instance, null, config, config, Set.of("status"));
        assertEquals(Unknown.VALUE, plan.planned().get("id"));
        assertEquals(Unknown.VALUE, plan.planned().get("memory_mib"));
        assertEquals(BigDecimal.ONE, plan.planned().get("vcpus"));
        assertEquals(null, plan.planned().get("image"), "optional, not computed: stays null");
        assertTrue(plan.requiresReplace().isEmpty());
    }

    @Test
    void anUnchangedResourcePlansItsPriorStateExactly() {
        Map<String, Object> prior = state("tenant", "acme", "name", "web-1", "vcpus", new BigDecimal("2"),
                "status", "running", "ip_addresses", List.of("10.244.0.2"));
        Map<String, Object> proposed = new HashMap<>(prior);
        proposed.put("vcpus", new BigDecimal("2.0"));
        Planner.Plan plan = Planner.plan(instance, prior, proposed, state("vcpus", BigDecimal.TEN),
                Set.of("status", "ip_addresses"));
        assertEquals("running", plan.planned().get("status"));
        assertTrue(plan.requiresReplace().isEmpty());
    }

    @Test
    void aChangeInPlaceMakesTheObservedAttributesUnknownAndAnImmutableOneReplaces() {
        Map<String, Object> prior = state("tenant", "acme", "name", "web-1", "vcpus", BigDecimal.ONE,
                "image", "fedora", "status", "running");
        Map<String, Object> resized = new HashMap<>(prior);
        resized.put("vcpus", BigDecimal.TEN);
        Planner.Plan update = Planner.plan(instance, prior, resized, resized, Set.of("status"));
        assertEquals(Unknown.VALUE, update.planned().get("status"));
        assertTrue(update.requiresReplace().isEmpty());

        Map<String, Object> reimaged = new HashMap<>(prior);
        reimaged.put("image", "ubuntu");
        assertEquals(List.of("image"), Planner.plan(instance, prior, reimaged, reimaged, Set.of()).requiresReplace());
    }

    @Test
    void aNewFirewallRuleLeavesItsDefaultsUnknownAndKeepsThoseOfTheRulesBeforeIt() {
        Schema network = new NetworkResource().schema();
        Map<String, Object> kept = state("protocol", "tcp", "ports", "22", "direction", "ingress",
                "source_cidr", "0.0.0.0/0");
        Map<String, Object> added = state("protocol", "udp", "ports", "53", "direction", null, "source_cidr", null);
        Map<String, Object> prior = state("name", "backend", "firewall_rules", List.of(kept));
        Map<String, Object> proposed = state("name", "backend", "firewall_rules", List.of(kept, added));
        Map<String, Object> config = state("name", "backend", "firewall_rules",
                List.of(state("protocol", "tcp", "ports", "22"), state("protocol", "udp", "ports", "53")));
        List<?> rules = (List<?>) Planner.plan(network, prior, proposed, config, Set.of()).planned()
                .get("firewall_rules");
        assertEquals(kept, rules.get(0));
        assertEquals(Unknown.VALUE, ((Map<?, ?>) rules.get(1)).get("direction"));
        assertEquals("53", ((Map<?, ?>) rules.get(1)).get("ports"));
    }

    @Test
    void aDestroyPlansNull() {
        assertEquals(null, Planner.plan(instance, state("name", "x"), null, null, Set.of()).planned());
    }
}
