package io.nuage.kubevirt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** KubeVirt VirtualMachineExportStatus, the fields we read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VirtualMachineExportStatus {

    /** Pending, Ready, Terminated, Skipped. */
    @JsonProperty("phase")
    public String phase;

    @JsonProperty("links")
    public VirtualMachineExportLinks links;

    @JsonProperty("tokenSecretRef")
    public String tokenSecretRef;

    /** When KubeVirt removes the export: its creation plus ttlDuration (RFC 3339). */
    @JsonProperty("ttlExpirationTime")
    public String ttlExpirationTime;

    /** Ready (reason InUse while a pod, such as a running VM's launcher, uses the PVC), PVCReady. */
    @JsonProperty("conditions")
    public List<Condition> conditions;

    /** VirtualMachineExportLinks: the links from inside the cluster and from outside. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class VirtualMachineExportLinks {

        @JsonProperty("internal")
        public VirtualMachineExportLink internal;

        @JsonProperty("external")
        public VirtualMachineExportLink external;
    }

    /** VirtualMachineExportLink: the exported volumes (and the CA certificate, which we do not read). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class VirtualMachineExportLink {

        @JsonProperty("cert")
        public String cert;

        @JsonProperty("volumes")
        public List<VirtualMachineExportVolume> volumes;
    }

    /** VirtualMachineExportVolume: one exported volume (the PVC's name) and its formats. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class VirtualMachineExportVolume {

        @JsonProperty("name")
        public String name;

        @JsonProperty("formats")
        public List<VirtualMachineExportVolumeFormat> formats;
    }

    /** VirtualMachineExportVolumeFormat: raw, gzip, dir, tar.gz, and its URL. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class VirtualMachineExportVolumeFormat {

        @JsonProperty("format")
        public String format;

        @JsonProperty("url")
        public String url;
    }
}
