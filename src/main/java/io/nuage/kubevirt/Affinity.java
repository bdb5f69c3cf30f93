package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Kubernetes core/v1 Affinity, as a VirtualMachineInstanceSpec carries it: the node affinity part only, which is all
 * Nuage sets (a VM runs only on nodes of its region).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Affinity {

    /** The well-known node label of the region a node is in (set by the cloud provider or the operator). */
    public static final String REGION_LABEL = "topology.kubernetes.io/region";

    @JsonProperty("nodeAffinity")
    public NodeAffinity nodeAffinity;

    public Affinity() {
    }

    /** Schedules only on nodes labelled {@link #REGION_LABEL}={@code region}; a region with no node leaves it Pending. */
    public static Affinity requiredRegion(String region) {
        Affinity a = new Affinity();
        a.nodeAffinity = new NodeAffinity();
        a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = new NodeSelector();
        NodeSelectorTerm term = new NodeSelectorTerm();
        NodeSelectorRequirement in = new NodeSelectorRequirement();
        in.key = REGION_LABEL;
        in.operator = "In";
        in.values = List.of(region);
        term.matchExpressions = List.of(in);
        a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms = List.of(term);
        return a;
    }

    /** core/v1 NodeAffinity. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class NodeAffinity {
        @JsonProperty("requiredDuringSchedulingIgnoredDuringExecution")
        public NodeSelector requiredDuringSchedulingIgnoredDuringExecution;
    }

    /** core/v1 NodeSelector: its terms are ORed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class NodeSelector {
        @JsonProperty("nodeSelectorTerms")
        public List<NodeSelectorTerm> nodeSelectorTerms;
    }

    /** core/v1 NodeSelectorTerm: its requirements are ANDed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class NodeSelectorTerm {
        @JsonProperty("matchExpressions")
        public List<NodeSelectorRequirement> matchExpressions;
    }

    /** core/v1 NodeSelectorRequirement over a node label. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class NodeSelectorRequirement {
        @JsonProperty("key")
        public String key;

        @JsonProperty("operator")
        public String operator;

        @JsonProperty("values")
        public List<String> values;
    }
}
