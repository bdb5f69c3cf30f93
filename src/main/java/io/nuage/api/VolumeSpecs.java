package io.nuage.api;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.errors.NuageError;
import io.nuage.platform.NuageConfig;
import io.nuage.platform.RegionDirectory;
import io.nuage.tenancy.Regions;
import io.nuage.storage.ImportSources;
import io.nuage.storage.Snapshot;
import io.nuage.storage.SnapshotStore;
import io.nuage.storage.VolumeSource;
import io.nuage.storage.VolumeSpec;
import io.nuage.tenancy.Tenant;
import io.nuage.storage.SnapshotPhase;
import io.smallrye.mutiny.Uni;

/**
 * The spec a checked volume create asks for: its defaults filled in, a snapshot source
 * pinned to one volume of a ready snapshot, so the reconciler copies exactly that, and an
 * http or registry source whose host is public ({@link ImportSources}).
 */
@ApplicationScoped
class VolumeSpecs {

    private final SnapshotStore snapshots;
    private final ImportSources imports;
    private final NuageConfig config;
    private final RegionDirectory regions;

    VolumeSpecs(SnapshotStore snapshots, ImportSources imports, NuageConfig config, RegionDirectory regions) {
        this.snapshots = snapshots;
        this.imports = imports;
        this.config = config;
        this.regions = regions;
    }

    Uni<VolumeSpec> of(Tenant t, VolumeCreate body) {
        VolumeSource source = body.source() == null ? VolumeSource.blankSource() : body.source();
        String storageClass = body.storageClass() != null ? body.storageClass() : config.storage().defaultClass().orElse(null);
        Map<String, String> labels = body.labels() == null ? Map.of() : body.labels();
        if (source.type() != VolumeSource.Type.SNAPSHOT) {
            String region = Regions.of(t, body.region(), null, regions.names());
            return imports.check(source).map(src -> new VolumeSpec(body.name(), body.sizeGib(), storageClass, src, labels, region));
        }
        return snapshots.find(t.id(), source.snapshot()).map(s -> {
            VolumeSource src = fromSnapshot(source, s);
            return new VolumeSpec(body.name(), body.sizeGib(), storageClass, src, labels, inRegionOf(t, body.region(), s));
        });
    }

    /** A copy of a snapshot's volume stays in the snapshot's region: its data is on that region's storage. */
    String inRegionOf(Tenant t, String asked, Snapshot snapshot) {
        String region = Regions.of(t, asked, snapshot.region(), regions.names());
        Regions.requireSame("The new volume", region, "snapshot '" + snapshot.name() + "'", snapshot.region());
        return region;
    }

    /** Which of a ready snapshot's volumes the new volume copies: the one named, or its only one. */
    static VolumeSource fromSnapshot(VolumeSource source, Snapshot snapshot) {
        if (snapshot == null) {
            throw NuageError.rejected("snapshot_not_found", "Snapshot '" + source.snapshot() + "' does not exist",
                    Map.of("snapshot", source.snapshot()));
        }
        if (snapshot.status().phase() != SnapshotPhase.READY) {
            throw NuageError.conflict("snapshot_not_ready", "Snapshot '" + snapshot.name() + "' is " + snapshot.status().phase().key(),
                    Map.of("phase", snapshot.status().phase().key()));
        }
        List<String> held = snapshot.status().volumes();
        String volume = source.volume();
        if (volume == null && held.size() != 1) {
            throw NuageError.rejected("snapshot_volume_required", "Snapshot '" + snapshot.name() + "' holds "
                    + (held.isEmpty() ? "no volume" : "volumes " + held + ": name one in source.volume"), Map.of("volumes", held));
        }
        if (volume != null && !held.contains(volume)) {
            throw NuageError.rejected("snapshot_volume_not_found", "Snapshot '" + snapshot.name() + "' holds no volume '"
                    + volume + "'", Map.of("volumes", held));
        }
        return new VolumeSource(null, null, null, snapshot.name(), volume != null ? volume : held.get(0));
    }
}
