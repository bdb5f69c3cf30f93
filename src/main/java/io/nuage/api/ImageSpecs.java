package io.nuage.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.image.ImageSpec;
import io.nuage.platform.NuageConfig;
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

    ImageSpecs(SnapshotStore snapshots, ImportSources imports, NuageConfig config) {
        this.snapshots = snapshots;
        this.imports = imports;
        this.config = config;
    }

    /** For the tenant's catalog, or the operator's when {@code tenant} is null. */
    Uni<ImageSpec> of(Tenant tenant, ImageCreate body) {
        VolumeSource source = body.source();
        Uni<VolumeSource> resolved = source.type() == VolumeSource.Type.SNAPSHOT
                ? snapshots.find(tenant.id(), source.snapshot()).map(s -> VolumeSpecs.fromSnapshot(source, s))
                : imports.check(source);
        int size = body.sizeGib() != null ? body.sizeGib() : config.images().defaultSizeGib();
        return resolved.map(src -> new ImageSpec(body.name(), size, src, body.checksum(), body.os(), body.description(),
                body.labels() == null ? Map.of() : body.labels()));
    }
}
