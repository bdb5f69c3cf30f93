package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** CDI v1beta1.DataVolumeStatus: phase (Pending, ImportInProgress, Succeeded, Failed...) and progress ("45.50%"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DataVolumeStatus {

    @JsonProperty("phase")
    public String phase;

    @JsonProperty("progress")
    public String progress;

    @JsonProperty("conditions")
    public List<Condition> conditions;

    public DataVolumeStatus() {
    }

    public DataVolumeStatus(String phase, String progress, List<Condition> conditions) {
        this.phase = phase;
        this.progress = progress;
        this.conditions = conditions;
    }
}
