package io.nuage.tenancy;

import java.time.Clock;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.nuage.errors.NuageError;
import io.smallrye.mutiny.Uni;

/**
 * Authenticates every {@code /v1} call from its bearer token. Every failure answers the
 * same 401, so a caller learns nothing about which tokens exist.
 */
public class Authenticator {

    private static final String BEARER = "Bearer ";

    private final AdminToken adminToken;
    private final TokenStore tokens;
    private final CurrentCaller current;
    private final Clock clock;

    Authenticator(AdminToken adminToken, TokenStore tokens, CurrentCaller current, Clock clock) {
        this.adminToken = adminToken;
        this.tokens = tokens;
        this.current = current;
        this.clock = clock;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1")) {
            return Uni.createFrom().voidItem();
        }
        return caller(request.getHeaderString(HttpHeaders.AUTHORIZATION)).invoke(current::set).replaceWithVoid();
    }

    /**
     * Who presents this {@code Authorization} header (null when there is none), or 401. Also for the console's
     * WebSocket route, which JAX-RS filters do not see.
     */
    public Uni<Caller> caller(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().failure(NuageError.unauthenticated(
                    "Send 'Authorization: Bearer <token>'"));
        }
        String presented = header.substring(BEARER.length()).trim();
        if (adminToken.matches(presented)) {
            return Uni.createFrom().item(Caller.ADMIN);
        }
        Tokens.Parsed parsed = Tokens.parse(presented);
        if (parsed == null) {
            return invalid();
        }
        return tokens.credential(parsed.id()).chain(c -> {
            if (c == null || !Tokens.sameHash(c.secretHash(), parsed.secretHash())
                    || (c.expiresAt() != null && !c.expiresAt().isAfter(clock.instant()))) {
                return invalid();
            }
            return Uni.createFrom().item(new Caller(c.role(), c.tenantId(), c.tenantName(), c.tokenName(), c.tokenId(), c.expiresAt()));
        });
    }

    private static Uni<Caller> invalid() {
        return Uni.createFrom().failure(NuageError.unauthenticated("The token is invalid, expired or revoked"));
    }
}
