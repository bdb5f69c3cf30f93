package io.nuage.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.image.ImageSpec;
import io.nuage.platform.NuageConfig;
import io.nuage.platform.RegionDirectory;
import io.nuage.tenancy.Regions;
import io.nuage.storage.ImportSources;
import io.nuage.storage.SnapshotStore;
import io.nuage.storage.VolumeSource;
import io.nuage.tenancy.Tenant;
import io.smallrye.mutiny.Uni;

/**
 * The spec a checked image create asks for, as a volume's ({@link VolumeSpecs}): the default size filled in, an http or
 * registry source whose host is public (the same policy and refusal as volumes'), a snapshot source pinned to one
 * volume of a ready snapshot of the tenant's.
 */
@ApplicationScoped
class ImageSpecs {

    private final SnapshotStore snapshots;
    private final ImportSources imports;
    private final NuageConfig config;
    private final VolumeSpecs volumes;
    private final RegionDirectory regions;

    ImageSpecs(SnapshotStore snapshots, ImportSources imports, NuageConfig config, VolumeSpecs volumes, RegionDirectory regions) {
        this.snapshots = snapshots;
        this.imports = imports;
        this.config = config;
        this.volumes = volumes;
        this.regions = regions;
    }

    /** For the tenant's catalog, or the operator's when {@code tenant} is null. */
    Uni<ImageSpec> of(Tenant tenant, ImageCreate body) {
        VolumeSource source = body.source();
        int size = body.sizeGib() != null ? body.sizeGib() : config.images().defaultSizeGib();
        Map<String, String> labels = body.labels() == null ? Map.of() : body.labels();
        if (source.type() == VolumeSource.Type.SNAPSHOT) {
            return snapshots.find(tenant.id(), source.snapshot()).map(s -> new ImageSpec(body.name(), size,
                    VolumeSpecs.fromSnapshot(source, s), body.checksum(), body.os(), body.description(), labels,
                    volumes.inRegionOf(tenant, body.region(), s)));
        }
        // The catalog's images serve every region; a tenant's lives in one of its own.
        String region = tenant == null ? null : Regions.of(tenant, body.region(), null, regions.names());
        return imports.check(source).map(src -> new ImageSpec(body.name(), size, src, body.checksum(), body.os(), body.description(),
                labels, region));
    }
}
