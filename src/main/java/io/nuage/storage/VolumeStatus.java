package io.nuage.storage;

import java.util.List;

import io.nuage.status.Condition;

/**
 * What the reconciler last observed of a volume, plus the instance it is attached to.
 *
 * @param progress import progress in percent while importing (100 when ready), else null
 * @param attachedTo the instance the volume is attached to, or null; condition Attached says how
 */
public record VolumeStatus(
        VolumePhase phase,
        Double progress,
        String message,
        String attachedTo,
        List<Condition> conditions,
        long observedGeneration) {

    /** The same status attached elsewhere: attachment is read from its own table, not written by the volume's pass. */
    public VolumeStatus withAttachment(String instance, List<Condition> attachmentConditions) {
        List<Condition> all = new java.util.ArrayList<>(conditions);
        all.addAll(attachmentConditions);
        return new VolumeStatus(phase, progress, message, instance, all, observedGeneration);
    }
}
