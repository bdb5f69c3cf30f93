package io.nuage.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tenant names no tenant may take. A tenant's namespace is its name after "nuage-": {@code system} would be
 * {@code nuage-system}, where Nuage itself runs (deploy/kubernetes.yaml), {@code images} would be the image catalog's
 * {@code nuage-images}; {@code nuage-...} would stutter; {@code default}
 * and {@code kube-...} read as the cluster's own namespaces, and whoever reads a namespace list must not mistake a
 * tenant's for them.
 */
public final class ReservedTenantNames {

    private static final Set<String> NAMES = Set.of("system", "default", "kube", "nuage", "images");
    private static final List<String> PREFIXES = List.of("kube-", "nuage-");

    private ReservedTenantNames() {
    }

    /** Why the name is reserved, or empty when a tenant may take it. */
    public static Optional<String> reason(String name) {
        if (NAMES.contains(name)) {
            return Optional.of("'" + name + "' is reserved for Nuage and the cluster");
        }
        return PREFIXES.stream().filter(name::startsWith).findFirst()
                .map(prefix -> "names starting with '" + prefix + "' are reserved for Nuage and the cluster");
    }
}
