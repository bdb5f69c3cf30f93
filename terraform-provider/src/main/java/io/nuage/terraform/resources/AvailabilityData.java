package io.nuage.terraform.resources;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.nuage.terraform.api.Json;
import io.nuage.terraform.api.NuageClient;
import io.nuage.terraform.cty.Type;
import io.nuage.terraform.schema.Attr;
import io.nuage.terraform.schema.Schema;
import io.nuage.terraform.schema.Values;

/**
 * {@code nuage_availability}: the SLA month of a tenant ({@code month}, default the current one) or, with
 * {@code kind} and {@code name}, of one of its resources (the current month so far).
 */
public final class AvailabilityData implements DataSource {

    private static final Schema SCHEMA = new Schema(List.of(
            Attr.required("tenant", Type.STRING, "Name of the tenant"),
            Attr.optional("kind", Type.STRING, "instances, volumes, networks or public-ips (with name)"),
            Attr.optional("name", Type.STRING, "Name of the resource (with kind)"),
            Attr.optionalComputed("month", Type.STRING, "yyyy-MM, for a tenant's report (default: this month)"),
            Attr.computed("from", Type.STRING, "Start of the period"),
            Attr.computed("to", Type.STRING, "End of the period"),
            Attr.computed("availability_percent", Type.NUMBER, "Uptime over the measured minutes"),
            Attr.computed("sla_availability_percent", Type.NUMBER, "Availability as the SLA counts it"),
            Attr.computed("measured_minutes", Type.NUMBER, "Minutes measured"),
            Attr.computed("downtime_minutes", Type.NUMBER, "Minutes down"),
            Attr.computed("maintenance_minutes", Type.NUMBER, "Minutes in announced maintenance"),
            Attr.computed("sla_target", Type.NUMBER, "The tenant's target (tenant report)"),
            Attr.computed("breached", Type.BOOL, "Whether the target was missed (tenant report)"),
            Attr.computed("service_credit_percent", Type.NUMBER, "Credit owed (tenant report)")),
            List.of(), "The SLA availability of a tenant or of one of its resources");

    @Override
    public String typeName() {
        return "nuage_availability";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Object> read(NuageClient api, Map<String, Object> config) {
        String tenant = "/v1/tenants/" + NuageClient.segment(Values.string(config, "tenant"));
        String kind = Values.string(config, "kind");
        String name = Values.string(config, "name");
        if ((kind == null) != (name == null)) {
            throw new IllegalArgumentException("kind and name go together: both, for a resource, or neither");
        }
        String month = Values.string(config, "month");
        JsonNode json = kind != null
                ? api.get(tenant + "/" + NuageClient.segment(kind) + "/" + NuageClient.segment(name) + "/availability")
                        .body()
                : api.get(tenant + "/availability" + (month == null ? "" : "?month=" + NuageClient.segment(month)))
                        .body();
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        for (Attr a : SCHEMA.attributes()) {
            state.put(a.name(), a.configurable() && config.get(a.name()) != null ? config.get(a.name())
                    : Json.toValue(a.type(), json.get(a.name())));
        }
        return state;
    }
}
