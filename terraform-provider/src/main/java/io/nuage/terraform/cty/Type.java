package io.nuage.terraform.cty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Terraform (cty) type: what a value's MessagePack encoding and the schema's JSON type string depend on. Only the
 * types the provider's schemas use: primitives, lists, sets, maps and objects.
 */
public sealed interface Type {

    Type STRING = new Primitive("string");
    Type NUMBER = new Primitive("number");
    Type BOOL = new Primitive("bool");

    /** The type in Terraform's JSON notation, as the schema's {@code Attribute.type} carries it. */
    String json();

    record Primitive(String name) implements Type {
        @Override
        public String json() {
            return "\"" + name + "\"";
        }
    }

    /** A list, set or map of one element type. */
    record Collection(Kind kind, Type element) implements Type {
        public enum Kind { LIST, SET, MAP }

        @Override
        public String json() {
            return "[\"" + kind.name().toLowerCase() + "\"," + element.json() + "]";
        }
    }

    /** An object with named attributes, in the order given (MessagePack maps are written in name order anyway). */
    record Obj(Map<String, Type> attributes) implements Type {
        @Override
        public String json() {
            return "[\"object\",{" + attributes.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\":" + e.getValue().json())
                    .collect(Collectors.joining(",")) + "}]";
        }
    }

    static Type list(Type element) {
        return new Collection(Collection.Kind.LIST, element);
    }

    static Type set(Type element) {
        return new Collection(Collection.Kind.SET, element);
    }

    static Type map(Type element) {
        return new Collection(Collection.Kind.MAP, element);
    }

    static Obj object(List<Map.Entry<String, Type>> attributes) {
        Map<String, Type> map = new LinkedHashMap<>();
        attributes.forEach(e -> map.put(e.getKey(), e.getValue()));
        return new Obj(map);
    }
}
