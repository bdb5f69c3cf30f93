package io.nuage.terraform.resources;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.nuage.terraform.cty.Type;
import io.nuage.terraform.schema.Attr;
import io.nuage.terraform.schema.Schema;

/**
 * {@code nuage_volume}: a disk on a CDI DataVolume; create waits until it is ready (imported). A larger
 * {@code size_gib} grows it in place; the API refuses to shrink it. The API's {@code "blank": {}} source is
 * {@code blank = true} here.
 */
public final class VolumeResource extends RestResource {

    // Each optional and computed: Terraform then keeps the source the API reports when the configuration has none.
    static final List<Attr> SOURCE = List.of(
            Attr.optionalComputed("blank", Type.BOOL, "An empty disk (the default)"),
            Attr.optionalComputed("image_url", Type.STRING, "HTTP(S) URL of an image to import"),
            Attr.optionalComputed("registry", Type.STRING, "Container disk image to import"),
            Attr.optionalComputed("snapshot", Type.STRING, "Snapshot holding the volume to restore (with volume)"),
            Attr.optionalComputed("volume", Type.STRING, "Volume of that snapshot"));

    public VolumeResource() {
        super("nuage_volume", new Schema(List.of(
                Common.TENANT, Common.NAME, Common.ID,
                Attr.required("size_gib", Type.NUMBER, "Size in GiB (grows in place, never shrinks)"),
                Attr.optionalComputed("storage_class", Type.STRING, "Storage class (default: the cluster's)").forcesNew(),
                Attr.nested("source", Attr.Mode.OPTIONAL_COMPUTED, Attr.Nesting.SINGLE, SOURCE,
                        "Where its content comes from, one of blank, image_url, registry, snapshot").forcesNew(),
                Common.LABELS, Common.status("pending, importing, ready, failed, deleting"), Common.CREATED_AT),
                Timeouts.ATTRIBUTES, "A volume of a tenant"), "volumes", "ready");
    }

    @Override
    protected ObjectNode createBody(Map<String, Object> planned) {
        ObjectNode body = super.createBody(planned);
        if (body.path("source").isObject()) {
            ObjectNode source = (ObjectNode) body.get("source");
            if (source.path("blank").asBoolean(false)) {
                source.set("blank", source.objectNode());
            } else {
                source.remove("blank");
            }
        }
        return body;
    }

    @Override
    protected Map<String, Object> toState(JsonNode json, Map<String, Object> base) {
        Map<String, Object> state = super.toState(json, base);
        if (state.get("source") instanceof Map<?, ?> source) {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) source;
            s.put("blank", json.path("source").path("blank").isObject() ? Boolean.TRUE : null);
        }
        return state;
    }
}
