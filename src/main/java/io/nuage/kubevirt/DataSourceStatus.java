package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** CDI v1beta1.DataSourceStatus: what Nuage reads is the Ready condition. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DataSourceStatus {

    @JsonProperty("conditions")
    public List<Condition> conditions;

    public DataSourceStatus() {
    }

    public DataSourceStatus(List<Condition> conditions) {
        this.conditions = conditions;
    }

    /** Whether CDI reports the DataSource Ready: its PVC is populated and can be cloned. */
    public boolean ready() {
        return conditions != null && conditions.stream().anyMatch(c -> "Ready".equals(c.type) && "True".equals(c.status));
    }
}
