package io.nuage.terraform.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.nuage.terraform.api.Json;
import io.nuage.terraform.api.NuageClient;
import io.nuage.terraform.cty.Type;
import io.nuage.terraform.schema.Attr;
import io.nuage.terraform.schema.Schema;
import io.nuage.terraform.schema.Values;

/**
 * {@code nuage_instance}: a virtual machine; create waits until it runs (or is stopped, with {@code running =
 * false}). Volumes are attached and detached in place; networks, image and region force a new instance.
 */
public final class InstanceResource extends RestResource {

    static final List<Attr> NETWORK = List.of(
            Attr.required("network", Type.STRING, "Name of a network of the tenant"),
            Attr.optionalComputed("ip", Type.STRING, "Address on it (default: the lowest free one)"));

    public InstanceResource() {
        super("nuage_instance", new Schema(List.of(
                Common.TENANT, Common.NAME, Common.ID,
                Attr.optional("instance_type", Type.STRING, "Name of an instance type (instead of vcpus and memory_mib)"),
                Attr.optionalComputed("vcpus", Type.NUMBER, "Virtual CPUs (applied at the next restart)"),
                Attr.optionalComputed("memory_mib", Type.NUMBER, "Memory in MiB (applied at the next restart)"),
                Attr.optional("image", Type.STRING, "Container disk image (changing it replaces the instance)").forcesNew(),
                Attr.optional("ssh_keys", Type.list(Type.STRING), "Public SSH keys"),
                Attr.optional("ssh_key_names", Type.list(Type.STRING), "Names of SSH keys kept by the tenant"),
                Attr.optional("user_data", Type.STRING, "Cloud-init user data (kept encrypted, never shown)").asSensitive(),
                Common.LABELS,
                Attr.optionalComputed("region", Type.STRING, "Region (default: the tenant's first)").forcesNew(),
                Attr.optionalComputed("running", Type.BOOL, "Whether it runs (default true)"),
                Attr.nested("networks", Attr.Mode.OPTIONAL, Attr.Nesting.LIST, NETWORK,
                        "NICs on the tenant's networks (fixed at creation)").forcesNew(),
                Attr.optional("volumes", Type.set(Type.STRING), "Names of the volumes attached to it"),
                Common.status("pending, provisioning, starting, running, stopping, stopped, failed, deleting"),
                Attr.computed("ip_addresses", Type.list(Type.STRING), "Pod network address, then network addresses"),
                Common.CREATED_AT),
                Timeouts.ATTRIBUTES, "A virtual machine of a tenant"), "instances", "running");
    }

    @Override
    public Set<String> volatileOnUpdate() {
        return Set.of("status", "ip_addresses");
    }

    @Override
    protected String readyPhase(Map<String, Object> planned) {
        return Boolean.FALSE.equals(planned.get("running")) ? "stopped" : "running";
    }

    @Override
    protected Map<String, Object> toState(JsonNode json, Map<String, Object> base) {
        Map<String, Object> state = super.toState(json, base);
        state.put("ip_addresses", Json.toValue(Type.list(Type.STRING), json.path("status").path("ip_addresses")));
        // The API keeps user data encrypted and shows only its digest: the state keeps what was sent.
        state.put("user_data", Values.get(base, "user_data"));
        return state;
    }

    @Override
    protected ObjectNode patchBody(Map<String, Object> prior, Map<String, Object> planned) {
        ObjectNode body = super.patchBody(prior, planned);
        body.remove("volumes");
        return body;
    }

    @Override
    public Map<String, Object> update(NuageClient api, Map<String, Object> prior, Map<String, Object> planned) {
        Map<String, Object> expected = prior;
        ObjectNode body = patchBody(prior, planned);
        if (!body.isEmpty()) {
            expected = toState(conditionally(api, expected, tag -> api.patch(itemPath(planned), body, tag)).body(),
                    prior);
        }
        List<Object> before = names(prior.get("volumes"));
        List<Object> after = names(planned.get("volumes"));
        for (Object gone : before) {
            if (!after.contains(gone)) {
                String path = itemPath(planned) + "/volumes/" + NuageClient.segment(gone.toString());
                expected = toState(conditionally(api, expected, tag -> api.delete(path, tag)).body(), prior);
            }
        }
        for (Object added : after) {
            if (!before.contains(added)) {
                ObjectNode attach = NuageClient.json().createObjectNode().put("volume", added.toString());
                expected = toState(conditionally(api, expected,
                        tag -> api.post(itemPath(planned) + "/volumes", attach, null, tag)).body(), prior);
            }
        }
        return toState(api.get(itemPath(planned)).body(), planned);
    }

    private static List<Object> names(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of();
    }
}
