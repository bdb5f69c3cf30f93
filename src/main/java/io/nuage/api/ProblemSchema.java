package io.nuage.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/** The schema of every error answer: the body {@link Problem#body} writes. */
final class ProblemSchema {

    private ProblemSchema() {
    }

    static Schema schema() {
        Schema fieldError = OASFactory.createSchema().addType(SchemaType.OBJECT).required(List.of("field", "message"))
                .addProperty("field", string().description("The body field (a.b[0].c) or query parameter refused"))
                .addProperty("message", string());
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An error, RFC 9457. 'code' is stable and meant for programs; 'detail' is for people. Some"
                        + " codes add facts as further members (quota_exceeded: quota, usage, request).")
                .required(List.of("type", "title", "status", "code"))
                .addProperty("type", string().description("urn:nuage:problem:<code>"))
                .addProperty("title", string())
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", string().addType(SchemaType.NULL))
                .addProperty("instance", string().description("The request's path"))
                .addProperty("code", string().pattern("^[a-z0-9_]+$"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY).items(fieldError))
                .example(example());
    }

    /** In the order a problem is written; Map.of's order changes from one JVM to the next, and so would the document. */
    private static Map<String, Object> example() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", "vcpus");
        error.put("message", "must be between 1 and 64");
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:nuage:problem:validation_failed");
        example.put("title", "Invalid request");
        example.put("status", 400);
        example.put("detail", "The request is invalid");
        example.put("instance", "/v1/tenants/acme/instances");
        example.put("code", "validation_failed");
        example.put("errors", List.of(error));
        return example;
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }
}
