package io.nuage.api;

import java.io.IOException;
import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies are read as written: a string is not a number or a boolean ({@code "vcpus": "4"}), a number or a
 * boolean is not a string, a fraction is not an integer ({@code "vcpus": 2.9}), an empty string is not a missing
 * value, and a time is an RFC 3339 string, not a count of seconds. Jackson's coercions would otherwise accept all of
 * these; refused, they answer 400 {@code invalid_type} naming the field ({@link ProblemMapper}). An integer is still a
 * valid number ({@code "sla_target": 99}). A string holds no NUL character (U+0000), which PostgreSQL's text cannot
 * store: 400 {@code invalid_character} naming the field. This is the API's mapper only: the Kubernetes client serialises with its own.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Last, so that its deserializer of times replaces the one Quarkus' own customizers register. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: the customizer gets one
    public void customize(ObjectMapper mapper) {
        // Numbers, booleans and times from strings, booleans from numbers, empty strings as null: all refused.
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        // Strings from numbers or booleans: not a scalar coercion to Jackson, so refused one by one.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // Java time's own deserializer takes numbers, and strings of digits, for epoch times whatever the above says.
        mapper.registerModule(new SimpleModule("nuage-strict-times").addDeserializer(Instant.class, new Times())
                .addDeserializer(String.class, new Text()));
    }

    /** A string as Jackson reads one, refused when it holds a NUL character ({@link ProblemMapper} names the field). */
    static final class Text extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(p, ctxt);
            return text == null || text.indexOf(NulCharacters.NUL) < 0 ? text
                    : (String) ctxt.handleWeirdStringValue(String.class, text, "contains the NUL character");
        }
    }

    /** An RFC 3339 date and time with its offset ({@code 2026-01-01T00:00:00Z}), and nothing else. */
    static final class Times extends StdScalarDeserializer<Instant> {

        Times() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            Instant t = Rfc3339.parse(p.getText());
            return t != null ? t : (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), "not an RFC 3339 date and time");
        }
    }
}
