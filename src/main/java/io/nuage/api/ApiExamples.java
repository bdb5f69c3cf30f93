package io.nuage.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An example for every request body and for the main resources, from {@code openapi-examples.json} (by schema name),
 * written into the document where a body or a successful answer has that schema. Spectral checks each against its
 * schema, and the contract test sends the requests' ones.
 */
final class ApiExamples {

    private static final String RESOURCE = "/openapi-examples.json";
    private static final String SCHEMAS = "#/components/schemas/";

    private ApiExamples() {
    }

    static void add(OpenAPI openAPI) {
        Map<String, Object> examples = load();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getRequestBody() != null) {
                set(op.getRequestBody().getContent(), examples);
            }
            op.getResponses().getAPIResponses().forEach((code, r) -> {
                if (code.startsWith("2")) {
                    set(r.getContent(), examples);
                }
            });
        }));
    }

    private static void set(Content content, Map<String, Object> examples) {
        if (content == null) {
            return;
        }
        content.getMediaTypes().values().forEach(m -> {
            if (m.getSchema() != null && m.getSchema().getRef() != null) {
                Object example = examples.get(m.getSchema().getRef().substring(SCHEMAS.length()));
                if (example != null) {
                    m.setExample(example);
                }
            }
        });
    }

    private static Map<String, Object> load() {
        try (InputStream in = ApiExamples.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return new ObjectMapper().readValue(in, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
