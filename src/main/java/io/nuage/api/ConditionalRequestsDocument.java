package io.nuage.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Conditional requests in the document, written where {@link ConditionalResponses} and the If-Match parameters act
 * rather than on each method: the {@code ETag} of every answer that carries one resource, {@code If-None-Match} and
 * its 304 on the GETs of one resource, and the 412 of every operation that takes {@code If-Match}.
 */
// After DryRunDocument, so that a dry run's 200 is tagged; before ApiDocumentFilter.
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = 20)
public class ConditionalRequestsDocument implements OASFilter {

    private static final String RESPONSES = "#/components/responses/";
    /** The schemas of the answers {@link ConditionalResponses} tags: one resource each. */
    private static final Set<String> RESOURCES = ConditionalResponses.RESOURCES.stream().map(ConditionalRequestsDocument::schemaName)
            .map(name -> "#/components/schemas/" + name).collect(java.util.stream.Collectors.toSet());

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addResponse("NotModified", OASFactory.createAPIResponse()
                .description("Not modified: the resource still has the entity tag If-None-Match names; no body").addHeader(HttpHeaders.ETAG, etag()));
        openAPI.getComponents().addResponse("PreconditionFailed", OASFactory.createAPIResponse()
                .description("precondition_failed: the resource is no longer the version If-Match names, and nothing changed;"
                        + " its current entity tag is in the ETag header and the etag member")
                .content(OASFactory.createContent().addMediaType(ProblemMapper.PROBLEM_JSON,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))))
                .addHeader(HttpHeaders.ETAG, etag()));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().forEach(ConditionalRequestsDocument::operation));
    }

    private static void operation(PathItem.HttpMethod method, Operation op) {
        boolean tagged = false;
        for (String code : List.of("200", "201", "202")) {
            APIResponse r = op.getResponses() == null ? null : op.getResponses().getAPIResponse(code);
            if (r != null && r.getContent() != null && r.getContent().getMediaTypes().values().stream()
                    .anyMatch(m -> m.getSchema() != null && RESOURCES.contains(m.getSchema().getRef()))) {
                r.addHeader(HttpHeaders.ETAG, etag());
                tagged = true;
            }
        }
        if (method == PathItem.HttpMethod.GET && tagged) {
            op.addParameter(OASFactory.createParameter().name(HttpHeaders.IF_NONE_MATCH).in(Parameter.In.HEADER)
                    .description("Entity tags (or *) the client holds: 304 without a body while the resource still has one of them")
                    .schema(text()));
            op.getResponses().addAPIResponse("304", OASFactory.createAPIResponse().ref(RESPONSES + "NotModified"));
        }
        List<Parameter> parameters = op.getParameters() == null ? List.of() : new ArrayList<>(op.getParameters());
        for (Parameter p : parameters) {
            if (p.getIn() == Parameter.In.HEADER && HttpHeaders.IF_MATCH.equals(p.getName())) {
                p.description("Entity tags from earlier answers, or * for any: the change is made only if the resource still has"
                        + " one of them, checked in the change's own transaction; 412 otherwise");
                op.getResponses().addAPIResponse("412", OASFactory.createAPIResponse().ref(RESPONSES + "PreconditionFailed"));
            }
        }
    }

    /** A class's schema name: its {@code @Schema(name)}, else its simple name, as SmallRye names it. */
    private static String schemaName(Class<?> type) {
        org.eclipse.microprofile.openapi.annotations.media.Schema named =
                type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        return named != null && !named.name().isEmpty() ? named.name() : type.getSimpleName();
    }

    private static Header etag() {
        return OASFactory.createHeader().description("The resource's strong entity tag, for If-Match and If-None-Match")
                .schema(text());
    }

    private static Schema text() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }
}
