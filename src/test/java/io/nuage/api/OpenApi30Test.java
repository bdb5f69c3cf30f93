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

/** Each rule of the 3.1 to 3.0.3 rendering on a small document, then the real contract through a 3.0 parser. */
class OpenApi30Test {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** A document whose one component schema S is the given YAML. */
    private static JsonNode schema(String yaml) {
        return schema(yaml, "");
    }

    /** The rendering of component schema S, beside other component schemas (YAML lines at the schemas' level). */
    private static JsonNode schema(String yaml, String others) {
        JsonNode doc = OpenApi30.convert(tree("openapi: 3.1.0\ncomponents:\n  schemas:\n" + others.indent(4)
                + "    S:\n" + yaml.indent(6)));
        return doc.at("/components/schemas/S");
    }

    private static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void renders(String expected, String given) {
        assertEquals(tree(expected), schema(given));
    }

    @Test
    void theVersionIsThreeZeroThreeAndThreeOneOnlyKeysGo() {
        JsonNode doc = OpenApi30.convert(tree("""
                openapi: 3.1.0
                jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base
                info: {title: T, version: v1, summary: S, license: {name: Apache-2.0, identifier: Apache-2.0}}
                webhooks: {ping: {post: {responses: {"200": {description: OK}}}}}
                components: {pathItems: {p: {}}}
                """));
        assertEquals(tree("""
                openapi: 3.0.3
                info: {title: T, version: v1, license: {name: Apache-2.0}}
                components: {}
                paths: {}
                """), doc);
    }

    @Test
    void aNullTypeIsNullable() {
        renders("{type: string, nullable: true}", "{type: [string, 'null']}");
        renders("{type: integer}", "{type: [integer]}");
        renders("{nullable: true, enum: [null]}", "{type: 'null'}");
        renders("{type: string}", "{type: string}");
    }

    @Test
    void severalTypesAreAnAnyOfOfEach() {
        renders("{nullable: true, anyOf: [{type: string}, {type: integer}]}", "{type: [string, integer, 'null']}");
    }

    @Test
    void aNullBranchIsNullable() {
        renders("{nullable: true, allOf: [{$ref: '#/components/schemas/T'}]}",
                "{anyOf: [{$ref: '#/components/schemas/T'}, {type: 'null'}]}");
        renders("{nullable: true, type: string, maxLength: 3}", "{oneOf: [{type: string, maxLength: 3}, {type: 'null'}]}");
        renders("{nullable: true, oneOf: [{type: string}, {type: integer}]}",
                "{oneOf: [{type: string}, {type: 'null'}, {type: integer}]}");
        renders("{description: d, nullable: true, allOf: [{description: e, type: string}]}",
                "{description: d, anyOf: [{description: e, type: string}, {type: 'null'}]}");
    }

    @Test
    void aNullableReferenceToAScalarTakesTheScalarsKeywords() {
        String uuid = "U: {type: string, format: uuid, examples: [0b7b0a4c-3c51-4a5a-9b8c-2a8c6d1c6f00]}";
        assertEquals(tree("{description: d, nullable: true, type: string, format: uuid,"
                + " example: 0b7b0a4c-3c51-4a5a-9b8c-2a8c6d1c6f00}"),
                schema("{description: d, anyOf: [{$ref: '#/components/schemas/U'}, {type: 'null'}]}", uuid));
        // the target's own schema is left as it is
        assertEquals(tree("{type: string, format: uuid, example: 0b7b0a4c-3c51-4a5a-9b8c-2a8c6d1c6f00}"),
                OpenApi30.convert(tree("openapi: 3.1.0\ncomponents: {schemas: {" + uuid + ", S: {oneOf: [{$ref: "
                        + "'#/components/schemas/U'}, {type: 'null'}]}}}")).at("/components/schemas/U"));
    }

    @Test
    void aNullableReferenceToAnObjectOrAnEnumGetsItsType() {
        assertEquals(tree("{nullable: true, type: object, allOf: [{$ref: '#/components/schemas/P'}]}"),
                schema("{anyOf: [{$ref: '#/components/schemas/P'}, {type: 'null'}]}", "P: {type: object}"));
        assertEquals(tree("{nullable: true, type: string, allOf: [{$ref: '#/components/schemas/E'}]}"),
                schema("{anyOf: [{$ref: '#/components/schemas/E'}, {type: 'null'}]}", "E: {type: string, enum: [a]}"));
    }

    @Test
    void aReferenceWithSiblingsIsAnAllOf() {
        renders("{description: d, type: string, allOf: [{$ref: '#/components/schemas/T'}]}",
                "{$ref: '#/components/schemas/T', description: d, type: string}");
        renders("{$ref: '#/components/schemas/T'}", "{$ref: '#/components/schemas/T'}");
        renders("{nullable: true, type: string, allOf: [{$ref: '#/components/schemas/T'}]}",
                "{$ref: '#/components/schemas/T', type: [string, 'null']}");
    }

    @Test
    void examplesBecomeTheFirstExample() {
        renders("{type: string, example: a}", "{type: string, examples: [a, b]}");
        renders("{type: string, example: x}", "{type: string, example: x, examples: [a]}");
        renders("{type: string}", "{type: string, examples: []}");
    }

    @Test
    void numericExclusiveBoundsBecomeBooleans() {
        renders("{type: integer, minimum: 0, exclusiveMinimum: true}", "{type: integer, exclusiveMinimum: 0}");
        renders("{type: number, maximum: 1.5, exclusiveMaximum: true}", "{type: number, exclusiveMaximum: 1.5}");
        // the stricter of the two bounds stands
        renders("{type: integer, minimum: 5}", "{type: integer, minimum: 5, exclusiveMinimum: 3}");
        renders("{type: integer, minimum: 5, exclusiveMinimum: true}", "{type: integer, minimum: 5, exclusiveMinimum: 5}");
        renders("{type: integer, maximum: 3, exclusiveMaximum: true}", "{type: integer, maximum: 9, exclusiveMaximum: 3}");
        renders("{type: integer, maximum: 3}", "{type: integer, maximum: 3, exclusiveMaximum: 9}");
    }

    @Test
    void constIsAOneValueEnum() {
        renders("{type: string, enum: [on]}", "{type: string, const: on}");
    }

    @Test
    void contentKeywordsBecomeFormatsOrGo() {
        renders("{type: string, format: byte}", "{type: string, contentEncoding: base64}");
        renders("{type: string, format: binary}", "{type: string, contentMediaType: application/octet-stream}");
        renders("{type: string}", "{type: string, contentMediaType: application/json}");
    }

    @Test
    void jsonSchemaOnlyKeywordsGo() {
        renders("{type: object}", """
                {type: object, $schema: 'https://json-schema.org/draft/2020-12/schema', $id: x, $comment: c,
                 $defs: {a: {}}, unevaluatedProperties: false, patternProperties: {'^x': {}}, propertyNames: {},
                 dependentRequired: {a: [b]}, if: {}, then: {}, else: {}}""");
        renders("{type: array, items: {type: string}}", "{type: array, items: {type: string}, prefixItems: [{}], contains: {}}");
    }

    @Test
    void booleanSchemasBecomeObjects() {
        renders("{type: object, properties: {a: {}, b: {not: {}}}, additionalProperties: false}",
                "{type: object, properties: {a: true, b: false}, additionalProperties: false}");
    }

    @Test
    void nestedSchemasAreConvertedButPropertyNamesAreNot() {
        renders("""
                type: object
                properties:
                  type: {type: string, nullable: true}
                  const: {type: array, items: {type: integer, nullable: true}}
                  map: {type: object, additionalProperties: {type: string, example: a}}
                  not: {not: {type: string, enum: [x]}}
                  all: {allOf: [{type: string, nullable: true}]}
                """, """
                type: object
                properties:
                  type: {type: [string, 'null']}
                  const: {type: array, items: {type: [integer, 'null']}}
                  map: {type: object, additionalProperties: {type: string, examples: [a]}}
                  not: {not: {type: string, const: x}}
                  all: {allOf: [{type: [string, 'null']}]}
                """);
    }

    @Test
    void schemasOfParametersBodiesResponsesAndHeadersAreConverted() {
        JsonNode doc = OpenApi30.convert(tree("""
                openapi: 3.1.0
                paths:
                  /a:
                    parameters: [{name: p, in: query, schema: {type: [integer, 'null']}}]
                    post:
                      parameters: [{name: q, in: query, schema: {const: 1}}]
                      requestBody: {content: {application/json: {schema: {type: [string, 'null']}}}}
                      responses:
                        "200":
                          description: OK
                          headers: {ETag: {schema: {type: string, examples: ['"1"']}}}
                          content: {application/json: {schema: {examples: [1], type: integer}}}
                        "404": {$ref: '#/components/responses/NotFound', description: gone}
                components:
                  parameters: {p: {name: p, in: query, schema: {type: [boolean, 'null']}}}
                """));
        assertEquals(tree("{type: integer, nullable: true}"), doc.at("/paths/~1a/parameters/0/schema"));
        assertEquals(tree("{enum: [1]}"), doc.at("/paths/~1a/post/parameters/0/schema"));
        assertEquals(tree("{type: string, nullable: true}"),
                doc.at("/paths/~1a/post/requestBody/content/application~1json/schema"));
        assertEquals(tree("{type: string, example: '\"1\"'}"), doc.at("/paths/~1a/post/responses/200/headers/ETag/schema"));
        assertEquals(tree("{type: integer, example: 1}"),
                doc.at("/paths/~1a/post/responses/200/content/application~1json/schema"));
        assertEquals(tree("{$ref: '#/components/responses/NotFound'}"), doc.at("/paths/~1a/post/responses/404"));
        assertEquals(tree("{type: boolean, nullable: true}"), doc.at("/components/parameters/p/schema"));
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
