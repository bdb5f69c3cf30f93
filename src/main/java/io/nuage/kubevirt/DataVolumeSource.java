package io.nuage.kubevirt;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * CDI v1beta1.DataVolumeSource: exactly one of these is set. The blank source is an empty
 * object ({@code DataVolumeBlankImage} has no fields), hence a map.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DataVolumeSource {

    @JsonProperty("blank")
    public Map<String, Object> blank;

    @JsonProperty("http")
    public UrlSource http;

    @JsonProperty("registry")
    public UrlSource registry;

    @JsonProperty("snapshot")
    public SnapshotSource snapshot;

    public static DataVolumeSource blank() {
        DataVolumeSource s = new DataVolumeSource();
        s.blank = Map.of();
        return s;
    }

    public static DataVolumeSource http(String url) {
        return http(url, null);
    }

    /** {@code checksum} ("sha256:<hex>", or null): CDI's importer fails the import when the download does not match it. */
    public static DataVolumeSource http(String url, String checksum) {
        DataVolumeSource s = new DataVolumeSource();
        s.http = new UrlSource(url);
        s.http.checksum = checksum;
        return s;
    }

    /** {@code url} with its {@code docker://} scheme, as CDI wants it. */
    public static DataVolumeSource registry(String url) {
        DataVolumeSource s = new DataVolumeSource();
        s.registry = new UrlSource(url);
        return s;
    }

    /** A CSI VolumeSnapshot in {@code namespace}. */
    public static DataVolumeSource snapshot(String namespace, String name) {
        DataVolumeSource s = new DataVolumeSource();
        s.snapshot = new SnapshotSource(namespace, name);
        return s;
    }

    /** v1beta1.DataVolumeSourceHTTP and v1beta1.DataVolumeSourceRegistry: both have a url; only http has a checksum. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class UrlSource {

        @JsonProperty("url")
        public String url;

        /** HTTP only: the expected digest, "algorithm:hash". */
        @JsonProperty("checksum")
        public String checksum;

        public UrlSource() {
        }

        public UrlSource(String url) {
            this.url = url;
        }
    }

    /** v1beta1.DataVolumeSourceSnapshot. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class SnapshotSource {

        @JsonProperty("namespace")
        public String namespace;

        @JsonProperty("name")
        public String name;

        public SnapshotSource() {
        }

        public SnapshotSource(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }
    }
}
