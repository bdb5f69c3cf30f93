package io.nuage.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders the OpenAPI 3.1 document as 3.0.3, for the generators and test tools that read only 3.0. A pure function
 * over the document's tree: each 3.1 schema form becomes its 3.0 equivalent where 3.0 has one (a "null" type becomes
 * {@code nullable}, a numeric exclusive bound a boolean one, {@code const} a one-value enum, {@code examples} the one
 * {@code example}, a {@code $ref} with siblings an {@code allOf}, since 3.0 ignores a reference's siblings: see
 * {@link OpenApi30Schemas}), and the 3.1-only keywords that 3.0 cannot express are dropped, so the rendering may be
 * looser than the 3.1 document, never stricter. Schemas are told apart from other objects by where they stand, so a
 * property named "type" stays one.
 */
public final class OpenApi30 {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    /** Quoted where a bare scalar would read back as another type: status codes stay strings, "null" stays text. */
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build();

    private final OpenApi30Schemas schemas;

    private OpenApi30(OpenApi30Schemas schemas) {
        this.schemas = schemas;
    }

    /** The 3.0.3 rendering, as YAML, of a 3.1 document given as YAML (or JSON, which is YAML too). */
    public static String render(String openApi31) {
        try {
            return YAML.writeValueAsString(convert(YAML.readTree(openApi31)));
        } catch (IOException e) {
            throw new UncheckedIOException("Not an OpenAPI document", e);
        }
    }

    /** The 3.0.3 rendering of a 3.1 document; the given tree is left as it is. */
    public static JsonNode convert(JsonNode openApi31) {
        OpenApi30 rendering = new OpenApi30(new OpenApi30Schemas(openApi31.path("components").get("schemas")));
        ObjectNode doc = openApi31.deepCopy();
        doc.put("openapi", "3.0.3");
        doc.remove(List.of("jsonSchemaDialect", "webhooks"));
        if (doc.get("info") instanceof ObjectNode info) {
            info.remove("summary");
            if (info.get("license") instanceof ObjectNode license) {
                license.remove("identifier");
            }
        }
        if (!doc.has("paths")) {
            doc.putObject("paths"); // optional in 3.1, required in 3.0
        }
        each(doc.get("paths"), rendering::pathItem);
        if (doc.get("components") instanceof ObjectNode components) {
            components.remove("pathItems");
            replaceEach(components.get("schemas"), rendering.schemas::convert);
            each(components.get("parameters"), rendering::parameter);
            each(components.get("headers"), rendering::parameter);
            each(components.get("requestBodies"), rendering::requestBody);
            each(components.get("responses"), rendering::response);
            each(components.get("callbacks"), rendering::callback);
        }
        return doc;
    }

    private void pathItem(JsonNode item) {
        each(item.get("parameters"), this::parameter);
        for (String method : METHODS) {
            JsonNode operation = item.get(method);
            if (operation != null) {
                each(operation.get("parameters"), this::parameter);
                if (operation.get("requestBody") != null) {
                    requestBody(operation.get("requestBody"));
                }
                each(operation.get("responses"), this::response);
                each(operation.get("callbacks"), this::callback);
            }
        }
    }

    private void callback(JsonNode callback) {
        if (!referenceOnly(callback)) {
            each(callback, this::pathItem);
        }
    }

    /** A parameter or a header: both hold a schema or a content map. */
    private void parameter(JsonNode parameter) {
        if (!referenceOnly(parameter)) {
            replace(parameter, "schema", schemas::convert);
            content(parameter);
        }
    }

    private void requestBody(JsonNode body) {
        if (!referenceOnly(body)) {
            content(body);
        }
    }

    private void response(JsonNode response) {
        if (!referenceOnly(response)) {
            each(response.get("headers"), this::parameter);
            content(response);
        }
    }

    private void content(JsonNode holder) {
        each(holder.get("content"), media -> {
            replace(media, "schema", schemas::convert);
            each(media.get("encoding"), encoding -> each(encoding.get("headers"), this::parameter));
        });
    }

    /** 3.1 lets a reference outside schemas carry a summary and a description; 3.0 allows nothing beside it. */
    private static boolean referenceOnly(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("$ref")) {
            object.retain("$ref");
            return true;
        }
        return false;
    }

    private static void each(JsonNode container, Consumer<JsonNode> action) {
        if (container != null) {
            container.forEach(action);
        }
    }

    /** Replaces each value of a map or each element of a list by its conversion. */
    static void replaceEach(JsonNode container, UnaryOperator<JsonNode> conversion) {
        if (container instanceof ObjectNode map) {
            map.properties().forEach(entry -> entry.setValue(conversion.apply(entry.getValue())));
        } else if (container instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                list.set(i, conversion.apply(list.get(i)));
            }
        }
    }

    static void replace(JsonNode holder, String key, UnaryOperator<JsonNode> conversion) {
        if (holder instanceof ObjectNode object && object.get(key) != null) {
            object.set(key, conversion.apply(object.get(key)));
        }
    }
}
