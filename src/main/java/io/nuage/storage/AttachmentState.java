package io.nuage.storage;

import com.fasterxml.jackson.annotation.JsonValue;

import io.nuage.status.Condition;
import io.nuage.status.ConditionStatus;

/** The states of a volume attachment, as the instance's reconciler observes them, and how a volume's status says them. */
public enum AttachmentState {
    /** Asked for; the guest does not see the volume yet. */
    ATTACHING,
    /** The running guest sees the volume. */
    ATTACHED,
    /** The instance is stopped: the volume is in its VirtualMachine and the guest gets it when it starts. */
    AT_NEXT_START,
    /** Detach asked for; the running guest still has the volume. */
    DETACHING;

    /** As stored in {@code volume_attachments.state}. */
    @JsonValue
    public String key() {
        return name().toLowerCase();
    }

    public static AttachmentState of(String key) {
        return valueOf(key.toUpperCase());
    }

    /** Condition {@code Attached}: True once the guest sees the volume, and how it got there. */
    public Condition condition(boolean hotplug, String instance) {
        return switch (this) {
            case ATTACHED -> new Condition("Attached", ConditionStatus.TRUE, hotplug ? "Hotplugged" : "AttachedAtStart",
                    hotplug ? "Hot-plugged into running instance '" + instance + "'"
                            : "Attached to instance '" + instance + "' when it started", null);
            case AT_NEXT_START -> new Condition("Attached", ConditionStatus.FALSE, "PendingStart",
                    "Instance '" + instance + "' is stopped: it gets the volume when it starts", null);
            case DETACHING -> new Condition("Attached", ConditionStatus.TRUE, "Detaching", hotplug
                    ? "Being hot-unplugged from instance '" + instance + "'"
                    : "Instance '" + instance + "' keeps the volume until it stops or restarts", null);
            case ATTACHING -> new Condition("Attached", ConditionStatus.FALSE, hotplug ? "Hotplugging" : "Attaching",
                    (hotplug ? "Being hot-plugged into instance '" : "Being attached to instance '") + instance + "'", null);
        };
    }
}
