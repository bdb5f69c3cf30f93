package io.nuage.api;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of every list. {@code limit} is a string read by {@link QueryParams}, documented as the integer
 * it must be. A class, not a record: a record would carry the annotation to its accessor too, and the document would
 * list the parameter twice.
 */
public final class PageQuery {

    @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "" + Page.MIN_LIMIT, maximum = "" + Page.MAX_LIMIT,
            defaultValue = "" + Page.DEFAULT_LIMIT))
    @QueryParam("limit")
    String limit;

    @QueryParam("page_token")
    String pageToken;

    /** How many items a page holds: {@code limit}, or 400 naming it. */
    int size() {
        Checks checks = new Checks();
        int n = QueryParams.integer(checks, "limit", limit, Page.MIN_LIMIT, Page.MAX_LIMIT, Page.DEFAULT_LIMIT);
        checks.throwIfInvalid();
        return n;
    }

    /** Where the page starts: the {@code next_page_token} of the previous one, or null for the first. */
    String pageToken() {
        return pageToken;
    }
}
