package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What Nuage reads of a VirtualMachineInstance's spec: the CPU and memory its guest booted with (a resize waits for the
 * restart; usage is billed by what runs). The rest (disks, volumes, networks, affinity) is its VirtualMachine's
 * template, which the informer cache already holds: reading it into the VMI too held it twice (issue #23, the heap per
 * instance).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RunningGuestSpec {

    @JsonProperty("domain")
    public Domain domain;

    /** KubeVirt v1.DomainSpec, its CPU and memory alone. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Domain {

        @JsonProperty("cpu")
        public CPU cpu;

        @JsonProperty("memory")
        public Memory memory;
    }
}
