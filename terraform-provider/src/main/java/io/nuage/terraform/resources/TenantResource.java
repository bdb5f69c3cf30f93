package io.nuage.terraform.resources;

import java.util.List;

import io.nuage.terraform.cty.Type;
import io.nuage.terraform.schema.Attr;
import io.nuage.terraform.schema.Schema;

/** {@code nuage_tenant}: a tenant, with its quota and regions; only the operator (admin) token manages them. */
public final class TenantResource extends RestResource {

    static final List<Attr> QUOTA = List.of("vcpus", "memory_mib", "storage_gib", "instances", "networks", "volumes",
            "snapshots", "tokens", "public_ips").stream()
            .map(n -> Attr.optionalComputed(n, Type.NUMBER, "Limit of " + n)).toList();

    public TenantResource() {
        super("nuage_tenant", new Schema(List.of(
                Attr.required("name", Type.STRING, "Name of the tenant (cannot change)").forcesNew(), Common.ID,
                Attr.optional("display_name", Type.STRING, "Name shown to people"),
                Common.LABELS,
                Attr.nested("quota", Attr.Mode.OPTIONAL_COMPUTED, Attr.Nesting.SINGLE, QUOTA,
                        "Limits; each one left out takes the installation's default"),
                Attr.optionalComputed("regions", Type.list(Type.STRING), "Regions it may use (default: the first)"),
                Attr.optionalComputed("sla_target", Type.NUMBER, "Monthly availability promised, in percent"),
                Common.CREATED_AT),
                List.of(), "A tenant of Nuage"), "tenants", null);
    }

    @Override
    protected boolean tenantScoped() {
        return false;
    }
}
