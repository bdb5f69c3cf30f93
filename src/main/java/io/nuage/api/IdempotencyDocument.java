package io.nuage.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What {@link Idempotency} adds to every POST under /v1, written once into the document: the {@code Idempotency-Key}
 * header, the {@code Idempotent-Replayed} header of an answer given again, and the 400, 409 and 422 a key may answer
 * (merged into an operation's own 409 or 422 when it has one). Runs at build time, like {@link ApiDocumentFilter}.
 */
// First of the document filters (highest priority runs first): the Idempotent-Replayed header goes on the answers an operation has of its own, not on a dry run's.
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = 40)
public class IdempotencyDocument implements OASFilter {

    private static final String PARAMETER = "IdempotencyKey";
    private static final String IN_PROGRESS = "idempotency_in_progress: a request with this Idempotency-Key is still"
            + " running; retry after Retry-After seconds";
    private static final String REUSED = "idempotency_key_reused: this Idempotency-Key was used for a different request"
            + " (method, path, body or token)";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addParameter(PARAMETER, OASFactory.createParameter()
                .name(Idempotency.HEADER).in(Parameter.In.HEADER).required(false)
                .description("Makes a retry safe: the first request with this key runs, and a retry with the same key,"
                        + " token, method, path and body gets its answer again (status, body, Location) for 24 hours by"
                        + " default (nuage.api.idempotency-retention), changing nothing. Keys belong to the token's tenant, or to the"
                        + " operator. A random UUID per logical request is a good key.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).minLength(1).maxLength(Idempotency.MAX_KEY_LENGTH)
                        .pattern("^[\\x21-\\x7E]+$"))
                .example("5f0c2a8e-8f4b-4c1e-9a7d-3e2b1c0d9f8a"));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/v1/") && item.getPOST() != null) {
                document(item.getPOST());
            }
        });
    }

    private static void document(Operation op) {
        op.addParameter(OASFactory.createParameter().ref("#/components/parameters/" + PARAMETER));
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = op.getResponses();
        responses.getAPIResponses().forEach((code, r) -> {
            if (code.startsWith("2")) {
                r.addHeader(Idempotency.REPLAYED, OASFactory.createHeader()
                        .description("true when this is the answer kept for an earlier request with the same Idempotency-Key")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).addEnumeration("true")));
            }
        });
        merge(responses, "409", IN_PROGRESS).addHeader("Retry-After", OASFactory.createHeader()
                .description("Seconds to wait before retrying").schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        merge(responses, "422", REUSED);
        if (responses.getAPIResponse("400") == null) {
            // An action without a body or a query still answers 400 to a malformed key.
            responses.addAPIResponse("400", OASFactory.createAPIResponse().ref("#/components/responses/BadRequest"));
        }
    }

    /** The operation's answer of that status, created or with {@code description} appended. */
    private static APIResponse merge(APIResponses responses, String code, String description) {
        APIResponse r = responses.getAPIResponse(code);
        if (r == null) {
            r = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(code, r);
        } else {
            r.setDescription(r.getDescription() == null ? description : r.getDescription() + "; " + description);
        }
        r.setContent(OASFactory.createContent().addMediaType(ProblemMapper.PROBLEM_JSON,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))));
        return r;
    }
}
