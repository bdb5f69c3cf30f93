package io.nuage.terraform.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.nuage.terraform.cty.Unknown;

/**
 * PlanResourceChange for every resource: Terraform proposes the new state (configuration, with the prior state's
 * values for computed attributes left out of it); the provider says what it cannot know yet and what forces a
 * replacement.
 *
 * <ul>
 * <li>On create, every computed attribute the configuration leaves null is unknown (the API decides it).</li>
 * <li>On update, an attribute marked "forces new" whose value changes is returned as a replace path, and the
 * attributes the API moves on any write ({@code volatileOnUpdate}: status, addresses) become unknown, but only
 * when something the user sets changed: an unchanged resource plans no change at all.</li>
 * <li>Inside nested objects (a network's firewall rules), a computed attribute left null in a new element (one the
 * prior state does not have) is unknown, as on create.</li>
 * </ul>
 */
public final class Planner {

    public record Plan(Map<String, Object> planned, List<String> requiresReplace) {
    }

    private Planner() {
    }

    public static Plan plan(Schema schema, Map<String, Object> prior, Map<String, Object> proposed,
            Map<String, Object> config, Set<String> volatileOnUpdate) {
        if (proposed == null) {
            return new Plan(null, List.of());
        }
        Map<String, Object> planned = new LinkedHashMap<>(proposed);
        List<String> replace = new ArrayList<>();
        boolean changed = false;
        for (Attr a : schema.attributes()) {
            Object configured = Values.get(config, a.name());
            if (prior == null && a.computed() && configured == null) {
                planned.put(a.name(), Unknown.VALUE);
                continue;
            }
            if (a.nesting() != Attr.Nesting.NONE && configured != null) {
                planned.put(a.name(), unknownNested(a, planned.get(a.name()), configured, Values.get(prior, a.name())));
            }
            if (prior != null && a.configurable() && !Values.equal(prior.get(a.name()), planned.get(a.name()))) {
                changed = true;
                if (a.forceNew()) {
                    replace.add(a.name());
                }
            }
        }
        if (prior != null && changed) {
            volatileOnUpdate.forEach(name -> planned.put(name, Unknown.VALUE));
        }
        return new Plan(planned, replace);
    }

    private static Object unknownNested(Attr a, Object proposed, Object configured, Object prior) {
        if (a.nesting() == Attr.Nesting.SINGLE) {
            return prior != null ? proposed : unknownInObject(a.nested(), proposed, configured);
        }
        if (!(proposed instanceof List<?> list)) {
            return proposed;
        }
        List<?> configuredList = configured instanceof List<?> c ? c : List.of();
        int existing = prior instanceof List<?> p ? p.size() : 0;
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(i < existing ? list.get(i)
                    : unknownInObject(a.nested(), list.get(i), i < configuredList.size() ? configuredList.get(i) : null));
        }
        return out;
    }

    private static Object unknownInObject(List<Attr> attributes, Object proposed, Object configured) {
        if (!(proposed instanceof Map<?, ?> map)) {
            return proposed;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k.toString(), v));
        for (Attr a : attributes) {
            if (a.computed() && out.get(a.name()) == null && Values.get(configured, a.name()) == null) {
                out.put(a.name(), Unknown.VALUE);
            }
        }
        return out;
    }
}
