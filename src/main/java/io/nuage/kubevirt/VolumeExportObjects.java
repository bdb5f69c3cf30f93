package io.nuage.kubevirt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.nuage.kubevirt.VirtualMachineExportStatus.VirtualMachineExportLink;
import io.nuage.kubevirt.VirtualMachineExportStatus.VirtualMachineExportVolume;
import io.nuage.kubevirt.VirtualMachineExportStatus.VirtualMachineExportVolumeFormat;

/**
 * The objects of a disk export, as pure functions of {@link DesiredVolumeExport}: the Secret whose key {@value #TOKEN_KEY}
 * KubeVirt's export server checks downloads against, and the VirtualMachineExport of the volume's PVC naming it. Both
 * carry the kind label {@value #KIND}, so that the watches of their types (Secrets are instances') route them here.
 */
public final class VolumeExportObjects {

    /** The kind label value of the objects disk exports own. */
    public static final String KIND = "volume-export";
    /** The key of the token in the Secret named by {@code spec.tokenSecretRef}, as KubeVirt reads it. */
    public static final String TOKEN_KEY = "token";
    /** The formats Nuage shows: the disk image as is, and compressed. */
    public static final List<String> FORMATS = List.of("raw", "gzip");

    private VolumeExportObjects() {
    }

    /**
     * {@code export-<id>}: 43 characters, so that KubeVirt's own names made from it (its export server's pod and
     * Service, {@code virt-export-<name>}) stay within Kubernetes' 63.
     */
    public static String exportName(DesiredVolumeExport d) {
        return "export-" + d.id();
    }

    public static String secretName(DesiredVolumeExport d) {
        return exportName(d) + "-token";
    }

    /** The token's Secret, or null once the export has expired. The value goes in {@code data}, as the server returns it. */
    public static Secret tokenSecret(DesiredVolumeExport d) {
        if (!d.live()) {
            return null;
        }
        Map<String, String> data = Map.of(TOKEN_KEY, Base64.getEncoder().encodeToString(d.token().getBytes(StandardCharsets.UTF_8)));
        return new SecretBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace(d.namespace()).withName(secretName(d))
                        .withLabels(Labels.owned(d.tenant(), d.id(), KIND)).build())
                .withType("Opaque")
                .withData(data)
                .build();
    }

    /** The VirtualMachineExport of the volume's PVC, or null once the export has expired. */
    public static VirtualMachineExport export(DesiredVolumeExport d) {
        if (!d.live()) {
            return null;
        }
        VirtualMachineExport e = new VirtualMachineExport();
        e.setMetadata(new ObjectMetaBuilder().withNamespace(d.namespace()).withName(exportName(d))
                .withLabels(Labels.owned(d.tenant(), d.id(), KIND)).build());
        e.setSpec(new VirtualMachineExportSpec(new TypedLocalObjectReference("", "PersistentVolumeClaim", d.volume()), secretName(d),
                d.ttlSeconds() + "s"));
        return e;
    }

    /** Whether the cluster's Secret holds the token and our labels. */
    public static boolean secretMatches(Secret want, Secret have) {
        return Objects.equals(want.getData(), have.getData())
                && Objects.equals(want.getMetadata().getLabels(), have.getMetadata().getLabels());
    }

    /** Whether the cluster's export is ours as built: KubeVirt writes only its status. */
    public static boolean exportMatches(VirtualMachineExport want, VirtualMachineExport have) {
        VirtualMachineExportSpec w = want.getSpec();
        VirtualMachineExportSpec h = have.getSpec();
        return h != null && Objects.equals(w.source, h.source) && Objects.equals(w.tokenSecretRef, h.tokenSecretRef)
                && Objects.equals(w.ttlDuration, h.ttlDuration)
                && Objects.equals(want.getMetadata().getLabels(), have.getMetadata().getLabels());
    }

    /** A download link of the export's volume: its external URL (null without one) and internal URL, per format. */
    public record Link(String format, String url, String internalUrl) {
    }

    /** The links of the volume {@code volume} for the formats Nuage shows, from the export's status; empty before any. */
    public static List<Link> links(VirtualMachineExport actual, String volume) {
        if (actual == null || actual.getStatus() == null || actual.getStatus().links == null) {
            return List.of();
        }
        Map<String, String> external = urls(actual.getStatus().links.external, volume);
        Map<String, String> internal = urls(actual.getStatus().links.internal, volume);
        List<Link> links = new ArrayList<>();
        for (String format : FORMATS) {
            if (external.containsKey(format) || internal.containsKey(format)) {
                links.add(new Link(format, external.get(format), internal.get(format)));
            }
        }
        return links;
    }

    private static Map<String, String> urls(VirtualMachineExportLink link, String volume) {
        Map<String, String> urls = new LinkedHashMap<>();
        if (link == null || link.volumes == null) {
            return urls;
        }
        for (VirtualMachineExportVolume v : link.volumes) {
            if (volume.equals(v.name) && v.formats != null) {
                for (VirtualMachineExportVolumeFormat f : v.formats) {
                    urls.put(f.format, f.url);
                }
            }
        }
        return urls;
    }
}
