package io.nuage.storage;

import io.nuage.status.Condition;

/** The states of a volume attachment, as the instance's reconciler observes them, and how a volume's status says them. */
public final class Attachments {

    /** Asked for; the guest does not see the volume yet. */
    public static final String ATTACHING = "attaching";
    /** The running guest sees the volume. */
    public static final String ATTACHED = "attached";
    /** The instance is stopped: the volume is in its VirtualMachine and the guest gets it when it starts. */
    public static final String AT_NEXT_START = "at_next_start";
    /** Detach asked for; the running guest still has the volume. */
    public static final String DETACHING = "detaching";

    private Attachments() {
    }

    /** Condition {@code Attached}: True once the guest sees the volume, and how it got there. */
    public static Condition condition(String state, boolean hotplug, String instance) {
        return switch (state) {
            case ATTACHED -> new Condition("Attached", "True", hotplug ? "Hotplugged" : "AttachedAtStart",
                    hotplug ? "Hot-plugged into running instance '" + instance + "'"
                            : "Attached to instance '" + instance + "' when it started", null);
            case AT_NEXT_START -> new Condition("Attached", "False", "PendingStart",
                    "Instance '" + instance + "' is stopped: it gets the volume when it starts", null);
            case DETACHING -> new Condition("Attached", "True", "Detaching", hotplug
                    ? "Being hot-unplugged from instance '" + instance + "'"
                    : "Instance '" + instance + "' keeps the volume until it stops or restarts", null);
            default -> new Condition("Attached", "False", hotplug ? "Hotplugging" : "Attaching",
                    (hotplug ? "Being hot-plugged into instance '" : "Being attached to instance '") + instance + "'", null);
        };
    }
}
