package io.nuage.terraform.provider;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

import io.grpc.stub.StreamObserver;
import io.nuage.terraform.api.Json;
import io.nuage.terraform.api.NuageClient;
import io.nuage.terraform.cty.MsgPack;
import io.nuage.terraform.proto.ProviderGrpc;
import io.nuage.terraform.proto.Tfplugin6;
import io.nuage.terraform.resources.DataSource;
import io.nuage.terraform.resources.Failure;
import io.nuage.terraform.resources.RestResource;
import io.nuage.terraform.resources.Timeouts;
import io.nuage.terraform.schema.Planner;
import io.nuage.terraform.schema.Schema;
import io.nuage.terraform.schema.Values;

/** Terraform's Provider service: decodes the values, hands them to the resource or data source, encodes answers. */
public final class ProviderService extends ProviderGrpc.ProviderImplBase {

    private final Map<String, RestResource> resources = new LinkedHashMap<>();
    private final Map<String, DataSource> dataSources = new LinkedHashMap<>();
    private final Map<String, String> env;
    private volatile NuageClient api;

    public ProviderService(List<RestResource> resources, List<DataSource> dataSources, Map<String, String> env) {
        resources.forEach(r -> this.resources.put(r.typeName(), r));
        dataSources.forEach(d -> this.dataSources.put(d.typeName(), d));
        this.env = env;
    }

    @Override
    public void getMetadata(Tfplugin6.GetMetadata.Request request,
            StreamObserver<Tfplugin6.GetMetadata.Response> answer) {
        Tfplugin6.GetMetadata.Response.Builder out = Tfplugin6.GetMetadata.Response.newBuilder();
        resources.keySet().forEach(n -> out.addResources(Tfplugin6.GetMetadata.ResourceMetadata.newBuilder().setTypeName(n)));
        dataSources.keySet().forEach(n -> out.addDataSources(
                Tfplugin6.GetMetadata.DataSourceMetadata.newBuilder().setTypeName(n)));
        reply(answer, out.build());
    }

    @Override
    public void getProviderSchema(Tfplugin6.GetProviderSchema.Request request,
            StreamObserver<Tfplugin6.GetProviderSchema.Response> answer) {
        Tfplugin6.GetProviderSchema.Response.Builder out = Tfplugin6.GetProviderSchema.Response.newBuilder()
                .setProvider(ProviderConfig.SCHEMA.toProto());
        resources.forEach((n, r) -> out.putResourceSchemas(n, r.schema().toProto()));
        dataSources.forEach((n, d) -> out.putDataSourceSchemas(n, d.schema().toProto()));
        reply(answer, out.build());
    }

    @Override
    public void validateProviderConfig(Tfplugin6.ValidateProviderConfig.Request request,
            StreamObserver<Tfplugin6.ValidateProviderConfig.Response> answer) {
        reply(answer, Tfplugin6.ValidateProviderConfig.Response.newBuilder()
                .addAllDiagnostics(ProviderConfig.validate(decode(ProviderConfig.SCHEMA, request.getConfig()))).build());
    }

    @Override
    public void configureProvider(Tfplugin6.ConfigureProvider.Request request,
            StreamObserver<Tfplugin6.ConfigureProvider.Response> answer) {
        List<Tfplugin6.Diagnostic> diagnostics = new ArrayList<>();
        api = ProviderConfig.configure(decode(ProviderConfig.SCHEMA, request.getConfig()), env, diagnostics);
        reply(answer, Tfplugin6.ConfigureProvider.Response.newBuilder().addAllDiagnostics(diagnostics).build());
    }

    @Override
    public void validateResourceConfig(Tfplugin6.ValidateResourceConfig.Request request,
            StreamObserver<Tfplugin6.ValidateResourceConfig.Response> answer) {
        Tfplugin6.ValidateResourceConfig.Response.Builder out = Tfplugin6.ValidateResourceConfig.Response.newBuilder();
        RestResource resource = resources.get(request.getTypeName());
        if (resource != null) {
            Object timeouts = Values.get(decode(resource.schema(), request.getConfig()), Schema.TIMEOUTS);
            for (String name : List.of("create", "delete")) {
                String invalid = Timeouts.invalid(timeouts instanceof Map<?, ?> t ? t.get(name) : null);
                if (invalid != null) {
                    out.addDiagnostics(Diagnostics.error("Invalid timeout", invalid, Schema.TIMEOUTS + "." + name));
                }
            }
        }
        reply(answer, out.build());
    }

    @Override
    public void validateDataResourceConfig(Tfplugin6.ValidateDataResourceConfig.Request request,
            StreamObserver<Tfplugin6.ValidateDataResourceConfig.Response> answer) {
        reply(answer, Tfplugin6.ValidateDataResourceConfig.Response.getDefaultInstance());
    }

    @Override
    public void upgradeResourceState(Tfplugin6.UpgradeResourceState.Request request,
            StreamObserver<Tfplugin6.UpgradeResourceState.Response> answer) {
        Schema schema = resources.get(request.getTypeName()).schema();
        Object state;
        try {
            state = Json.toValue(schema.type(), NuageClient.json().readTree(
                    request.getRawState().getJson().toString(StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable state: " + e.getMessage(), e);
        }
        reply(answer, Tfplugin6.UpgradeResourceState.Response.newBuilder()
                .setUpgradedState(encode(schema, state)).build());
    }

    @Override
    public void readResource(Tfplugin6.ReadResource.Request request,
            StreamObserver<Tfplugin6.ReadResource.Response> answer) {
        RestResource resource = resources.get(request.getTypeName());
        Map<String, Object> current = decode(resource.schema(), request.getCurrentState());
        Tfplugin6.ReadResource.Response.Builder out = Tfplugin6.ReadResource.Response.newBuilder()
                .setNewState(request.getCurrentState());
        run(resource.schema(), out::addDiagnostics,
                () -> out.setNewState(encode(resource.schema(), resource.read(client(), current))));
        reply(answer, out.build());
    }

    @Override
    public void planResourceChange(Tfplugin6.PlanResourceChange.Request request,
            StreamObserver<Tfplugin6.PlanResourceChange.Response> answer) {
        RestResource resource = resources.get(request.getTypeName());
        Schema schema = resource.schema();
        Planner.Plan plan = Planner.plan(schema, decode(schema, request.getPriorState()),
                decode(schema, request.getProposedNewState()), decode(schema, request.getConfig()),
                resource.volatileOnUpdate());
        Tfplugin6.PlanResourceChange.Response.Builder out = Tfplugin6.PlanResourceChange.Response.newBuilder()
                .setPlannedState(encode(schema, plan.planned()));
        plan.requiresReplace().forEach(name -> out.addRequiresReplace(Diagnostics.path(name)));
        reply(answer, out.build());
    }

    @Override
    public void applyResourceChange(Tfplugin6.ApplyResourceChange.Request request,
            StreamObserver<Tfplugin6.ApplyResourceChange.Response> answer) {
        RestResource resource = resources.get(request.getTypeName());
        Schema schema = resource.schema();
        Map<String, Object> prior = decode(schema, request.getPriorState());
        Map<String, Object> planned = decode(schema, request.getPlannedState());
        Tfplugin6.ApplyResourceChange.Response.Builder out = Tfplugin6.ApplyResourceChange.Response.newBuilder()
                .setNewState(request.getPriorState());
        run(schema, out::addDiagnostics, () -> {
            if (planned == null) {
                resource.delete(client(), prior);
                out.setNewState(encode(schema, null));
            } else if (prior == null) {
                out.setNewState(encode(schema, resource.create(client(), planned)));
            } else {
                out.setNewState(encode(schema, resource.update(client(), prior, planned)));
            }
        }, failed -> out.setNewState(encode(schema, failed)));
        reply(answer, out.build());
    }

    @Override
    public void importResourceState(Tfplugin6.ImportResourceState.Request request,
            StreamObserver<Tfplugin6.ImportResourceState.Response> answer) {
        RestResource resource = resources.get(request.getTypeName());
        Tfplugin6.ImportResourceState.Response.Builder out = Tfplugin6.ImportResourceState.Response.newBuilder();
        run(resource.schema(), out::addDiagnostics, () -> {
            Map<String, Object> state = resource.importState(client(), request.getId());
            if (state == null) {
                throw new IllegalArgumentException("Cannot import non-existent remote object: " + resource.typeName()
                        + " " + request.getId() + " was not found");
            }
            out.addImportedResources(Tfplugin6.ImportResourceState.ImportedResource.newBuilder()
                    .setTypeName(resource.typeName()).setState(encode(resource.schema(), state)));
        });
        reply(answer, out.build());
    }

    @Override
    public void readDataSource(Tfplugin6.ReadDataSource.Request request,
            StreamObserver<Tfplugin6.ReadDataSource.Response> answer) {
        DataSource source = dataSources.get(request.getTypeName());
        Tfplugin6.ReadDataSource.Response.Builder out = Tfplugin6.ReadDataSource.Response.newBuilder();
        run(source.schema(), out::addDiagnostics, () -> out.setState(
                encode(source.schema(), source.read(client(), decode(source.schema(), request.getConfig())))));
        reply(answer, out.build());
    }

    @Override
    public void stopProvider(Tfplugin6.StopProvider.Request request,
            StreamObserver<Tfplugin6.StopProvider.Response> answer) {
        reply(answer, Tfplugin6.StopProvider.Response.getDefaultInstance());
    }

    private NuageClient client() {
        if (api == null) {
            throw new IllegalStateException("The provider is not configured: endpoint or token is unknown");
        }
        return api;
    }

    private static void run(Schema schema, java.util.function.Consumer<Tfplugin6.Diagnostic> diagnostics,
            Runnable work) {
        run(schema, diagnostics, work, failed -> { });
    }

    private static void run(Schema schema, java.util.function.Consumer<Tfplugin6.Diagnostic> diagnostics,
            Runnable work, java.util.function.Consumer<Map<String, Object>> failedState) {
        try {
            work.run();
        } catch (Failure e) {
            failedState.accept(e.state());
            diagnostics.accept(Diagnostics.error(e.getMessage(), ""));
        } catch (RuntimeException e) {
            Diagnostics.of(e, schema).forEach(diagnostics);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decode(Schema schema, Tfplugin6.DynamicValue value) {
        return (Map<String, Object>) MsgPack.decode(schema.type(), value.getMsgpack().toByteArray());
    }

    private static Tfplugin6.DynamicValue encode(Schema schema, Object value) {
        return Tfplugin6.DynamicValue.newBuilder()
                .setMsgpack(ByteString.copyFrom(MsgPack.encode(schema.type(), value))).build();
    }

    private static <T> void reply(StreamObserver<T> answer, T value) {
        answer.onNext(value);
        answer.onCompleted();
    }
}
