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

    /** The selector as a map, for Fabric8's {@code withLabels(...)}. */
    public static Map<String, String> managedSelector() {
        return Map.of(MANAGED_BY, MANAGER);
    }
}
