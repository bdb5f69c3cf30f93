package io.nuage.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.smallrye.openapi.api.OpenApiConfig;
import io.smallrye.openapi.runtime.io.Format;
import io.smallrye.openapi.runtime.io.OpenApiParser;
import io.smallrye.openapi.runtime.io.OpenApiSerializer;

/**
 * Renders the OpenAPI 3.1 document as 3.0.3, for the generators and test tools that read only 3.0: SmallRye OpenAPI's
 * own writer does it (a "null" type becomes {@code nullable}, a nullable reference an {@code allOf} beside
 * {@code nullable}), with one rule of ours on top, {@link #nullableReference}.
 */
public final class OpenApi30 {

    private static final String LOCAL = "#/components/schemas/";
    /** Quoted where a bare scalar would read back as another type: status codes stay strings, "null" stays text. */
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build();

    private OpenApi30() {
    }

    /** The 3.0.3 rendering, as YAML, of a 3.1 document given as YAML (or JSON, which is YAML too). */
    public static String render(String openApi31) {
        try {
            OpenAPI model = OpenApiParser.parse(new ByteArrayInputStream(openApi31.getBytes(StandardCharsets.UTF_8)), Format.YAML,
                    OpenApiConfig.fromConfig(ConfigProvider.getConfig()));
            model.setOpenapi("3.0.3");
            JsonNode doc = YAML.readTree(OpenApiSerializer.serialize(model, Format.YAML));
            each(doc, doc.path("components").path("schemas"));
            return YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("Not an OpenAPI document", e);
        }
    }

    /** Applies {@link #nullableReference} to every object of the tree: only a schema has both nullable and allOf. */
    private static void each(JsonNode node, JsonNode components) {
        if (node instanceof ObjectNode o) {
            nullableReference(o, components);
        }
        node.forEach(child -> each(child, components));
    }

    /**
     * 3.0 has no sound "this reference, or null": nullable counts only beside a type (3.0.3), and an allOf of a schema
     * that refuses null still refuses it. So a nullable reference to a plain scalar (a UUID, a time) takes the scalar's
     * keywords in its place, and a reference to anything else gets at least the type its target has.
     */
    static void nullableReference(ObjectNode s, JsonNode components) {
        if (!s.path("nullable").asBoolean() || s.has("type") || !(s.get("allOf") instanceof ArrayNode all) || all.size() != 1
                || !all.get(0).path("$ref").asText().startsWith(LOCAL)) {
            return;
        }
        JsonNode target = components.path(all.get(0).path("$ref").asText().substring(LOCAL.length()));
        if (!target.path("type").isTextual()) {
            return;
        }
        boolean scalar = !target.path("type").asText().equals("object") && !target.has("enum") && !target.has("allOf")
                && !target.has("anyOf") && !target.has("oneOf") && !target.has("properties") && !target.has("items");
        if (scalar) {
            s.remove("allOf");
            target.properties().forEach(keyword -> {
                if (!s.has(keyword.getKey())) {
                    s.set(keyword.getKey(), keyword.getValue().deepCopy());
                }
            });
        } else {
            s.put("type", target.path("type").asText());
        }
    }
}
