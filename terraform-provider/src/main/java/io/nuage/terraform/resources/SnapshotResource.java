package io.nuage.terraform.resources;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.nuage.terraform.api.Json;
import io.nuage.terraform.cty.Type;
import io.nuage.terraform.schema.Attr;
import io.nuage.terraform.schema.Schema;

/** {@code nuage_snapshot}: a snapshot of an instance; create waits until it is ready. Nothing changes in place. */
public final class SnapshotResource extends RestResource {

    public SnapshotResource() {
        super("nuage_snapshot", new Schema(List.of(
                Common.TENANT, Common.NAME, Common.ID,
                Attr.required("instance", Type.STRING, "Name of the instance to snapshot").forcesNew(),
                Attr.optional("labels", Type.map(Type.STRING), "Labels, for selectors").forcesNew(),
                Common.status("pending, in_progress, ready, failed, deleting"),
                Attr.computed("volumes", Type.list(Type.STRING), "The tenant's volumes it holds"),
                Common.CREATED_AT),
                Timeouts.ATTRIBUTES, "A snapshot of an instance and its disks"), "snapshots", "ready");
    }

    @Override
    protected Map<String, Object> toState(JsonNode json, Map<String, Object> base) {
        Map<String, Object> state = super.toState(json, base);
        state.put("volumes", Json.toValue(Type.list(Type.STRING), json.path("status").path("volumes")));
        return state;
    }
}
