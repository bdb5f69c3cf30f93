package io.nuage.reconciler;

import java.util.Map;

import io.nuage.kubevirt.DataSource;
import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.DataVolumeSource;
import io.nuage.kubevirt.DesiredImage;
import io.nuage.kubevirt.ImageObjects;
import io.nuage.kubevirt.VolumeObjects;
import io.nuage.reconciler.KindReconciler.Orphans;

/** The two objects an image owns: the DataVolume that imports it once, and the DataSource that publishes its PVC. */
final class ImageDependents {

    /** The image as it should be in the cluster, and the DataVolume it already has, if any. */
    record Model(DesiredImage desired, DataVolume actual) {
        String namespace() {
            return desired.namespace();
        }
    }

    private ImageDependents() {
    }

    /**
     * Data, like a volume's: collected only once the database shows the image deleted. Its watch is the volumes'
     * (one informer per type): the {@code nuage.io/kind} label sends its events, and its orphan check, to images.
     */
    static final class ImageDataVolume extends Dependent<Model, DataVolume> {

        ImageDataVolume() {
            super(DataVolume.class, Map.of(), Orphans.DELETED_IF_TOMBSTONED, Model::namespace);
        }

        /** Once made, a DataVolume keeps its source: a snapshot deleted after the import changes nothing. */
        @Override
        DataVolume desired(Model m) {
            DataVolume want = ImageObjects.dataVolume(m.desired());
            DataVolume have = m.actual();
            if (have != null && have.getSpec() != null && have.getSpec().source != null) {
                DataVolumeSource kept = have.getSpec().source;
                want.getSpec().source = kept.snapshot != null ? kept : want.getSpec().source;
            }
            return want;
        }

        @Override
        String name(Model m) {
            return m.desired().objectName();
        }

        @Override
        boolean matches(Model m, DataVolume want, DataVolume have) {
            return VolumeObjects.specMatches(want, have);
        }
    }

    /** A pointer to the PVC, rebuilt from the database whenever it is wanted: orphans are deleted. */
    static final class ImageDataSource extends Dependent<Model, DataSource> {

        ImageDataSource() {
            super(DataSource.class, Map.of(), Orphans.DELETED, Model::namespace);
        }

        @Override
        DataSource desired(Model m) {
            return ImageObjects.dataSource(m.desired());
        }

        @Override
        String name(Model m) {
            return m.desired().objectName();
        }

        @Override
        boolean matches(Model m, DataSource want, DataSource have) {
            return have.getSpec() != null && have.getSpec().source != null && have.getSpec().source.pvc != null
                    && want.getSpec().source.pvc.namespace.equals(have.getSpec().source.pvc.namespace)
                    && want.getSpec().source.pvc.name.equals(have.getSpec().source.pvc.name)
                    && have.getMetadata().getLabels() != null
                    && have.getMetadata().getLabels().entrySet().containsAll(want.getMetadata().getLabels().entrySet());
        }
    }
}
