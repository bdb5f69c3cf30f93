package io.nuage.kubevirt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The fields v1.VirtualMachineCondition and v1.VirtualMachineInstanceCondition share; lastTransitionTime stays an RFC 3339 string as the API sends it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Condition {

    @JsonProperty("type")
    public String type;

    @JsonProperty("status")
    public String status;

    @JsonProperty("reason")
    public String reason;

    @JsonProperty("message")
    public String message;

    @JsonProperty("lastTransitionTime")
    public String lastTransitionTime;

    public Condition() {
    }

    public Condition(String type, String status, String reason, String message, String lastTransitionTime) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.lastTransitionTime = lastTransitionTime;
    }
}
