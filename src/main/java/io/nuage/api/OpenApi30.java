package io.nuage.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders the OpenAPI 3.1 document as 3.0.3, for the generators and test tools that read only 3.0. A pure function
 * over the document's tree: each 3.1 schema form becomes its 3.0 equivalent where 3.0 has one (a "null" type becomes
 * {@code nullable}, a numeric exclusive bound a boolean one, {@code const} a one-value enum, {@code examples} the one
 * {@code example}, a {@code $ref} with siblings an {@code allOf}, since 3.0 ignores a reference's siblings), and the
 * 3.1-only keywords that 3.0 cannot express are dropped, so the rendering may be looser than the 3.1 document, never
 * stricter. Schemas are told apart from other objects by where they stand, so a property named "type" stays one.
 */
public final class OpenApi30 {

    /** JSON Schema 2020-12 keywords with no 3.0 counterpart (their translatable cases are handled before). */
    private static final Set<String> DROPPED = Set.of("$schema", "$id", "$anchor", "$dynamicRef", "$dynamicAnchor",
            "$vocabulary", "$comment", "$defs", "contentMediaType", "contentEncoding", "contentSchema",
            "unevaluatedProperties", "unevaluatedItems", "prefixItems", "contains", "minContains", "maxContains",
            "if", "then", "else", "dependentRequired", "dependentSchemas", "patternProperties", "propertyNames");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    /** Quoted where a bare scalar would read back as another type: status codes stay strings, "null" stays text. */
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenApi30() {
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
        each(doc.get("paths"), OpenApi30::pathItem);
        if (doc.get("components") instanceof ObjectNode components) {
            components.remove("pathItems");
            replaceEach(components.get("schemas"), OpenApi30::schema);
            each(components.get("parameters"), OpenApi30::parameter);
            each(components.get("headers"), OpenApi30::parameter);
            each(components.get("requestBodies"), OpenApi30::requestBody);
            each(components.get("responses"), OpenApi30::response);
            each(components.get("callbacks"), OpenApi30::callback);
        }
        return doc;
    }

    private static void pathItem(JsonNode item) {
        each(item.get("parameters"), OpenApi30::parameter);
        for (String method : METHODS) {
            JsonNode operation = item.get(method);
            if (operation != null) {
                each(operation.get("parameters"), OpenApi30::parameter);
                if (operation.get("requestBody") != null) {
                    requestBody(operation.get("requestBody"));
                }
                each(operation.get("responses"), OpenApi30::response);
                each(operation.get("callbacks"), OpenApi30::callback);
            }
        }
    }

    private static void callback(JsonNode callback) {
        if (!referenceOnly(callback)) {
            each(callback, OpenApi30::pathItem);
        }
    }

    /** A parameter or a header: both hold a schema or a content map. */
    private static void parameter(JsonNode parameter) {
        if (!referenceOnly(parameter)) {
            replace(parameter, "schema", OpenApi30::schema);
            content(parameter);
        }
    }

    private static void requestBody(JsonNode body) {
        if (!referenceOnly(body)) {
            content(body);
        }
    }

    private static void response(JsonNode response) {
        if (!referenceOnly(response)) {
            each(response.get("headers"), OpenApi30::parameter);
            content(response);
        }
    }

    private static void content(JsonNode holder) {
        each(holder.get("content"), media -> {
            replace(media, "schema", OpenApi30::schema);
            each(media.get("encoding"), encoding -> each(encoding.get("headers"), OpenApi30::parameter));
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

    static JsonNode schema(JsonNode schema) {
        if (schema.isBoolean()) { // 3.0 has no boolean schemas: true allows anything, false nothing
            ObjectNode equivalent = NODES.objectNode();
            return schema.booleanValue() ? equivalent : equivalent.set("not", NODES.objectNode());
        }
        if (!(schema instanceof ObjectNode s)) {
            return schema;
        }
        format(s, "contentEncoding", "base64", "byte");
        format(s, "contentMediaType", "application/octet-stream", "binary");
        s.remove(DROPPED);
        nullBranch(s, "anyOf");
        nullBranch(s, "oneOf");
        types(s);
        JsonNode examples = s.remove("examples");
        if (examples != null && examples.isArray() && !examples.isEmpty() && !s.has("example")) {
            s.set("example", examples.get(0));
        }
        bound(s, "exclusiveMinimum", "minimum", 1);
        bound(s, "exclusiveMaximum", "maximum", -1);
        JsonNode constant = s.remove("const");
        if (constant != null) {
            s.set("enum", NODES.arrayNode().add(constant));
        }
        replaceEach(s.get("properties"), OpenApi30::schema);
        replace(s, "items", OpenApi30::schema);
        replace(s, "not", OpenApi30::schema);
        if (s.get("additionalProperties") instanceof ObjectNode) { // a boolean there means the same in 3.0
            replace(s, "additionalProperties", OpenApi30::schema);
        }
        for (String combiner : List.of("allOf", "anyOf", "oneOf")) {
            replaceEach(s.get(combiner), OpenApi30::schema);
        }
        if (s.has("$ref") && s.size() > 1) { // 3.0 ignores a reference's siblings; allOf keeps both
            allOf(s, NODES.objectNode().set("$ref", s.remove("$ref")));
        }
        return s;
    }

    /** The string forms that 3.0 spells as a format. */
    private static void format(ObjectNode s, String keyword, String value, String format) {
        if (value.equals(s.path(keyword).asText()) && !s.has("format")) {
            s.put("format", format);
        }
    }

    /** {@code type: [X, "null"]} is {@code type: X, nullable: true}; several types are an anyOf of each. */
    private static void types(ObjectNode s) {
        JsonNode type = s.get("type");
        if (type == null || type.isTextual() && !type.asText().equals("null")) {
            return;
        }
        List<String> types = new ArrayList<>();
        type.forEach(t -> types.add(t.asText()));
        if (type.isTextual()) {
            types.add(type.asText());
        }
        if (types.remove("null")) {
            s.put("nullable", true);
        }
        s.remove("type");
        if (types.isEmpty()) { // only null: 3.0 needs the value listed as well
            s.set("enum", NODES.arrayNode().addNull());
        } else if (types.size() == 1) {
            s.put("type", types.get(0));
        } else {
            ArrayNode each = NODES.arrayNode();
            types.forEach(t -> each.addObject().put("type", t));
            if (s.has("anyOf")) {
                allOf(s, NODES.objectNode().set("anyOf", each));
            } else {
                s.set("anyOf", each);
            }
        }
    }

    /** An anyOf/oneOf branch {@code type: "null"} is nullable; a single branch left stands alone. */
    private static void nullBranch(ObjectNode s, String combiner) {
        if (!(s.get(combiner) instanceof ArrayNode branches)) {
            return;
        }
        boolean removed = false;
        for (Iterator<JsonNode> it = branches.iterator(); it.hasNext();) {
            JsonNode branch = it.next();
            if ("null".equals(branch.path("type").asText())) {
                it.remove();
                removed = true;
            }
        }
        if (!removed) {
            return;
        }
        s.put("nullable", true);
        if (branches.size() == 1) {
            s.remove(combiner);
            JsonNode only = branches.get(0);
            if (only instanceof ObjectNode branch && !branch.has("$ref")
                    && branch.properties().stream().map(Map.Entry::getKey).noneMatch(s::has)) {
                s.setAll(branch);
            } else {
                allOf(s, only);
            }
        }
    }

    /** A numeric exclusive bound becomes the inclusive keyword plus a boolean, unless the inclusive one is stricter. */
    private static void bound(ObjectNode s, String exclusive, String inclusive, int direction) {
        JsonNode bound = s.get(exclusive);
        if (bound == null || !bound.isNumber()) {
            return;
        }
        JsonNode other = s.get(inclusive);
        if (other == null || !other.isNumber()
                || bound.decimalValue().compareTo(other.decimalValue()) * direction >= 0) {
            s.set(inclusive, bound);
            s.put(exclusive, true);
        } else {
            s.remove(exclusive);
        }
    }

    /** Adds a schema the value must also match: appending to allOf never changes what the others allow. */
    private static void allOf(ObjectNode s, JsonNode value) {
        if (s.get("allOf") instanceof ArrayNode list) {
            list.add(value);
        } else {
            s.set("allOf", NODES.arrayNode().add(value));
        }
    }

    private static void each(JsonNode container, Consumer<JsonNode> action) {
        if (container != null) {
            container.forEach(action);
        }
    }

    /** Replaces each value of a map or each element of a list by its conversion. */
    private static void replaceEach(JsonNode container, UnaryOperator<JsonNode> conversion) {
        if (container instanceof ObjectNode map) {
            map.properties().forEach(entry -> entry.setValue(conversion.apply(entry.getValue())));
        } else if (container instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                list.set(i, conversion.apply(list.get(i)));
            }
        }
    }

    private static void replace(JsonNode holder, String key, UnaryOperator<JsonNode> conversion) {
        if (holder instanceof ObjectNode object && object.get(key) != null) {
            object.set(key, conversion.apply(object.get(key)));
        }
    }
}
