package io.nuage.sla;

import java.time.Instant;
import java.util.UUID;

/**
 * What a reconcile pass saw of a resource at {@code at}. {@code category} is the observed one:
 * {@link Category#PROVISIONING} for "not running yet, desired running", which the ledger turns
 * into downtime when the resource was up before and no tenant action explains it.
 *
 * @param tenantAction the tenant asked for what is happening (a restart): not downtime
 * @param createdAt when the resource was created, where its history starts
 * @param unobservedSince set on the first pass after a time when no replica observed the cluster: when that time
 *        began. A resource found down then was last seen up at that moment, and is recorded down from it.
 */
public record Observation(UUID resourceId, UUID tenantId, Kind kind, String name, String region, Instant createdAt,
        Instant at, Category category, String reason, boolean tenantAction, Sizes sizes, Instant unobservedSince) {

    /** What a pass saw of a resource that replicas observed without a gap. */
    public Observation(UUID resourceId, UUID tenantId, Kind kind, String name, String region, Instant createdAt,
            Instant at, Category category, String reason, boolean tenantAction, Sizes sizes) {
        this(resourceId, tenantId, kind, name, region, createdAt, at, category, reason, tenantAction, sizes, null);
    }

    public enum Kind {
        INSTANCE, VOLUME, NETWORK, PUBLIC_IP, IMAGE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind of(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** What the resource is billed by while the interval lasts. */
    public record Sizes(int vcpus, int memoryMib, int storageGib) {
        public static final Sizes NONE = new Sizes(0, 0, 0);
    }
}
