package io.nuage.terraform.schema;

import java.util.AbstractMap;
import java.util.List;

import io.nuage.terraform.cty.Type;

/**
 * One attribute of a schema. Its name is the API's JSON field. {@code nested} attributes (protocol 6 nested
 * attributes: a single object or a list of objects whose own attributes are optional or computed one by one) take
 * their type from their attributes.
 */
public record Attr(String name, Type declaredType, Mode mode, boolean sensitive, boolean forceNew, Nesting nesting,
        List<Attr> nested, String description) {

    public enum Mode { REQUIRED, OPTIONAL, COMPUTED, OPTIONAL_COMPUTED }

    public enum Nesting { NONE, SINGLE, LIST }

    public static Attr required(String name, Type type, String description) {
        return new Attr(name, type, Mode.REQUIRED, false, false, Nesting.NONE, List.of(), description);
    }

    public static Attr optional(String name, Type type, String description) {
        return new Attr(name, type, Mode.OPTIONAL, false, false, Nesting.NONE, List.of(), description);
    }

    public static Attr optionalComputed(String name, Type type, String description) {
        return new Attr(name, type, Mode.OPTIONAL_COMPUTED, false, false, Nesting.NONE, List.of(), description);
    }

    public static Attr computed(String name, Type type, String description) {
        return new Attr(name, type, Mode.COMPUTED, false, false, Nesting.NONE, List.of(), description);
    }

    public static Attr nested(String name, Mode mode, Nesting nesting, List<Attr> attributes, String description) {
        return new Attr(name, null, mode, false, false, nesting, attributes, description);
    }

    /** The same attribute, whose change replaces the resource (delete, then create). */
    public Attr forcesNew() {
        return new Attr(name, declaredType, mode, sensitive, true, nesting, nested, description);
    }

    public Attr asSensitive() {
        return new Attr(name, declaredType, mode, true, forceNew, nesting, nested, description);
    }

    public Type type() {
        if (nesting == Nesting.NONE) {
            return declaredType;
        }
        Type object = Type.object(nested.stream()
                .map(a -> (java.util.Map.Entry<String, Type>) new AbstractMap.SimpleEntry<>(a.name(), a.type()))
                .toList());
        return nesting == Nesting.SINGLE ? object : Type.list(object);
    }

    public boolean computed() {
        return mode == Mode.COMPUTED || mode == Mode.OPTIONAL_COMPUTED;
    }

    /** Set by the user (required or optional), so sent to the API. */
    public boolean configurable() {
        return mode != Mode.COMPUTED;
    }
}
