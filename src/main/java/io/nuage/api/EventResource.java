package io.nuage.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.events.EventStore;
import io.nuage.events.EventStore.Event;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every change of a tenant's instances, volumes, networks, snapshots and public addresses: created, changed, deleting, observed (the
 * status moved), deleted. As Server-Sent Events ({@code Accept: text/event-stream}), resumable with
 * {@code Last-Event-ID}; or as JSON pages from a position ({@code since}) for pollers.
 */
@Path("/v1/tenants/{tenant}/events")
@Tag(name = "Events")
@SecurityRequirement(name = "bearer")
public class EventResource {

    /** How often a stream looks for new events: one indexed read per open stream. */
    private static final Duration STREAM_POLL = Duration.ofMillis(500);
    private static final int STREAM_BATCH = 500;

    /** A page of events; {@code next_since} is where the next page starts (the same when nothing is new yet). */
    public record EventPage(List<Event> items, long nextSince) {
    }

    private final EventStore events;
    private final TenantScoped scoped;

    EventResource(EventStore events, TenantScoped scoped) {
        this.events = events;
        this.scoped = scoped;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listEvents", summary = "Events of a tenant", description = "Every change of the tenant's"
            + " instances, volumes, networks, snapshots and public addresses (cause: created, changed, deleting, observed, deleted). As JSON:"
            + " the changes after position since (0: the oldest kept, within nuage.api.events-retention), oldest first; pass"
            + " next_since back to poll. With Accept: text/event-stream: Server-Sent Events, each id its position; reconnect"
            + " with Last-Event-ID to get every event after it; without, the stream starts with the next change.")
    public Uni<EventPage> page(@PathParam("tenant") String tenant,
            @Parameter(description = "Position to start after (an event's id); default 0",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("since") String since,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "" + Page.MIN_LIMIT, maximum = "" + Page.MAX_LIMIT,
                    defaultValue = "" + Page.DEFAULT_LIMIT)) @QueryParam("limit") String limitParam) {
        Checks checks = new Checks();
        long from = QueryParams.position(checks, "since", since);
        int limit = QueryParams.integer(checks, "limit", limitParam, Page.MIN_LIMIT, Page.MAX_LIMIT, Page.DEFAULT_LIMIT);
        checks.throwIfInvalid();
        return scoped.read(tenant).chain(t -> events.after(t.id(), from, limit))
                .map(items -> new EventPage(items, items.isEmpty() ? from : items.get(items.size() - 1).id()));
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamEvents", summary = "Events of a tenant, as Server-Sent Events", description = "Each event's"
            + " id is its position: a client that reconnects with Last-Event-ID gets every event after it; without, the"
            + " stream starts with the next change.")
    public Multi<OutboundSseEvent> stream(@PathParam("tenant") String tenant, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        Checks checks = new Checks();
        long resume = QueryParams.position(checks, "Last-Event-ID", lastEventId);
        checks.throwIfInvalid();
        return scoped.read(tenant).chain(t -> (lastEventId != null ? Uni.createFrom().item(resume) : events.latest(t.id()))
                .map(start -> new Cursor(t.id(), new AtomicLong(start))))
                .onItem().transformToMulti(c -> Multi.createFrom().ticks().every(STREAM_POLL)
                        // A read or a client slower than a tick must not end the stream: the next tick reads on from the cursor.
                        .onOverflow().drop()
                        .onItem().transformToUniAndConcatenate(tick -> events.after(c.tenantId(), c.position().get(), STREAM_BATCH))
                        .onItem().transformToIterable(list -> list)
                        .invoke(e -> c.position().set(e.id()))
                        .map(e -> sse.newEventBuilder().id(Long.toString(e.id())).name(e.cause())
                                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(Event.class, e).build()));
    }

    private record Cursor(java.util.UUID tenantId, AtomicLong position) {
    }
}
