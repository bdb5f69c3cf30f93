package io.nuage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The 3.0.3 rendering: SmallRye's writer with our rule for nullable references, checked on small documents, then the
 * real contract through a 3.0 parser.
 */
class OpenApi30Test {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** The rendering of component schema S of a 3.1 document, beside the other component schemas given. */
    private static JsonNode schema(String yaml, String others) {
        JsonNode doc = tree(OpenApi30.render("openapi: 3.1.0\ninfo: {title: T, version: v1}\npaths: {}\ncomponents:\n  schemas:\n"
                + others.indent(4) + "    S:\n" + yaml.indent(6)));
        return doc.at("/components/schemas/S");
    }

    private static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theVersionIsThreeZeroThreeAndANullTypeIsNullable() {
        JsonNode doc = tree(OpenApi30.render("openapi: 3.1.0\ninfo: {title: T, version: v1}\npaths: {}\n"
                + "components: {schemas: {S: {type: [string, 'null']}}}\n"));
        assertEquals("3.0.3", doc.path("openapi").asText());
        assertEquals(tree("{type: string, nullable: true}"), doc.at("/components/schemas/S"));
    }

    @Test
    void aNullableReferenceToAScalarTakesTheScalarsKeywords() {
        String uuid = "U: {type: string, format: uuid}";
        JsonNode s = schema("{type: object, properties: {p: {description: d, anyOf: [{$ref: '#/components/schemas/U'}, {type: 'null'}]}}}", uuid);
        assertEquals(tree("{description: d, nullable: true, type: string, format: uuid}"), s.at("/properties/p"));
    }

    @Test
    void aNullableReferenceToAnObjectOrAnEnumGetsItsType() {
        assertEquals(tree("{nullable: true, type: object, allOf: [{$ref: '#/components/schemas/P'}]}"),
                schema("{type: object, properties: {p: {anyOf: [{$ref: '#/components/schemas/P'}, {type: 'null'}]}}}",
                        "P: {type: object, properties: {a: {type: string}}}").at("/properties/p"));
        assertEquals(tree("{nullable: true, type: string, allOf: [{$ref: '#/components/schemas/E'}]}"),
                schema("{type: object, properties: {p: {anyOf: [{$ref: '#/components/schemas/E'}, {type: 'null'}]}}}",
                        "E: {type: string, enum: [a]}").at("/properties/p"));
    }

    @Test
    void theRenderingReadsBackAsTheSameTree() {
        String rendered = OpenApi30.render("""
                openapi: 3.1.0
                info: {title: T, version: "1.0"}
                paths: {/a: {get: {responses: {"200": {description: "null"}, "404": {description: "true"}}}}}
                """);
        assertEquals(tree("""
                openapi: 3.0.3
                info: {title: T, version: "1.0"}
                paths: {/a: {get: {responses: {"200": {description: "null"}, "404": {description: "true"}}}}}
                """), tree(rendered));
    }

    private static SwaggerParseResult parse(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(document, null, options);
    }

    /** So that an empty list of messages below means something. */
    @Test
    void theParserRefusesThreeOneFormsInAThreeZeroDocument() {
        List<String> messages = parse("""
                openapi: 3.0.3
                info: {title: T, version: v1}
                paths: {}
                components: {schemas: {S: {type: [string, 'null'], examples: [a], const: 1}}}
                """).getMessages();
        for (String keyword : List.of("S.type", "S.examples", "S.const")) {
            assertTrue(messages.stream().anyMatch(m -> m.contains(keyword)), keyword + " not in " + messages);
        }
    }

    @Test
    void theContractRendersAsValidOpenApi30() throws IOException {
        SwaggerParseResult result = parse(OpenApi30.render(Files.readString(Path.of("openapi/openapi.yaml"))));
        assertEquals(List.of(), result.getMessages(), "swagger-parser's messages on the 3.0 rendering");
        assertEquals("3.0.3", result.getOpenAPI().getOpenapi());
    }
}
