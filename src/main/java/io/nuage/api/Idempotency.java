package io.nuage.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nuage.db.DatabaseOutage;
import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;
import io.nuage.idempotency.Answer;
import io.nuage.idempotency.Claim;
import io.nuage.idempotency.IdempotencyKeys;
import io.nuage.tenancy.Caller;
import io.nuage.tenancy.TenantAccess;
import io.smallrye.mutiny.Uni;

/**
 * {@code Idempotency-Key} on every POST under /v1, for every resource alike: the first request with a key runs and its
 * answer is kept; a retry (same key, same token, same method, path and body) gets that answer again, marked
 * {@code Idempotent-Replayed: true}, and changes nothing. Keys are scoped by the token's tenant, or the operator.
 * Answers of 5xx are not kept: the key is given up and a retry runs again. A dry run changes nothing and needs no key:
 * its key is ignored.
 */
public class Idempotency {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    /** A request holding its key answers in milliseconds: a retry a second later finds the answer. */
    static final int RETRY_AFTER_SECONDS = 1;
    static final int MAX_KEY_LENGTH = 255;
    private static final String CLAIM = Idempotency.class.getName() + ".claim";
    private static final Logger LOG = Logger.getLogger(Idempotency.class);

    private final IdempotencyKeys keys;
    private final TenantAccess access;
    private final ObjectMapper json;
    private final DatabaseOutage outage;

    Idempotency(IdempotencyKeys keys, TenantAccess access, ObjectMapper json, DatabaseOutage outage) {
        this.keys = keys;
        this.access = access;
        this.json = json;
        this.outage = outage;
    }

    /** After authentication, with the body read (it is part of what a retry must repeat). */
    @ServerRequestFilter(priority = Priorities.USER, readBody = true)
    public Uni<Response> claim(ResteasyReactiveContainerRequestContext request) {
        String key = request.getHeaderString(HEADER);
        if (key == null || DryRun.requested() || !"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/v1")) {
            return Uni.createFrom().nullItem();
        }
        if (!valid(key)) {
            return Uni.createFrom().failure(NuageError.validation(
                    List.of(new FieldError(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters"))));
        }
        Caller caller = access.caller();
        String scope = caller.isAdmin() ? "operator" : "tenant:" + caller.tenantId();
        return keys.claim(scope, key, fingerprint(caller, request, body(request))).map(claim -> {
            if (claim instanceof Claim.Claimed claimed) {
                request.setProperty(CLAIM, claimed);
                return null;
            }
            if (claim instanceof Claim.Replay replay) {
                return replay(replay.answer());
            }
            if (claim instanceof Claim.InProgress) {
                throw NuageError.conflict("idempotency_in_progress",
                        "A request with this Idempotency-Key is still running; retry after Retry-After seconds",
                        Map.of(NuageError.RETRY_AFTER, RETRY_AFTER_SECONDS));
            }
            throw NuageError.rejected("idempotency_key_reused", "This Idempotency-Key was used for a different request"
                    + " (method, path, body or token); use a new key for a new request", null);
        });
    }

    /**
     * Keeps the answer of a request that claimed its key, whether the resource answered it or the problem mapper; after
     * {@link ConditionalResponses} has tagged it (response filters run from the highest priority down).
     */
    @ServerResponseFilter(priority = Priorities.USER)
    public Uni<Void> keep(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim.Claimed claim)) {
            return Uni.createFrom().voidItem();
        }
        if (response.getStatus() >= 500) {
            return keys.release(claim).onFailure().recoverWithUni(this::notKept);
        }
        String body = text(response.getEntity());
        if (body != null) {
            // What is sent is exactly what is kept, so a replay is byte for byte the first answer.
            response.setEntity(body, response.getEntityAnnotations(), response.getMediaType());
        }
        Answer answer = new Answer(response.getStatus(), response.getHeaderString(HttpHeaders.LOCATION), response.getHeaderString(HttpHeaders.ETAG),
                response.getMediaType() == null ? null : response.getMediaType().toString(), body);
        // If it cannot be kept, the answer still goes out: the claim lapses after its bound and a retry runs again.
        return keys.complete(claim, answer).onFailure().recoverWithUni(this::notKept);
    }

    private Uni<Void> notKept(Throwable e) {
        if (!outage.unavailable(e)) {
            LOG.warnf("An idempotency key's answer could not be kept or released: %s", e.getClass().getSimpleName());
        }
        return Uni.createFrom().voidItem();
    }

    private static Response replay(Answer answer) {
        Response.ResponseBuilder r = Response.status(answer.status()).header(REPLAYED, "true");
        if (answer.location() != null) {
            r.location(URI.create(answer.location()));
        }
        if (answer.etag() != null) {
            r.header(HttpHeaders.ETAG, answer.etag());
        }
        if (answer.body() != null) {
            r.entity(answer.body()).type(answer.contentType());
        }
        return r.build();
    }

    /** 1 to 255 characters, each visible ASCII (no space, no control character). */
    static boolean valid(String key) {
        return !key.isEmpty() && key.length() <= MAX_KEY_LENGTH && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    /**
     * The body as read, put back for the resource to read in turn. An operation that takes no body (an instance
     * action) has none read for it, and ignores whatever was sent: nothing, for it and for the hash.
     */
    private static byte[] body(ResteasyReactiveContainerRequestContext request) {
        if (request.getServerRequestContext() instanceof ResteasyReactiveRequestContext context && !context.hasInputStream()) {
            return new byte[0];
        }
        try {
            byte[] body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a retry must repeat: the token (so a key's answer, which may hold a secret, goes to no other token), the
     * method, the path with its query, and the body. Only this hash is kept, never the body.
     */
    private static byte[] fingerprint(Caller caller, ContainerRequestContext request, byte[] body) {
        URI uri = request.getUriInfo().getRequestUri();
        String head = (caller.isAdmin() ? "operator" : caller.tokenId().toString()) + '\n' + request.getMethod() + ' '
                + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + '\n';
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(head.getBytes(StandardCharsets.UTF_8));
            return sha.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entity as JSON text, as the writer would have written it with the same mapper. */
    private String text(Object entity) {
        if (entity == null || entity instanceof String) {
            return (String) entity;
        }
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }
}
