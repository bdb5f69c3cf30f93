package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.Quantity;

/** KubeVirt v1beta1.VirtualMachineInstancetypeSpec, the part Nuage sets: vCPUs (maybe pinned) and memory. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineInstancetypeSpec {

    @JsonProperty("cpu")
    public Cpu cpu;

    @JsonProperty("memory")
    public MemorySize memory;

    public VirtualMachineInstancetypeSpec() {
    }

    public VirtualMachineInstancetypeSpec(Cpu cpu, MemorySize memory) {
        this.cpu = cpu;
        this.memory = memory;
    }

    /** v1beta1.CPUInstancetype. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Cpu {
        @JsonProperty("guest")
        public Integer guest;

        @JsonProperty("dedicatedCPUPlacement")
        public Boolean dedicatedCPUPlacement;

        public Cpu() {
        }

        public Cpu(Integer guest, Boolean dedicatedCPUPlacement) {
            this.guest = guest;
            this.dedicatedCPUPlacement = dedicatedCPUPlacement;
        }
    }

    /** v1beta1.MemoryInstancetype. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class MemorySize {
        @JsonProperty("guest")
        public Quantity guest;

        public MemorySize() {
        }

        public MemorySize(Quantity guest) {
            this.guest = guest;
        }
    }
}
