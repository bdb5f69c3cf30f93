package io.nuage.terraform.resources;

import io.nuage.terraform.cty.Type;
import io.nuage.terraform.schema.Attr;

/** Attributes every tenant resource has. */
final class Common {

    static final Attr TENANT = Attr.required("tenant", Type.STRING, "Name of the tenant that owns it").forcesNew();
    static final Attr NAME = Attr.required("name", Type.STRING, "Name, unique in the tenant (cannot change)").forcesNew();
    static final Attr ID = Attr.computed("id", Type.STRING, "UUID given by Nuage");
    static final Attr LABELS = Attr.optional("labels", Type.map(Type.STRING), "Labels, for selectors");
    static final Attr CREATED_AT = Attr.computed("created_at", Type.STRING, "When it was created (RFC 3339)");

    static Attr status(String phases) {
        return Attr.computed("status", Type.STRING, "Phase of its observed status: " + phases);
    }

    private Common() {
    }
}
