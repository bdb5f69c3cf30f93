package io.nuage.kubevirt;

import java.util.UUID;

/**
 * What one disk export asks of the cluster: while {@code live}, a token Secret and a VirtualMachineExport of the
 * volume's PVC (named as the volume) in the tenant's namespace; nothing once expired.
 */
public record DesiredVolumeExport(UUID id, String tenant, String namespace, String volume, String token, int ttlSeconds,
        boolean live) {

    /** Never the token: a record's default text would carry it into any log line that prints one. */
    @Override
    public String toString() {
        return "DesiredVolumeExport[id=" + id + ", namespace=" + namespace + ", volume=" + volume + ", live=" + live + "]";
    }
}
