package io.nuage.api;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.tenancy.QuotaUsage;
import io.smallrye.mutiny.Uni;

/** A tenant's quota headroom: for each limit, the limit, what is used and what is available. */
@Path("/v1/tenants/{tenant}/quota")
@Tag(name = "Tenants")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class QuotaResource {

    private final QuotaUsage usage;
    private final TenantScoped scoped;

    QuotaResource(QuotaUsage usage, TenantScoped scoped) {
        this.usage = usage;
        this.scoped = scoped;
    }

    @GET
    @Operation(operationId = "getTenantQuota", summary = "Quota headroom of a tenant", description = "For each limit (vcpus,"
            + " memory_mib, instances, storage_gib, volumes, networks, snapshots, tokens): limit, used and available. Any token"
            + " of the tenant may read it.")
    public Uni<Map<String, QuotaUsage.Limit>> get(@PathParam("tenant") String tenant) {
        return scoped.read(tenant).chain(usage::of);
    }
}
