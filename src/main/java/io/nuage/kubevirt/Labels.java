package io.nuage.kubevirt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The labels on every Kubernetes object Nuage creates, and the selector that finds them. */
public final class Labels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "nuage";
    public static final String TENANT = "nuage.io/tenant";
    public static final String RESOURCE_ID = "nuage.io/resource-id";
    /**
     * The installation of Nuage that wrote the object: its id, kept in its database. Added to every object where it is
     * written (the builders here leave it out), so that two installations on one cluster never take each other's
     * objects for their own.
     */
    public static final String INSTALLATION = "nuage.io/installation";
    /**
     * Which kind of Nuage resource an object belongs to, where a Kubernetes type is made for
     * several (NetworkPolicies: the tenant's isolation policy and networks' firewalls), so that
     * a watch selects only its own kind's objects.
     */
    public static final String KIND = "nuage.io/kind";
    /** Prefix of the label that marks a VM (and its launcher pod) as attached to a network. */
    public static final String NETWORK_PREFIX = "nuage.io/network.";

    /** For list and watch calls: {@code app.kubernetes.io/managed-by=nuage}. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGER;

    private Labels() {
    }

    /** Our labels for the object that represents resource {@code id} of {@code tenant}. */
    public static Map<String, String> owned(String tenant, UUID id) {
        // Insertion-ordered so the serialized objects are byte-for-byte stable across runs.
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(TENANT, tenant);
        labels.put(RESOURCE_ID, id.toString());
        return Collections.unmodifiableMap(labels);
    }

    /** Our labels plus the {@link #KIND} of the owning resource. */
    public static Map<String, String> owned(String tenant, UUID id, String kind) {
        Map<String, String> labels = new LinkedHashMap<>(owned(tenant, id));
        labels.put(KIND, kind);
        return Collections.unmodifiableMap(labels);
    }

    /**
     * The label a VM's template (so its launcher pod) carries per network it is attached to,
     * for the network's firewall NetworkPolicy to select: {@code nuage.io/network.<name>=true}.
     * Network names are at most 50 characters, so the key's name part stays within 63.
     */
    public static String network(String networkName) {
        return NETWORK_PREFIX + networkName;
    }

    /** The selector as a map, for Fabric8's {@code withLabels(...)}. */
    public static Map<String, String> managedSelector() {
        return Map.of(MANAGED_BY, MANAGER);
    }
}
