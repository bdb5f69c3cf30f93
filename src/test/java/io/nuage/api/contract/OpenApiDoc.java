package io.nuage.api.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

/**
 * The served OpenAPI document, read as a client generator reads it: its operations, what each takes, which statuses it
 * answers, and the schema of each answer. Schemas are validated as JSON Schema draft 2020-12 (OpenAPI 3.1's dialect),
 * their {@code $ref}s resolved against the document itself.
 */
final class OpenApiDoc {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Where the validator finds the document: an address only this test uses, never fetched. */
    private static final String IRI = "https://nuage.test/openapi.json";
    private static final String COMPONENTS = "#/components/schemas/";
    private static final String RESPONSES = "#/components/responses/";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** One operation of the document. */
    record Operation(String method, String path, JsonNode node) {

        String label() {
            String id = node.path("operationId").asText("");
            return (id.isEmpty() ? "" : id + " ") + method.toUpperCase() + " " + path;
        }

        /** The schema of an application/json request body, or a missing node. */
        JsonNode bodySchema() {
            return node.path("requestBody").path("content").path("application/json").path("schema");
        }

        List<JsonNode> queryParameters() {
            List<JsonNode> query = new ArrayList<>();
            node.path("parameters").forEach(p -> {
                if ("query".equals(p.path("in").asText())) {
                    query.add(p);
                }
            });
            return query;
        }
    }

    private final JsonNode doc;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    OpenApiDoc(String json) throws java.io.IOException {
        this.doc = JSON.readTree(json);
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, b -> b
                .metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(IRI, json))));
    }

    List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                ops.add(new Operation(op.getKey(), path.getKey(), withParameters(op.getValue())));
            }
        }));
        return ops;
    }

    /** The operation with its shared parameters ({@code #/components/parameters/...}) written out, so they are tried too. */
    private JsonNode withParameters(JsonNode op) {
        if (!op.path("parameters").isArray()) {
            return op;
        }
        ObjectNode copy = op.deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode parameters = copy.putArray("parameters");
        String prefix = "#/components/parameters/";
        op.path("parameters").forEach(p -> parameters.add(p.path("$ref").asText("").startsWith(prefix)
                ? doc.path("components").path("parameters").path(p.path("$ref").asText().substring(prefix.length()))
                : p));
        return copy;
    }

    /** The document's answer for this status: its own entry, or its range ({@code 4XX}); never {@code default}. */
    JsonNode response(Operation op, int status) {
        JsonNode responses = op.node().path("responses");
        JsonNode exact = responses.path(String.valueOf(status));
        JsonNode answer = exact.isMissingNode() ? responses.path(status / 100 + "XX") : exact;
        // A shared answer (components/responses) is referred to by name.
        String ref = answer.path("$ref").asText("");
        return ref.startsWith(RESPONSES) ? doc.path("components").path("responses").path(ref.substring(RESPONSES.length())) : answer;
    }

    /** A schema with its {@code $ref} followed, the referring node's own keywords kept over the target's. */
    JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.path("$ref");
        if (!ref.isTextual() || !ref.asText().startsWith(COMPONENTS)) {
            return schema;
        }
        ObjectNode merged = resolve(doc.path("components").path("schemas").path(ref.asText().substring(COMPONENTS.length()))).deepCopy();
        schema.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("$ref")) {
                merged.set(f.getKey(), f.getValue());
            }
        });
        return merged;
    }

    /** The name of the component a schema refers to, or null for an inline schema. */
    static String componentName(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith(COMPONENTS) ? ref.substring(COMPONENTS.length()) : null;
    }

    /** What is wrong with {@code value} by {@code schema} (an inline schema of the document): nothing when it is valid. */
    List<String> validate(JsonNode schema, JsonNode value) {
        JsonSchema validator = schemas.computeIfAbsent(schema.toString(), key -> factory.getSchema(absolute(schema.deepCopy()), config));
        List<String> errors = new ArrayList<>();
        for (ValidationMessage m : validator.validate(value)) {
            errors.add(m.getMessage());
        }
        return errors;
    }

    /** The schema with its references to the document's components made absolute, so it can stand alone. */
    private static JsonNode absolute(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.path("$ref");
            if (ref.isTextual() && ref.asText().startsWith("#/")) {
                object.put("$ref", IRI + ref.asText());
            }
            Iterator<JsonNode> children = object.elements();
            children.forEachRemaining(OpenApiDoc::absolute);
        } else if (node.isArray()) {
            node.forEach(OpenApiDoc::absolute);
        }
        return node;
    }
}
