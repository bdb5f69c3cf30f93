package io.nuage.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Conditions as stored: a jsonb array of snake_case objects, as the API shows them. */
public final class Conditions {

    private Conditions() {
    }

    public static List<Condition> fromJson(JsonArray json) {
        List<Condition> list = new ArrayList<>();
        if (json != null) {
            for (int i = 0; i < json.size(); i++) {
                JsonObject c = json.getJsonObject(i);
                String t = c.getString("last_transition_time");
                list.add(new Condition(c.getString("type"), ConditionStatus.of(c.getString("status")), c.getString("reason"),
                        c.getString("message"), t == null ? null : Instant.parse(t)));
            }
        }
        return list;
    }

    public static JsonArray toJson(List<Condition> conditions) {
        JsonArray json = new JsonArray();
        for (Condition c : conditions) {
            JsonObject o = new JsonObject().put("type", c.type()).put("status", c.status().text()).put("reason", c.reason())
                    .put("message", c.message());
            if (c.lastTransitionTime() != null) {
                o.put("last_transition_time", c.lastTransitionTime().toString());
            }
            json.add(o);
        }
        return json;
    }

    /** Keeps each condition's transition time while its status stays the same; {@code now} for those that changed. */
    public static List<Condition> withTransitionTimes(List<Condition> previous, List<Condition> next, Instant now) {
        List<Condition> out = new ArrayList<>();
        for (Condition c : next) {
            Condition before = previous.stream().filter(p -> p.type().equals(c.type())).findFirst().orElse(null);
            Instant t = before != null && before.status() == c.status() ? before.lastTransitionTime() : now;
            out.add(new Condition(c.type(), c.status(), c.reason(), c.message(), t));
        }
        return out;
    }

    /** A phase as a condition reason: "running" becomes "Running". */
    public static String reasonOf(String phase) {
        return Character.toUpperCase(phase.charAt(0)) + phase.substring(1);
    }
}
