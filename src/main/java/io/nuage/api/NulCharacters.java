package io.nuage.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;

/**
 * Nuage keeps text in PostgreSQL, whose text cannot hold the NUL character (U+0000): a request whose path or query
 * carries one ({@code %00}) is refused before anything reads it, 400 {@code invalid_character} naming the query
 * parameter or the path. No resource's name may hold one, so the refusal hides nothing a request could reach. (In a
 * request body: {@link StrictJson}.)
 */
class NulCharacters {

    static final char NUL = '\u0000';

    @ServerRequestFilter(preMatching = true)
    public void refuse(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        if (uri.getPath().indexOf(NUL) >= 0) {
            throw refused("path");
        }
        for (Map.Entry<String, List<String>> q : uri.getQueryParameters().entrySet()) {
            if (q.getKey().indexOf(NUL) >= 0) {
                throw refused("query");
            }
            if (q.getValue().stream().anyMatch(v -> v.indexOf(NUL) >= 0)) {
                throw refused(q.getKey());
            }
        }
    }

    /** The answer to a NUL character in {@code where}: a field of the body, a query parameter, the path. */
    static NuageError refused(String where) {
        return NuageError.invalid("invalid_character", "'" + where + "' contains the NUL character (U+0000), which no"
                + " text here may hold", List.of(new FieldError(where, "must not contain the NUL character (U+0000)")));
    }
}
