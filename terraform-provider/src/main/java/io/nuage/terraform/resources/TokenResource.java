package io.nuage.terraform.resources;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.nuage.terraform.cty.Type;
import io.nuage.terraform.schema.Attr;
import io.nuage.terraform.schema.Schema;
import io.nuage.terraform.schema.Values;

/**
 * {@code nuage_token}: an API token of a tenant. The secret is shown once, by the create: the state keeps it
 * (sensitive); an imported token has none. Nothing changes in place: a change makes a new token.
 */
public final class TokenResource extends RestResource {

    public TokenResource() {
        super("nuage_token", new Schema(List.of(
                Common.TENANT, Common.NAME, Common.ID,
                Attr.required("role", Type.STRING, "member or viewer").forcesNew(),
                Attr.optionalComputed("expires_at", Type.STRING, "Expiry (RFC 3339); default: its creator's").forcesNew(),
                Attr.computed("token", Type.STRING, "The secret, known only to the state of the create").asSensitive(),
                Attr.computed("created_by", Type.STRING, "Id of the token that created it (null: the operator)"),
                Common.CREATED_AT),
                List.of(), "An API token of a tenant"), "tokens", null);
    }

    @Override
    protected Map<String, Object> toState(JsonNode json, Map<String, Object> base) {
        Map<String, Object> state = super.toState(json, base);
        if (state.get("token") == null) {
            state.put("token", Values.get(base, "token"));
        }
        return state;
    }
}
