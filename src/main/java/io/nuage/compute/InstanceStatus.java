package io.nuage.compute;

import java.util.List;
import io.nuage.status.Condition;

/**
 * What the reconciler last observed. {@code observed_generation} equal to the instance's
 * {@code generation} means the cluster has caught up with the last change.
 */
public record InstanceStatus(
        String phase,
        String message,
        List<Condition> conditions,
        List<String> ipAddresses,
        String node,
        long observedGeneration) {

    public static final String PENDING = "pending";
    public static final String PROVISIONING = "provisioning";
    public static final String STARTING = "starting";
    public static final String RUNNING = "running";
    public static final String STOPPING = "stopping";
    public static final String STOPPED = "stopped";
    public static final String FAILED = "failed";
    public static final String DELETING = "deleting";
}
