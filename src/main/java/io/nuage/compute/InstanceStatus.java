package io.nuage.compute;

import java.util.List;
import io.nuage.status.Condition;

/**
 * What the reconciler last observed. {@code observed_generation} equal to the instance's
 * {@code generation} means the cluster has caught up with the last change.
 */
public record InstanceStatus(
        InstancePhase phase,
        String message,
        List<Condition> conditions,
        List<String> ipAddresses,
        String node,
        long observedGeneration) {
}
