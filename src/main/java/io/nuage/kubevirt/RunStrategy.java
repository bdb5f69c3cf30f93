package io.nuage.kubevirt;

/**
 * The values of VirtualMachineSpec.runStrategy that Nuage writes. A String rather than an enum
 * in the model, so a VM someone switched to another strategy (Manual, Once...) still reads.
 */
public final class RunStrategy {

    public static final String ALWAYS = "Always";
    public static final String HALTED = "Halted";

    private RunStrategy() {
    }
}
