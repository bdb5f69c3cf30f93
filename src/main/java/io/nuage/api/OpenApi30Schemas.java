package io.nuage.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The schema rules of {@link OpenApi30}: each 3.1 (JSON Schema 2020-12) form becomes its 3.0 equivalent where 3.0 has
 * one, and the keywords 3.0 cannot express are dropped, so a rendered schema may be looser, never stricter.
 */
final class OpenApi30Schemas {

    /** JSON Schema 2020-12 keywords with no 3.0 counterpart (their translatable cases are handled before). */
    private static final Set<String> DROPPED = Set.of("$schema", "$id", "$anchor", "$dynamicRef", "$dynamicAnchor",
            "$vocabulary", "$comment", "$defs", "contentMediaType", "contentEncoding", "contentSchema",
            "unevaluatedProperties", "unevaluatedItems", "prefixItems", "contains", "minContains", "maxContains",
            "if", "then", "else", "dependentRequired", "dependentSchemas", "patternProperties", "propertyNames");
    private static final String LOCAL = "#/components/schemas/";
    private static final Set<String> COMPOSITE = Set.of("$ref", "allOf", "anyOf", "oneOf", "not", "properties", "items",
            "additionalProperties", "enum");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The document's named schemas as written in 3.1, to look up what a reference points to. */
    private final JsonNode components;

    OpenApi30Schemas(JsonNode components) {
        this.components = components == null ? NODES.objectNode() : components;
    }

    JsonNode convert(JsonNode schema) {
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
        OpenApi30.replaceEach(s.get("properties"), this::convert);
        OpenApi30.replace(s, "items", this::convert);
        OpenApi30.replace(s, "not", this::convert);
        if (s.get("additionalProperties") instanceof ObjectNode) { // a boolean there means the same in 3.0
            OpenApi30.replace(s, "additionalProperties", this::convert);
        }
        for (String combiner : List.of("allOf", "anyOf", "oneOf")) {
            OpenApi30.replaceEach(s.get(combiner), this::convert);
        }
        if (s.has("$ref") && s.size() > 1) { // 3.0 ignores a reference's siblings; allOf keeps both
            allOf(s, NODES.objectNode().set("$ref", s.remove("$ref")));
        }
        nullableReference(s);
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
            if ("null".equals(it.next().path("type").asText())) {
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

    /**
     * 3.0 has no sound "this reference, or null": nullable counts only beside a type, and an allOf of a schema that
     * refuses null still refuses it. So a nullable reference to a plain scalar (a UUID, a time) takes the scalar's
     * keywords in its place, and a reference to anything else gets at least the type its target has.
     */
    private void nullableReference(ObjectNode s) {
        if (!s.path("nullable").asBoolean() || s.has("type") || !(s.get("allOf") instanceof ArrayNode all)
                || all.size() != 1 || !all.get(0).path("$ref").asText().startsWith(LOCAL)) {
            return;
        }
        JsonNode target = components.get(all.get(0).path("$ref").asText().substring(LOCAL.length()));
        if (target == null || !target.path("type").isTextual()) {
            return;
        }
        if (!target.path("type").asText().equals("object") && COMPOSITE.stream().noneMatch(target::has)) {
            s.remove("allOf");
            convert(target.deepCopy()).properties().forEach(keyword -> {
                if (!s.has(keyword.getKey())) {
                    s.set(keyword.getKey(), keyword.getValue());
                }
            });
        } else {
            s.put("type", target.path("type").asText());
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
}
