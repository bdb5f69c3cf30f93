package io.nuage.api;

import jakarta.ws.rs.QueryParam;

/** The query parameters of every list; {@link Page#limit} checks {@code limit}. */
public record PageQuery(
        @QueryParam("limit") String limit,
        @QueryParam("page_token") String pageToken) {
}
