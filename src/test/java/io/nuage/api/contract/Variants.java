package io.nuage.api.contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.nuage.api.contract.Exchanges.Request;

/**
 * The invalid requests the document's own rules describe: for every field of a body (nested ones too), one value of
 * another JSON type, and one value past each bound the schema states (maximum, minimum, maxLength, maxItems, pattern,
 * enum, date-time format), and for a string a NUL character; an unknown field; JSON null for a required body; and for
 * every query parameter, a value of the wrong type, out of its bounds or holding a NUL character. Each must answer 400
 * naming the field ({@code body} for the null).
 */
final class Variants {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String UNKNOWN_FIELD = "zz_not_a_field";

    private final OpenApiDoc doc;
    /** A valid value of a component schema, for array items the valid body has none of (e.g. a firewall rule). */
    private final Function<String, JsonNode> validOf;

    Variants(OpenApiDoc doc, Function<String, JsonNode> validOf) {
        this.doc = doc;
        this.validOf = validOf;
    }

    /** Invalid copies of a valid body, each naming the field its 400 must name. */
    List<Request> ofBody(String uri, JsonNode schema, ObjectNode valid, boolean required) {
        List<Request> out = new ArrayList<>();
        fields(schema, valid, "", (field, broken, what) -> out.add(new Request(uri, Map.of(), broken, what + " " + field, field)));
        ObjectNode unknown = valid.deepCopy();
        unknown.put(UNKNOWN_FIELD, 1);
        out.add(new Request(uri, Map.of(), unknown, "unknown field", UNKNOWN_FIELD));
        if (required) {
            out.add(new Request(uri, Map.of(), NullNode.getInstance(), "JSON null for the body", "body"));
        }
        return out;
    }

    /** Invalid values of each query parameter the document bounds or types. */
    List<Request> ofQuery(String uri, List<JsonNode> parameters) {
        List<Request> out = new ArrayList<>();
        for (JsonNode p : parameters) {
            String name = p.path("name").asText();
            for (JsonNode bad : badValues(doc.resolve(p.path("schema")), true)) {
                out.add(new Request(uri, Map.of(name, bad.asText()), null, "bad value " + bad.asText() + " of query parameter", name));
            }
        }
        return out;
    }

    private interface Sink {
        void accept(String field, ObjectNode broken, String what);
    }

    /** For each property of an object schema: the body with that property broken, at its path. */
    private void fields(JsonNode objectSchema, ObjectNode base, String prefix, Sink sink) {
        JsonNode schema = doc.resolve(objectSchema);
        schema.path("properties").fields().forEachRemaining(p -> {
            String name = p.getKey();
            String path = prefix + name;
            JsonNode property = doc.resolve(p.getValue());
            for (JsonNode bad : badValues(property, false)) {
                ObjectNode broken = base.deepCopy();
                broken.set(name, bad);
                sink.accept(path, broken, "bad value " + brief(bad) + " at");
            }
            String type = type(property);
            if ("object".equals(type) && property.has("properties")) {
                ObjectNode inner = base.path(name) instanceof ObjectNode o ? o : NODES.objectNode();
                fields(property, inner, path + ".", (field, brokenInner, what) -> sink.accept(field, with(base, name, brokenInner), what));
            }
            if ("object".equals(type) && property.path("additionalProperties").isObject() && !property.path("additionalProperties").isEmpty()) {
                JsonNode wrong = wrongType(doc.resolve(property.path("additionalProperties")));
                if (wrong != null) {
                    sink.accept(path + ".zz", with(base, name, NODES.objectNode().set("zz", wrong)), "bad value " + brief(wrong) + " at");
                }
            }
            if ("array".equals(type)) {
                JsonNode items = property.path("items");
                JsonNode first = base.path(name).path(0);
                JsonNode item = first instanceof ObjectNode ? first : "object".equals(type(doc.resolve(items))) ? validOf.apply(OpenApiDoc.componentName(items)) : null;
                if (item instanceof ObjectNode itemObject) {
                    fields(items, itemObject, path + "[0].",
                            (field, brokenItem, what) -> sink.accept(field, with(base, name, NODES.arrayNode().add(brokenItem)), what));
                } else {
                    JsonNode wrong = wrongType(doc.resolve(items));
                    if (wrong != null) {
                        sink.accept(path + "[0]", with(base, name, NODES.arrayNode().add(wrong)), "bad value " + brief(wrong) + " at");
                    }
                }
            }
        });
    }

    private static String brief(JsonNode value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static ObjectNode with(ObjectNode base, String name, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        copy.set(name, value);
        return copy;
    }

    /** A value of another type, then values past each bound: as JSON for a body, as text for a query parameter. */
    private List<JsonNode> badValues(JsonNode schema, boolean query) {
        List<JsonNode> bad = new ArrayList<>();
        String type = type(schema);
        if (query) {
            switch (type) {
                case "integer" -> bad.addAll(List.of(TextNode.valueOf("abc"), TextNode.valueOf("1.5")));
                case "number" -> bad.add(TextNode.valueOf("abc"));
                case "boolean" -> bad.addAll(List.of(TextNode.valueOf("/!"), TextNode.valueOf("1")));
                default -> { } // any text is a string: only its bounds below can break it
            }
        } else {
            JsonNode wrong = wrongType(schema);
            if (wrong != null) {
                bad.add(wrong);
            }
            if ("integer".equals(type)) {
                bad.add(DecimalNode.valueOf(new BigDecimal("7.5")));
            }
        }
        if (schema.has("maximum")) {
            bad.add(DecimalNode.valueOf(schema.get("maximum").decimalValue().add(BigDecimal.ONE)));
        }
        if (schema.has("minimum")) {
            bad.add(DecimalNode.valueOf(schema.get("minimum").decimalValue().subtract(BigDecimal.ONE)));
        }
        if (schema.has("maxLength")) {
            bad.add(TextNode.valueOf("a".repeat(schema.get("maxLength").asInt() + 1)));
        }
        if (schema.path("minLength").asInt() > 0) {
            bad.add(TextNode.valueOf("a".repeat(schema.get("minLength").asInt() - 1)));
        }
        if (schema.has("maxItems")) {
            ArrayNode many = NODES.arrayNode();
            JsonNode item = "string".equals(type(doc.resolve(schema.path("items")))) ? TextNode.valueOf("x") : NODES.objectNode();
            for (int i = 0; i <= schema.get("maxItems").asInt(); i++) {
                many.add(item);
            }
            bad.add(many);
        }
        if (schema.has("pattern")) {
            String breaker = Pattern.compile(schema.get("pattern").asText()).matcher("!").find() ? "~" : "!";
            bad.add(TextNode.valueOf(breaker));
        }
        if (schema.has("enum")) {
            bad.add(TextNode.valueOf("zz-not-in-enum"));
        }
        if ("date-time".equals(schema.path("format").asText())) {
            bad.add(TextNode.valueOf("yesterday"));
        }
        if ("string".equals(type)) {
            bad.add(TextNode.valueOf("a\u0000b")); // no text in PostgreSQL holds a NUL character
        }
        if (query) {
            bad.replaceAll(v -> TextNode.valueOf(v.isTextual() ? v.asText() : v.toString()));
        } else {
            bad.replaceAll(v -> v instanceof DecimalNode d && d.decimalValue().stripTrailingZeros().scale() <= 0
                    ? NODES.numberNode(d.decimalValue().toBigIntegerExact()) : v);
        }
        return bad;
    }

    /** A JSON value of another type than the schema's: string to number, number to string, boolean to string, object to string. */
    private static JsonNode wrongType(JsonNode schema) {
        return switch (type(schema)) {
            case "string" -> IntNode.valueOf(7);
            case "integer", "number" -> TextNode.valueOf("7");
            case "boolean" -> TextNode.valueOf("true");
            case "object", "array" -> TextNode.valueOf("x");
            default -> null;
        };
    }

    /** The schema's type other than null ({@code [string, "null"]} is a string); an object when it has properties. */
    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "";
    }
}
