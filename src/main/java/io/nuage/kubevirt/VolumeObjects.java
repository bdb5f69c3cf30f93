package io.nuage.kubevirt;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The Kubernetes objects one volume needs, as pure functions of {@link DesiredVolume}. */
public final class VolumeObjects {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private VolumeObjects() {
    }

    /** The DataVolume for the volume; its name is the volume name, and CDI gives its PVC the same name. */
    public static DataVolume dataVolume(DesiredVolume d) {
        DataVolume dv = new DataVolume();
        dv.setMetadata(new ObjectMetaBuilder().withNamespace(d.namespace()).withName(d.name())
                .withLabels(Labels.owned(d.tenant(), d.id())).build());
        dv.setSpec(new DataVolumeSpec(d.source(), new StorageSpec(size(d.sizeGib()), d.storageClass())));
        return dv;
    }

    public static Quantity size(int gib) {
        return new Quantity(gib + "Gi");
    }

    /**
     * Whether {@code actual} is what {@code desired} asks for. The size is left out: a volume
     * grows by expanding its PVC (CDI does not resize a DataVolume), so the DataVolume keeps the
     * size it was created with.
     */
    public static boolean specMatches(DataVolume desired, DataVolume actual) {
        if (actual == null || actual.getSpec() == null) {
            return false;
        }
        return Objects.equals(ownedLabels(desired), ownedLabels(actual))
                && withoutSize(desired.getSpec()).equals(withoutSize(actual.getSpec()));
    }

    /** Bytes the PVC asks for, or -1 when it says nothing. */
    public static long requestedBytes(PersistentVolumeClaim pvc) {
        if (pvc == null || pvc.getSpec() == null || pvc.getSpec().getResources() == null
                || pvc.getSpec().getResources().getRequests() == null) {
            return -1;
        }
        Quantity q = pvc.getSpec().getResources().getRequests().get("storage");
        return q == null ? -1 : Quantity.getAmountInBytes(q).longValue();
    }

    /** Bytes the PVC has (status.capacity), or -1 when not reported yet. */
    public static long capacityBytes(PersistentVolumeClaim pvc) {
        if (pvc == null || pvc.getStatus() == null || pvc.getStatus().getCapacity() == null) {
            return -1;
        }
        Quantity q = pvc.getStatus().getCapacity().get("storage");
        return q == null ? -1 : Quantity.getAmountInBytes(q).longValue();
    }

    public static long bytes(int gib) {
        return gib * 1024L * 1024L * 1024L;
    }

    private static Map<String, String> ownedLabels(DataVolume dv) {
        Map<String, String> labels = dv.getMetadata() == null || dv.getMetadata().getLabels() == null
                ? Map.of() : dv.getMetadata().getLabels();
        return Map.of(Labels.MANAGED_BY, String.valueOf(labels.get(Labels.MANAGED_BY)),
                Labels.TENANT, String.valueOf(labels.get(Labels.TENANT)),
                Labels.RESOURCE_ID, String.valueOf(labels.get(Labels.RESOURCE_ID)));
    }

    private static JsonNode withoutSize(DataVolumeSpec spec) {
        JsonNode tree = SERIALIZATION.convertValue(spec, JsonNode.class);
        JsonNode storage = tree.get("storage");
        if (storage instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.remove("resources");
        }
        return tree;
    }
}
