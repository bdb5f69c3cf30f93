package io.nuage.network;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Firewall rules as stored: a jsonb array of snake_case objects, as the API shows them. */
public final class FirewallRules {

    private FirewallRules() {
    }

    static JsonArray toJson(List<FirewallRule> rules) {
        JsonArray json = new JsonArray();
        for (FirewallRule r : rules) {
            json.add(new JsonObject().put("direction", r.direction()).put("protocol", r.protocol()).put("ports", r.ports())
                    .put("source_cidr", r.sourceCidr()));
        }
        return json;
    }

    public static List<FirewallRule> fromJson(JsonArray json) {
        List<FirewallRule> rules = new ArrayList<>();
        if (json != null) {
            for (int i = 0; i < json.size(); i++) {
                JsonObject o = json.getJsonObject(i);
                rules.add(new FirewallRule(o.getString("direction"), o.getString("protocol"), o.getString("ports"),
                        o.getString("source_cidr")));
            }
        }
        return rules;
    }
}
