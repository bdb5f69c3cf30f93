package io.nuage.api;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What {@link DryRun} adds to every write under /v1, written once into the document: the {@code dry_run} parameter, and
 * the {@code 200} a dry run answers in place of a {@code 201} or {@code 202}, with the same body.
 */
// After IdempotencyDocument, before ConditionalRequestsDocument: a dry run's 200 carries an ETag too.
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = 30)
public class DryRunDocument implements OASFilter {

    private static final String PARAMETER = "DryRun";
    private static final String HEADER = "NuageDryRun";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addParameter(PARAMETER, OASFactory.createParameter()
                .name(DryRun.PARAMETER).in(Parameter.In.QUERY).required(false)
                .description("true: check everything the write would check (body, quota, names, addresses, If-Match) and"
                        + " answer 200 with what would be, marked Nuage-Dry-Run: true, changing nothing. No Location, no"
                        + " event, no work; an Idempotency-Key is ignored.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN).defaultValue(false)));
        openAPI.getComponents().addHeader(HEADER, OASFactory.createHeader()
                .description("true when this answer is a dry run's: nothing was changed")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(List.of("true"))));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/v1/")) {
                item.getOperations().forEach((method, op) -> {
                    if (method != PathItem.HttpMethod.GET) {
                        document(op);
                    }
                });
            }
        });
    }

    private static void document(Operation op) {
        op.addParameter(OASFactory.createParameter().ref("#/components/parameters/" + PARAMETER));
        APIResponses responses = op.getResponses();
        APIResponse done = responses.getAPIResponse("201") != null ? responses.getAPIResponse("201") : responses.getAPIResponse("202");
        if (responses.getAPIResponse("200") == null && done != null) {
            responses.addAPIResponse("200", OASFactory.createAPIResponse().description("dry_run=true: what would be; nothing changed")
                    .content(done.getContent()));
        }
        responses.getAPIResponses().forEach((code, r) -> {
            if (code.startsWith("2")) {
                mark(r);
            }
        });
        if (responses.getAPIResponse("400") == null) {
            // dry_run=yes answers 400, on a write that takes nothing else to refuse.
            responses.addAPIResponse("400", OASFactory.createAPIResponse().ref("#/components/responses/BadRequest"));
        }
    }

    private static void mark(APIResponse r) {
        r.addHeader(DryRun.HEADER, OASFactory.createHeader().ref("#/components/headers/" + HEADER));
    }
}
