package io.nuage.api;

import java.util.List;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.platform.Region;
import io.nuage.platform.RegionDirectory;

/**
 * The regions this installation offers, with their country and cluster: configuration, the same for every caller (a
 * tenant sees where it could live, as it sees the catalogs). A tenant's own regions are its {@code regions}.
 */
@Path("/v1/regions")
@Tag(name = "Regions")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class RegionResource {

    private final RegionDirectory regions;

    RegionResource(RegionDirectory regions) {
        this.regions = regions;
    }

    @GET
    @Operation(operationId = "listRegions", summary = "List the regions offered", description = "Any valid token: each region"
            + " with its country (ISO 3166-1 alpha-2) and the Kubernetes cluster that serves it, ordered by name, a page at a time.")
    public Page<Region> list(@BeanParam PageQuery page) {
        int n = page.size();
        String after = page.pageToken() == null ? "" : page.pageToken();
        List<Region> rows = regions.all().stream().filter(r -> r.name().compareTo(after) > 0)
                .sorted((a, b) -> a.name().compareTo(b.name())).limit(n + 1L).toList();
        return Page.of(rows, n, Region::name);
    }
}
