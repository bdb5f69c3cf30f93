package io.nuage.terraform.resources;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.nuage.terraform.api.ApiException;
import io.nuage.terraform.api.Json;
import io.nuage.terraform.api.NuageClient;
import io.nuage.terraform.cty.Type;
import io.nuage.terraform.cty.Unknown;
import io.nuage.terraform.schema.Attr;
import io.nuage.terraform.schema.Schema;
import io.nuage.terraform.schema.Values;

/**
 * A resource of the API managed by Terraform, the same way for every kind: create with an {@code Idempotency-Key}
 * and wait for the ready phase; read by name (a 404 removes it from the state); update with {@code PATCH} under
 * {@code If-Match}; delete and wait until it is gone; import by {@code tenant/name}. Attribute names are the API's
 * JSON fields; {@code status} is the phase of the API's status.
 */
public abstract class RestResource {

    protected final String typeName;
    protected final Schema schema;
    private final String collection;
    private final String readyPhase;

    protected RestResource(String typeName, Schema schema, String collection, String readyPhase) {
        this.typeName = typeName;
        this.schema = schema;
        this.collection = collection;
        this.readyPhase = readyPhase;
    }

    public String typeName() {
        return typeName;
    }

    public Schema schema() {
        return schema;
    }

    /** Computed attributes the API may move on any write: unknown in the plan of an update. */
    public Set<String> volatileOnUpdate() {
        return Set.of("status");
    }

    protected boolean tenantScoped() {
        return true;
    }

    protected String collectionPath(Map<String, Object> state) {
        return tenantScoped()
                ? "/v1/tenants/" + NuageClient.segment(Values.string(state, "tenant")) + "/" + collection
                : "/v1/" + collection;
    }

    protected String itemPath(Map<String, Object> state) {
        return collectionPath(state) + "/" + NuageClient.segment(Values.string(state, "name"));
    }

    /** The phase create waits for, or null when the answer of the create is final. */
    protected String readyPhase(Map<String, Object> planned) {
        return readyPhase;
    }

    /** Attributes sent on create: what the user set, but the tenant (in the path). */
    protected ObjectNode createBody(Map<String, Object> planned) {
        ObjectNode body = NuageClient.json().createObjectNode();
        for (Attr a : schema.attributes()) {
            Object value = planned.get(a.name());
            if (a.configurable() && !a.name().equals("tenant") && value != null && value != Unknown.VALUE) {
                body.set(a.name(), Json.fromValue(a.type(), planned.get(a.name())));
            }
        }
        return body;
    }

    /**
     * Attributes sent on update: those that changed and can change in place. A list or map removed from the
     * configuration is sent empty: the API reads a null as an absent field, which would change nothing.
     */
    protected ObjectNode patchBody(Map<String, Object> prior, Map<String, Object> planned) {
        ObjectNode body = NuageClient.json().createObjectNode();
        for (Attr a : schema.attributes()) {
            Object value = planned.get(a.name());
            if (a.configurable() && !a.forceNew() && !Values.equal(prior.get(a.name()), value)) {
                if (value == null && a.type() instanceof Type.Collection c) {
                    value = c.kind() == Type.Collection.Kind.MAP ? Map.of() : List.of();
                }
                body.set(a.name(), Json.fromValue(a.type(), value));
            }
        }
        return body;
    }

    /** The state from the API's answer; {@code base} gives what the API does not return (tenant, timeouts, secrets). */
    protected Map<String, Object> toState(JsonNode json, Map<String, Object> base) {
        Map<String, Object> state = new LinkedHashMap<>();
        for (Attr a : schema.attributes()) {
            Object value = switch (a.name()) {
                case "tenant" -> Values.get(base, "tenant");
                case "status" -> Json.toValue(a.type(), json.path("status").path("phase"));
                default -> Json.toValue(a.type(), json.get(a.name()));
            };
            // An empty list or map the user left out stays null, so the next plan shows no change.
            if (a.mode() == Attr.Mode.OPTIONAL && isEmpty(value) && !isEmpty(Values.get(base, a.name()))) {
                value = null;
            }
            state.put(a.name(), value);
        }
        if (!schema.timeouts().isEmpty()) {
            state.put(Schema.TIMEOUTS, Values.get(base, Schema.TIMEOUTS));
        }
        return state;
    }

    private static boolean isEmpty(Object value) {
        return value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    }

    public Map<String, Object> create(NuageClient api, Map<String, Object> planned) {
        NuageClient.Response created = api.post(collectionPath(planned), createBody(planned),
                UUID.randomUUID().toString());
        Map<String, Object> state = toState(created.body(), planned);
        String phase = readyPhase(planned);
        return phase == null ? state : await(api, state, phase, Timeouts.create(planned), "create");
    }

    /** The current state, or null when the resource is gone. */
    public Map<String, Object> read(NuageClient api, Map<String, Object> prior) {
        try {
            return toState(api.get(itemPath(prior)).body(), prior);
        } catch (ApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    public Map<String, Object> update(NuageClient api, Map<String, Object> prior, Map<String, Object> planned) {
        ObjectNode body = patchBody(prior, planned);
        if (body.isEmpty()) {
            return toState(api.get(itemPath(planned)).body(), planned);
        }
        return toState(conditionally(api, prior, tag -> api.patch(itemPath(planned), body, tag)).body(), planned);
    }

    public void delete(NuageClient api, Map<String, Object> prior) {
        try {
            NuageClient.Response answer = conditionally(api, prior, tag -> api.delete(itemPath(prior), tag));
            if (answer.status() == 202) {
                await(api, prior, "deleted", Timeouts.delete(prior), "delete");
            }
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** The state of {@code tenant/name} (a tenant: its name), or null when there is none. */
    public Map<String, Object> importState(NuageClient api, String id) {
        Map<String, Object> key = new LinkedHashMap<>();
        String[] parts = id.split("/", -1);
        if (tenantScoped() && (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty())) {
            throw new IllegalArgumentException("import " + typeName + " with tenant/name, as acme/web-1: \"" + id + "\"");
        }
        key.put("tenant", tenantScoped() ? parts[0] : null);
        key.put("name", tenantScoped() ? parts[1] : id);
        return read(api, key);
    }

    protected interface Write {
        NuageClient.Response send(String ifMatch);
    }

    /**
     * A write under {@code If-Match}: the tag of a fresh read, and only if what the user sets is still as Terraform
     * last saw it. The status also moves the tag, so a refusal (412) for a status change alone is retried.
     */
    protected NuageClient.Response conditionally(NuageClient api, Map<String, Object> prior, Write write) {
        for (int attempt = 1; ; attempt++) {
            NuageClient.Response current = api.get(itemPath(prior));
            String drift = drift(prior, toState(current.body(), prior));
            if (drift != null) {
                throw new IllegalStateException(typeName + " " + Values.string(prior, "name") + ": " + drift
                        + " changed outside Terraform since it was last read; run terraform apply again to see the plan");
            }
            try {
                return write.send(current.etag());
            } catch (ApiException e) {
                if (e.status() != 412 || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private String drift(Map<String, Object> prior, Map<String, Object> current) {
        for (Attr a : schema.attributes()) {
            if (a.configurable() && !a.sensitive() && !Values.equal(prior.get(a.name()), current.get(a.name()))) {
                return a.name();
            }
        }
        return null;
    }

    /** Waits with the API's long poll until the phase, a failure, or the timeout: the last two throw. */
    protected Map<String, Object> await(NuageClient api, Map<String, Object> state, String phase, Duration timeout,
            String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> current = state;
        while (true) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            JsonNode json;
            try {
                json = api.waitFor(itemPath(state), phase, left.isNegative() ? Duration.ofSeconds(1) : left).body();
            } catch (ApiException e) {
                if (e.status() == 404 && phase.equals("deleted")) {
                    return null;
                }
                throw e;
            }
            current = toState(json, state);
            String now = json.path("status").path("phase").asText("");
            if (now.equals(phase)) {
                return current;
            }
            if (now.equals("failed")) {
                throw new Failure(typeName + " " + Values.string(state, "name") + " failed: "
                        + json.path("status").path("message").asText("no message"), current);
            }
            if (System.nanoTime() >= deadline) {
                throw new Failure(typeName + " " + Values.string(state, "name") + " is still " + now + " after "
                        + timeout.toSeconds() + "s (" + what + " timeout): waiting for " + phase, current);
            }
        }
    }
}
