package io.nuage.api;

import java.util.Set;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.nuage.compute.Instance;
import io.nuage.compute.InstanceType;
import io.nuage.compute.SshKey;
import io.nuage.image.Image;
import io.nuage.network.Network;
import io.nuage.publicip.PublicIp;
import io.nuage.sla.MaintenanceWindow;
import io.nuage.storage.Snapshot;
import io.nuage.storage.Volume;
import io.nuage.storage.VolumeExport;
import io.nuage.tenancy.ApiToken;
import io.nuage.tenancy.Tenant;

/**
 * The ETag of every answer that carries one resource (a GET, or a write's 200, 201 or 202), and If-None-Match on the
 * GETs: once here for every resource rather than on each method. If-Match is not here: it must be checked in the
 * write's own transaction ({@link ETags#ifMatch}).
 */
class ConditionalResponses {

    /** The answers that carry one resource; the document shows their ETag too ({@link ConditionalRequestsDocument}). */
    static final Set<Class<?>> RESOURCES = Set.of(Instance.class, Network.class, Volume.class, Snapshot.class,
            Tenant.class, ApiToken.class, TokenCreated.class, MaintenanceWindow.class, EnvironmentView.class, SshKey.class,
            InstanceType.class, PublicIp.class, Image.class, VolumeExport.class);

    private final ETags etags;

    ConditionalResponses(ETags etags) {
        this.etags = etags;
    }

    /** Before {@link Idempotency#keep}, which keeps the tag with the answer. */
    @ServerResponseFilter(priority = Priorities.USER + 10)
    public void etag(ContainerRequestContext request, ContainerResponseContext response) {
        Object entity = response.getEntity();
        int status = response.getStatus();
        if (entity == null || !RESOURCES.contains(entity.getClass()) || status < 200 || status > 202) {
            return;
        }
        String etag = etags.of(entity);
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (request.getMethod().equals(HttpMethod.GET) && ifNoneMatch != null && ETags.matches(ifNoneMatch, etag, true)) {
            response.setStatus(304);
            response.setEntity(null);
        }
    }
}
