package io.nuage.terraform.provider;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nuage.terraform.api.NuageClient;
import io.nuage.terraform.cty.Type;
import io.nuage.terraform.cty.Unknown;
import io.nuage.terraform.proto.Tfplugin6;
import io.nuage.terraform.schema.Attr;
import io.nuage.terraform.schema.Schema;
import io.nuage.terraform.schema.Values;

/** The provider block: {@code endpoint} and {@code token}, else the environment's NUAGE_ENDPOINT and NUAGE_TOKEN. */
final class ProviderConfig {

    static final Schema SCHEMA = new Schema(List.of(
            Attr.optional("endpoint", Type.STRING, "URL of the Nuage API, as http://localhost:8080 (or NUAGE_ENDPOINT)"),
            Attr.optional("token", Type.STRING, "Bearer token: the operator's or a tenant's (or NUAGE_TOKEN)")
                    .asSensitive()),
            List.of(), "Nuage: instances, volumes and networks on KubeVirt");

    private ProviderConfig() {
    }

    static List<Tfplugin6.Diagnostic> validate(Map<String, Object> config) {
        List<Tfplugin6.Diagnostic> out = new ArrayList<>();
        Object endpoint = Values.get(config, "endpoint");
        if (endpoint instanceof String s && invalidEndpoint(s)) {
            out.add(Diagnostics.error("Invalid endpoint", "\"" + s + "\" is not an http or https URL", "endpoint"));
        }
        return out;
    }

    /** The client, or the diagnostics saying what is missing. */
    static NuageClient configure(Map<String, Object> config, Map<String, String> env, List<Tfplugin6.Diagnostic> out) {
        Object endpoint = setting(config, "endpoint", env.get("NUAGE_ENDPOINT"));
        Object token = setting(config, "token", env.get("NUAGE_TOKEN"));
        if (endpoint == Unknown.VALUE || token == Unknown.VALUE) {
            return null;
        }
        if (endpoint == null) {
            out.add(Diagnostics.error("Missing endpoint", "Set endpoint in the provider block or NUAGE_ENDPOINT",
                    "endpoint"));
        } else if (invalidEndpoint(endpoint.toString())) {
            out.add(Diagnostics.error("Invalid endpoint", "\"" + endpoint + "\" is not an http or https URL",
                    "endpoint"));
        }
        if (token == null) {
            out.add(Diagnostics.error("Missing token", "Set token in the provider block or NUAGE_TOKEN", "token"));
        }
        return out.isEmpty() ? new NuageClient(endpoint.toString(), token.toString()) : null;
    }

    private static Object setting(Map<String, Object> config, String name, String fallback) {
        Object value = Values.get(config, name);
        return value != null ? value : (fallback == null || fallback.isEmpty() ? null : fallback);
    }

    private static boolean invalidEndpoint(String text) {
        try {
            URI uri = URI.create(text);
            return !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
