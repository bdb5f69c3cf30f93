package io.nuage.terraform.resources;

import java.util.List;

import io.nuage.terraform.cty.Type;
import io.nuage.terraform.schema.Attr;
import io.nuage.terraform.schema.Schema;

/** {@code nuage_network}: a tenant's private layer-2 network; create waits until it is ready. */
public final class NetworkResource extends RestResource {

    static final List<Attr> FIREWALL_RULE = List.of(
            Attr.optionalComputed("direction", Type.STRING, "ingress (the only direction)"),
            Attr.required("protocol", Type.STRING, "tcp, udp, icmp or any"),
            Attr.optional("ports", Type.STRING, "\"22\" or \"8000-8080\"; none means every port"),
            Attr.optionalComputed("source_cidr", Type.STRING, "Allowed source (default 0.0.0.0/0)"));

    public NetworkResource() {
        super("nuage_network", new Schema(List.of(
                Common.TENANT, Common.NAME, Common.ID,
                Attr.required("cidr", Type.STRING, "IPv4 CIDR, /16 to /29 (cannot change)").forcesNew(),
                Attr.optionalComputed("gateway", Type.STRING, "Gateway address (default: the first host)").forcesNew(),
                Attr.optional("dns_servers", Type.list(Type.STRING), "At most 3 IPv4 addresses"),
                Attr.nested("firewall_rules", Attr.Mode.OPTIONAL, Attr.Nesting.LIST, FIREWALL_RULE,
                        "Ingress allow rules (at most 64)"),
                Common.LABELS, Common.status("pending, ready, deleting"), Common.CREATED_AT),
                Timeouts.ATTRIBUTES, "A private layer-2 IPv4 network of a tenant"), "networks", "ready");
    }
}
