package io.nuage.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.tenancy.Residency;
import io.nuage.tenancy.TenantAccess;
import io.smallrye.mutiny.Uni;

/** Where a tenant's data lives: each of its resources with region, country, cluster and (instances) node. */
@Path("/v1/tenants/{tenant}/residency")
@Tag(name = "Regions")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ResidencyResource {

    private final Residency residency;
    private final TenantAccess access;

    ResidencyResource(Residency residency, TenantAccess access) {
        this.residency = residency;
        this.access = access;
    }

    @GET
    @Operation(operationId = "getResidency", summary = "Where the tenant's resources live", description = "Every live resource"
            + " (deleting ones included) with its region, the region's country and cluster, and an instance's node; ordered by"
            + " kind then name, a page at a time; kind and region filter it. Catalog images serve every region and are not listed.")
    public Uni<Page<Residency.Resident>> list(@PathParam("tenant") String tenant, @BeanParam PageQuery page,
            @Parameter(description = "One kind: image, instance, network, public_ip, snapshot or volume") @QueryParam("kind") String kind,
            @Parameter(description = "One region's resources only") @QueryParam("region") String region) {
        int n = page.size();
        new Checks().check(kind == null || Residency.KINDS.contains(kind), "kind", "must be one of " + Residency.KINDS)
                .throwIfInvalid();
        String token = page.pageToken() == null ? "/" : page.pageToken();
        int slash = token.indexOf('/');
        String afterKind = slash < 0 ? token : token.substring(0, slash);
        String afterName = slash < 0 ? "" : token.substring(slash + 1);
        return access.read(tenant).chain(t -> residency.list(t.id(), afterKind, afterName, n + 1, kind, region))
                .map(rows -> Page.of(rows, n, r -> r.kind() + "/" + r.name()));
    }
}
