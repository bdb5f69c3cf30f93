package io.nuage.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.nuage.db.ListFilter;
import io.nuage.db.ListFilter.Requirement;

/**
 * The filters of the lists of instances, networks, volumes and snapshots, read as strictly as every query parameter
 * ({@link QueryParams}); PostgreSQL applies them ({@link ListFilter}). A class, not a record: see {@link PageQuery}.
 */
public final class FilterQuery {

    @Parameter(description = "Kubernetes label selector: requirements separated by commas, each key=value, key!=value,"
            + " key in (a,b), key notin (a,b), key or !key; all must hold",
            schema = @Schema(type = SchemaType.STRING, maxLength = LabelSelectors.MAX_LENGTH), example = "env=ci,team!=web")
    @QueryParam("label_selector")
    String labelSelector;

    @Parameter(description = "Phases to keep, separated by commas (any of them)", example = "running,failed")
    @QueryParam("phase")
    String phase;

    @Parameter(description = "Only those created after this time (RFC 3339)",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @QueryParam("created_after")
    String createdAfter;

    @Parameter(description = "Only those created before this time (RFC 3339)",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @QueryParam("created_before")
    String createdBefore;

    /** This query, for a list whose items have no labels (tokens): a label selector answers 400 rather than nothing. */
    FilterQuery unlabelled() {
        new Checks().check(labelSelector == null || labelSelector.isBlank(), "label_selector", "is not a filter of this list: its items have no labels")
                .throwIfInvalid();
        return this;
    }

    /** The filter, or 400 naming each bad parameter; {@code phases} are those of the listed kind (none: no phase filter). */
    ListFilter filter(List<String> phases) {
        Checks checks = new Checks();
        List<Requirement> labels = LabelSelectors.parse(checks, "label_selector", labelSelector);
        List<String> wanted = new ArrayList<>();
        if (phase != null && !phase.isBlank() && phases.isEmpty()) {
            checks.check(false, "phase", "is not a filter of this list");
        } else if (phase != null && !phase.isBlank()) {
            for (String p : phase.split(",", -1)) {
                checks.check(phases.contains(p.trim()), "phase", "must be phases separated by commas, among " + phases);
                wanted.add(p.trim());
            }
        }
        Instant after = QueryParams.time(checks, "created_after", createdAfter);
        Instant before = QueryParams.time(checks, "created_before", createdBefore);
        checks.throwIfInvalid();
        return new ListFilter(labels, wanted, after, before);
    }
}
