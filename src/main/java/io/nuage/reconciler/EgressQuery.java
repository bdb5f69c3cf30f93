package io.nuage.reconciler;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.nuage.kubevirt.TenantObjects;
import io.nuage.sla.EgressSample;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The Prometheus instant query egress is read with, and its answer as samples: one per VMI interface of a tenant
 * namespace. Series of other namespaces (not a tenant's), and values that are not byte counts (NaN), are left out.
 */
final class EgressQuery {

    /** KubeVirt's per-VMI interface counter of bytes sent (virt-handler), labels namespace, name (the VMI), interface. */
    static final String METRIC = "kubevirt_vmi_network_transmit_bytes_total";

    private EgressQuery() {
    }

    /** {@code <base>/api/v1/query?query=<metric>}, the base URL with or without a trailing slash or a path prefix. */
    static URI uri(String base) {
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed + "/api/v1/query?query=" + URLEncoder.encode(METRIC, StandardCharsets.UTF_8));
    }

    /**
     * Stops the start on a base URL that is not http(s) with a host: otherwise every round would fail on it, and its
     * error would repeat the URL, password included. The message names the setting, never its value.
     */
    static void requireUrl(String base) {
        URI u;
        try {
            u = new URI(base);
        } catch (URISyntaxException e) {
            u = null;
        }
        if (u == null || u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
            throw new IllegalStateException("nuage.usage.prometheus-url must be an http or https URL with a host, such as"
                    + " http://prometheus.monitoring:9090");
        }
    }

    /** Where a base URL points, without any user information it holds (a log line must not carry a password). */
    static String where(String base) {
        URI u = URI.create(base);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    /** The samples of an answer with {@code status: success} and an instant vector; anything else throws. */
    static List<EgressSample> samples(String body) {
        JsonObject answer = new JsonObject(body);
        if (!"success".equals(answer.getString("status")) || !"vector".equals(answer.getJsonObject("data").getString("resultType"))) {
            throw new IllegalArgumentException("not an instant vector: status " + answer.getString("status"));
        }
        List<EgressSample> out = new ArrayList<>();
        JsonArray result = answer.getJsonObject("data").getJsonArray("result");
        for (int i = 0; i < result.size(); i++) {
            JsonObject series = result.getJsonObject(i);
            JsonObject metric = series.getJsonObject("metric");
            String tenant = tenant(metric.getString("namespace", ""));
            String vmi = metric.getString("name");
            BigDecimal bytes = number(series.getJsonArray("value").getValue(1).toString());
            if (tenant == null || vmi == null || bytes == null) {
                continue;
            }
            Instant at = Instant.ofEpochMilli(Math.round(series.getJsonArray("value").getDouble(0) * 1000));
            out.add(new EgressSample(tenant, vmi, metric.getString("interface", ""), bytes, at));
        }
        return out;
    }

    /** The tenant whose namespace this is, or null. */
    private static String tenant(String namespace) {
        if (!namespace.startsWith(TenantObjects.NAMESPACE_PREFIX)) {
            return null;
        }
        String tenant = namespace.substring(TenantObjects.NAMESPACE_PREFIX.length());
        return TenantObjects.namespaceName(tenant).equals(namespace) ? tenant : null;
    }

    /** A sample's value as Prometheus writes it ("123", "1.5e+09"); null for NaN, infinities or a negative. */
    private static BigDecimal number(String value) {
        try {
            BigDecimal n = new BigDecimal(value);
            return n.signum() < 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
