package io.nuage.api;

import java.util.function.Supplier;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.compute.InstanceStore;
import io.nuage.console.SerialConsoles;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * An instance's serial console log: what the guest wrote to its serial port, as KubeVirt keeps it. Read from the
 * cluster (see {@link SerialConsoles}); the interactive console is {@link ConsoleSocket}.
 */
@Path("/v1/tenants/{tenant}/instances/{name}/console")
@Tag(name = "Instances")
@SecurityRequirement(name = "bearer")
public class ConsoleResource {

    static final int TAIL_MIN = 1;
    static final int TAIL_MAX = 10_000;
    static final int TAIL_DEFAULT = 500;

    private final TenantScoped scoped;
    private final InstanceStore instances;
    private final SerialConsoles consoles;

    ConsoleResource(TenantScoped scoped, InstanceStore instances, SerialConsoles consoles) {
        this.scoped = scoped;
        this.instances = instances;
        this.consoles = consoles;
    }

    @GET
    @Path("/log")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "getInstanceConsoleLog", summary = "Read an instance's serial console log", description = "The last"
            + " `tail` lines the guest wrote to its serial console (firmware, kernel, boot, login prompt), as text. A viewer may"
            + " read it. The interactive console is a WebSocket at GET .../instances/{name}/console (see the README).")
    @APIResponse(responseCode = "200", description = "The lines, oldest first",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "instance_not_running: the instance has no running guest (stopped,"
            + " starting, deleting); console_log_unavailable: the cluster's KubeVirt keeps no serial console log")
    public Uni<String> log(@PathParam("tenant") String tenant, @PathParam("name") String name,
            @Parameter(description = "How many of the last lines", schema = @Schema(type = SchemaType.INTEGER, minimum = "" + TAIL_MIN,
                    maximum = "" + TAIL_MAX, defaultValue = "" + TAIL_DEFAULT)) @QueryParam("tail") String tail) {
        Checks checks = new Checks();
        int lines = QueryParams.integer(checks, "tail", tail, TAIL_MIN, TAIL_MAX, TAIL_DEFAULT);
        checks.throwIfInvalid();
        return scoped.get(tenant, "instance", name, instances::find)
                .chain(i -> onWorker(() -> consoles.log(tenant, name, lines)));
    }

    /** A blocking cluster call, run on a worker thread and answered on the caller's Vert.x context. */
    static <T> Uni<T> onWorker(Supplier<T> call) {
        Context caller = Vertx.currentContext();
        Uni<T> work = Uni.createFrom().item(call).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return caller == null ? work : work.emitOn(task -> caller.runOnContext(v -> task.run()));
    }
}
