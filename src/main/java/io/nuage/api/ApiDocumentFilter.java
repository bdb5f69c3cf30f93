package io.nuage.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What every operation shares, written once into the document rather than on each method: the errors any request
 * may meet (an invalid body or parameter, a missing token, a missing right, an unknown resource, a body too large or
 * of another type, the database away), each as the problem+json {@link ProblemMapper} answers; the {@code Location}
 * of a create; request bodies closed to unknown fields ({@link StrictJson} refuses them); and, since every field is
 * written even when null ({@code quarkus.jackson.serialization-inclusion=always}) and a null is read as an absent
 * field, every optional property nullable. What an operation alone answers (201, 202, 204, its 409s and 422s) is on
 * its method. Runs at build time: the served document is fixed.
 */
// Last of the document filters: its rules (shared answers, nullability, closed request bodies) apply to what the others added.
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = 10)
public class ApiDocumentFilter implements OASFilter {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String PROBLEM = SCHEMAS + "Problem";
    private static final String EVENT_STREAM = "text/event-stream";
    /** The answers many operations share, by status: each once in components/responses, referred to by name. */
    private record Shared(String name, String description) {
    }

    /** Sorted: Map.of iterates in an order that changes from one JVM to the next, and so would the document. */
    private static final Map<String, Shared> SHARED = new java.util.TreeMap<>(Map.of(
            "400", new Shared("BadRequest",
                    "validation_failed (errors[] names each field or parameter), invalid_type, unknown_field, malformed_json or"
                    + " invalid_character (a NUL character in the path, the query or the body)"),
            "401", new Shared("Unauthenticated", "unauthenticated: no token, or one unknown, expired or revoked"),
            "403", new Shared("Forbidden", "forbidden: the token's role may not do this"),
            "404", new Shared("NotFound", "not_found: no such resource, or one of another tenant"),
            "413", new Shared("PayloadTooLarge", "payload_too_large: the body is over its limit"),
            "415", new Shared("UnsupportedMediaType", "unsupported_media_type: the body is not application/json"),
            "429", new Shared("TooManyRequests", "rate_limited: this token is over its rate; retry after Retry-After"
                    + " seconds (RateLimit-Limit, -Remaining, -Reset say more)"),
            "503", new Shared("ServiceUnavailable",
                    "service_unavailable: the database cannot be reached; retry after Retry-After seconds")));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema("Problem", ProblemSchema.schema());
        SHARED.forEach((code, shared) -> openAPI.getComponents().addResponse(shared.name(), problem(code, shared.description())));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, op) -> responses(path, method, op)));
        eventStreams(openAPI);
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Set<String> requests = reachable(schemas, requestSchemas(openAPI));
        schemas.forEach((name, schema) -> {
            nullableOptionals(schema);
            if (requests.contains(name) && schema.getProperties() != null && schema.getAdditionalPropertiesSchema() == null) {
                schema.setAdditionalPropertiesBoolean(false);
            }
        });
        ApiExamples.add(openAPI);
    }

    private static void responses(String path, PathItem.HttpMethod method, Operation op) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        var responses = op.getResponses();
        responses.removeAPIResponse("default");
        boolean body = op.getRequestBody() != null;
        boolean v1 = path.startsWith("/v1/");
        List<String> common = new ArrayList<>();
        if (body || hasQuery(op)) {
            common.add("400");
        }
        if (v1) {
            common.add("401");
            if (method != PathItem.HttpMethod.GET) {
                common.add("403"); // a viewer's write, a tenant's admin operation; a read is 404 outside its tenant
            }
        }
        if (path.contains("{")) {
            common.add("404");
        }
        if (body) {
            common.add("413");
            common.add("415");
        }
        if (v1) {
            common.add("429");
            common.add("503");
        }
        for (String code : common) {
            if (responses.getAPIResponse(code) == null) {
                responses.addAPIResponse(code, OASFactory.createAPIResponse().ref("#/components/responses/" + SHARED.get(code).name()));
            }
        }
        responses.getAPIResponses().forEach((code, r) -> {
            if (r.getRef() == null && (code.startsWith("4") || code.startsWith("5"))) {
                r.setContent(problemContent()); // an operation's own 409s and 422s
            }
            if (code.equals("201")) {
                r.addHeader("Location", OASFactory.createHeader().description("The URL of the resource created")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            }
        });
    }

    private static APIResponse problem(String code, String description) {
        APIResponse r = OASFactory.createAPIResponse().description(description).content(problemContent());
        if (code.equals("503") || code.equals("429")) {
            r.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        if (code.equals("401")) {
            r.addHeader("WWW-Authenticate", OASFactory.createHeader().description("Bearer")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
        return r;
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(ProblemMapper.PROBLEM_JSON,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    /**
     * A Server-Sent Events answer is text, one event after another, not the JAX-RS classes that write it: its schema
     * says so, and those classes leave the components.
     */
    private static void eventStreams(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op ->
                op.getResponses().getAPIResponses().values().forEach(r -> {
                    if (r.getContent() != null && r.getContent().hasMediaType(EVENT_STREAM)) {
                        r.getContent().getMediaType(EVENT_STREAM).setSchema(OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING).description("Server-Sent Events: for each change, an id"
                                        + " (its position), an event name (the cause) and data (the event as JSON)"));
                    }
                })));
        openAPI.getComponents().removeSchema("OutboundSseEvent");
        openAPI.getComponents().removeSchema("MediaType");
    }

    private static boolean hasQuery(Operation op) {
        return op.getParameters() != null && op.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
    }

    private static Set<String> requestSchemas(OpenAPI openAPI) {
        Set<String> names = new HashSet<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                refs(op.getRequestBody().getContent(), names);
            }
        }));
        return names;
    }

    private static void refs(Content content, Set<String> names) {
        content.getMediaTypes().values().forEach(m -> {
            if (m.getSchema() != null && m.getSchema().getRef() != null) {
                names.add(m.getSchema().getRef().substring(SCHEMAS.length()));
            }
        });
    }

    /** {@code roots} and every component schema their properties refer to. */
    private static Set<String> reachable(Map<String, Schema> schemas, Set<String> roots) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(roots);
        while (!todo.isEmpty()) {
            String name = todo.remove(todo.size() - 1);
            Schema s = schemas.get(name);
            if (s == null || !seen.add(name)) {
                continue;
            }
            List<Schema> nested = new ArrayList<>();
            if (s.getProperties() != null) {
                nested.addAll(s.getProperties().values());
            }
            for (int i = 0; i < nested.size(); i++) {
                Schema n = nested.get(i);
                if (n.getRef() != null) {
                    todo.add(n.getRef().substring(SCHEMAS.length()));
                }
                if (n.getItems() != null) {
                    nested.add(n.getItems());
                }
                if (n.getAdditionalPropertiesSchema() != null) {
                    nested.add(n.getAdditionalPropertiesSchema());
                }
            }
        }
        return seen;
    }

    /** Every property not required may be null: written as null in answers, read as absent in requests. */
    private static void nullableOptionals(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = new java.util.LinkedHashMap<>(schema.getProperties());
        properties.replaceAll((name, p) -> required.contains(name) ? p : nullable(p));
        schema.setProperties(properties);
    }

    private static Schema nullable(Schema p) {
        if (p.getRef() != null) {
            // Keywords beside a $ref describe the property, not the referred schema: they stay on the property.
            Schema wrapped = OASFactory.createSchema().description(p.getDescription())
                    .anyOf(List.of(OASFactory.createSchema().ref(p.getRef()), OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
            return wrapped;
        }
        if (p.getType() != null && !p.getType().isEmpty() && !p.getType().contains(Schema.SchemaType.NULL)) {
            p.addType(Schema.SchemaType.NULL);
            if (p.getEnumeration() != null && !p.getEnumeration().contains(null)) {
                List<Object> values = new ArrayList<>(p.getEnumeration());
                values.add(null);
                p.setEnumeration(values);
            }
        }
        return p;
    }
}
