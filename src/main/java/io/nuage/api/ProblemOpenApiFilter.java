package io.nuage.api;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents, once for every operation, the problem+json answer all errors share
 * (ProblemMapper), so generated clients know the shape of every failure.
 * Runs at build time, so the served document is fixed and identical on every start.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemOpenApiFilter implements OASFilter {

    private static final String REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(op -> {
            if (op.getResponses() == null) {
                op.setResponses(OASFactory.createAPIResponses());
            }
            op.getResponses().addAPIResponse("default", OASFactory.createAPIResponse()
                    .description("Error, as RFC 9457 problem+json with a stable code")
                    .content(OASFactory.createContent().addMediaType(ProblemMapper.PROBLEM_JSON,
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)))));
        }));
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string).addProperty("message", string);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An error. 'code' is stable and meant for programs; 'detail' is for people.")
                .required(List.of("type", "title", "status", "code"))
                .addProperty("type", string)
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string)
                .addProperty("instance", string)
                .addProperty("code", string)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError));
    }
}
