package io.nuage.terraform.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.nuage.terraform.cty.Sets;
import io.nuage.terraform.cty.Type;
import io.nuage.terraform.cty.Unknown;

/** Terraform values to and from the API's JSON, guided by the attribute's type (JSON names are attribute names). */
public final class Json {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    public static Object toValue(Type type, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (type instanceof Type.Primitive p) {
            return switch (p.name()) {
                case "string" -> node.asText();
                case "bool" -> node.asBoolean();
                default -> new BigDecimal(node.asText());
            };
        }
        if (type instanceof Type.Collection c && c.kind() != Type.Collection.Kind.MAP) {
            List<Object> list = new ArrayList<>();
            node.forEach(e -> list.add(toValue(c.element(), e)));
            return c.kind() == Type.Collection.Kind.SET ? Sets.sorted(list) : list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        if (type instanceof Type.Collection c) {
            node.fields().forEachRemaining(e -> map.put(e.getKey(), toValue(c.element(), e.getValue())));
        } else {
            ((Type.Obj) type).attributes().forEach((name, t) -> map.put(name, toValue(t, node.get(name))));
        }
        return map;
    }

    /** Whole numbers as JSON integers (the API refuses 1E+1 or 10.0 for an integer field). */
    private static JsonNode number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? NODES.numberNode(stripped.toBigIntegerExact()) : NODES.numberNode(stripped);
    }

    public static JsonNode fromValue(Type type, Object value) {
        if (value == null || value == Unknown.VALUE) {
            return NullNode.getInstance();
        }
        if (type instanceof Type.Primitive p) {
            return switch (p.name()) {
                case "string" -> NODES.textNode(value.toString());
                case "bool" -> NODES.booleanNode((Boolean) value);
                default -> number((BigDecimal) value);
            };
        }
        if (type instanceof Type.Collection c && c.kind() != Type.Collection.Kind.MAP) {
            ArrayNode array = NODES.arrayNode();
            ((List<?>) value).forEach(e -> array.add(fromValue(c.element(), e)));
            return array;
        }
        ObjectNode object = NODES.objectNode();
        Map<?, ?> map = (Map<?, ?>) value;
        if (type instanceof Type.Collection c) {
            map.forEach((k, v) -> object.set(k.toString(), fromValue(c.element(), v)));
        } else {
            // Null and unknown attributes are left out: the API reads an absent field as its default.
            ((Type.Obj) type).attributes().forEach((name, t) -> {
                if (map.get(name) != null && map.get(name) != Unknown.VALUE) {
                    object.set(name, fromValue(t, map.get(name)));
                }
            });
        }
        return object;
    }
}
