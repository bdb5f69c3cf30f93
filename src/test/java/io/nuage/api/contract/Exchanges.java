package io.nuage.api.contract;

import static io.nuage.api.TestApi.admin;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.nuage.api.contract.Mismatches.Kind;
import io.nuage.api.contract.OpenApiDoc.Operation;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Sends one request of an operation and holds the answer to what the document promises for it. */
final class Exchanges {

    /**
     * A request: where it goes, what it carries, and, for an invalid one, the field or parameter its 400 must name
     * (null for a valid request, which must succeed).
     */
    record Request(String uri, Map<String, String> query, JsonNode body, String what, String invalidField) {

        static Request valid(String uri, JsonNode body) {
            return new Request(uri, Map.of(), body, "valid", null);
        }

        @Override
        public String toString() {
            return what + ": " + uri + (query.isEmpty() ? "" : " " + query) + (body == null ? "" : " " + Mismatches.shorten(body.toString()));
        }
    }

    private final OpenApiDoc doc;
    private final Mismatches mismatches;

    Exchanges(OpenApiDoc doc, Mismatches mismatches) {
        this.doc = doc;
        this.mismatches = mismatches;
    }

    /** Sends the request and records every way its answer differs from the document; returns the answer's JSON body. */
    JsonNode send(Operation op, Request r) {
        RequestSpecification spec = admin().queryParams(r.query());
        if (r.body() != null) {
            spec.body(r.body().toString());
        }
        Response answer = spec.request(op.method().toUpperCase(), r.uri());
        mismatches.sent(op.label());
        int status = answer.statusCode();
        String type = answer.contentType() == null ? "" : answer.contentType().split(";")[0].trim();
        String text = answer.asString();
        String got = status + " " + type + " " + Mismatches.shorten(text);
        JsonNode body = parse(type, text);
        if (status >= 500) {
            mismatches.add(Kind.SERVER_ERROR, op.label(), r.toString(), "no 5xx", got);
        }
        checkAgainstDocument(op, r, status, type, text, body, got);
        if (r.invalidField() == null && (status < 200 || status >= 300)) {
            mismatches.add(Kind.VALID_REFUSED, op.label(), r.toString(), "2xx", got);
        } else if (r.invalidField() != null) {
            checkRefusal(op, r, status, type, body, got);
        }
        return body;
    }

    private void checkAgainstDocument(Operation op, Request r, int status, String type, String text, JsonNode body, String got) {
        JsonNode documented = doc.response(op, status);
        if (documented.isMissingNode()) {
            mismatches.add(Kind.UNDOCUMENTED_STATUS, op.label(), r.toString(), "one of " + statuses(op), got);
            return;
        }
        JsonNode content = documented.path("content");
        if (text.isEmpty()) {
            if (!content.isEmpty()) {
                mismatches.add(Kind.UNDOCUMENTED_BODY, op.label(), r.toString(), status + " with a body " + content.fieldNames().next(),
                        got + "(no body)");
            }
            return;
        }
        JsonNode schema = content.path(type).path("schema");
        if (schema.isMissingNode() || schema.isEmpty()) {
            mismatches.add(Kind.UNDOCUMENTED_BODY, op.label(), r.toString(), status + " " + type + " with a schema",
                    got + " (the document gives " + (content.isEmpty() ? "no content" : "content " + fieldNames(content) + " without a schema for it")
                            + ")");
            return;
        }
        JsonNode value = body != null ? body : TextNode.valueOf(text);
        List<String> errors = doc.validate(schema, value);
        if (!errors.isEmpty()) {
            mismatches.add(Kind.BODY_NOT_MATCHING, op.label(), r.toString(), "a body matching " + Mismatches.shorten(schema.toString()),
                    got + "\n    errors:   " + String.join("; ", errors.subList(0, Math.min(errors.size(), 6)))
                            + (errors.size() > 6 ? " (" + errors.size() + " in all)" : ""));
        }
    }

    /** An invalid request answers 400 problem+json whose errors[] name the field, or a field inside it. */
    private void checkRefusal(Operation op, Request r, int status, String type, JsonNode body, String got) {
        if (status >= 200 && status < 300) {
            mismatches.add(Kind.INVALID_ACCEPTED, op.label(), r.toString(), "400 naming " + r.invalidField(), got);
            return;
        }
        boolean named = false;
        if (body != null) {
            for (JsonNode e : body.path("errors")) {
                String field = e.path("field").asText();
                named |= field.equals(r.invalidField()) || field.startsWith(r.invalidField() + ".") || field.startsWith(r.invalidField() + "[");
            }
        }
        if (status != 400 || !type.equals("application/problem+json") || !named) {
            mismatches.add(Kind.INVALID_WRONG_ANSWER, op.label(), r.toString(), "400 application/problem+json naming " + r.invalidField(), got);
        }
    }

    private static JsonNode parse(String type, String text) {
        if (text.isEmpty() || !type.contains("json")) {
            return null;
        }
        try {
            return OpenApiDoc.JSON.readTree(text);
        } catch (java.io.IOException e) {
            return TextNode.valueOf(text); // not JSON although it says so: the schema will say what is wrong
        }
    }

    private static String statuses(Operation op) {
        return fieldNames(op.node().path("responses"));
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }
}
