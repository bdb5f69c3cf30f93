package io.nuage.api.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.nuage.api.contract.Exchanges.Request;
import io.nuage.api.contract.OpenApiDoc.Operation;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The served OpenAPI document is the contract generated clients and tools trust (issue #24). For every operation in
 * it, this sends a valid request, then for each body field a value of the wrong type and a value past each bound the
 * schema states, an unknown field, and bad values of the query parameters; and checks every answer: a status the
 * document lists for the operation ({@code default} does not count), a body matching the schema it gives for that
 * status and content type, and for an invalid request a 400 problem+json naming the field. Every difference is
 * collected, and the test fails once with the whole list (also in target/contract-mismatches.txt).
 */
@QuarkusTest
class ContractTest {

    /**
     * The order the operations run in: creates (their answers are the spares the changes and deletes act on), reads,
     * the restore while the fixture instance is stopped and its snapshot ready, changes, then deletes from the
     * dependents up. An operation not listed runs with the reads.
     */
    private static final List<String> ORDER = List.of(
            "post /v1/tenants", "post /v1/instance-types", "post /v1/tenants/{tenant}/ssh-keys", "post /v1/tenants/{tenant}/networks", "post /v1/tenants/{tenant}/volumes",
            "post /v1/tenants/{tenant}/instances", "post /v1/tenants/{tenant}/snapshots", "post /v1/tenants/{tenant}/tokens",
            "post /v1/tenants/{tenant}/environments", "post /v1/tenants/{tenant}/public-ips", "post /v1/tenants/{tenant}/images",
            "post /v1/images", "post /v1/tenants/{tenant}/volumes/{name}/export",
            "post /v1/maintenance-windows",
            "get",
            "post /v1/tenants/{tenant}/snapshots/{name}/restore",
            "patch",
            "post /v1/tenants/{tenant}/instances/{name}/volumes", "post /v1/tenants/{tenant}/instances/{name}/start",
            "post /v1/tenants/{tenant}/instances/{name}/restart", "post /v1/tenants/{tenant}/instances/{name}/stop",
            "post /v1/tenants/{tenant}/public-ips/{name}/attach", "post /v1/tenants/{tenant}/public-ips/{name}/detach",
            "delete /v1/tenants/{tenant}/public-ips/{name}",
            "post /v1/tenants/{tenant}/environments/{name}/extend", "delete /v1/tenants/{tenant}/environments/{name}",
            "delete /v1/tenants/{tenant}/instances/{name}/volumes/{volume}", "delete /v1/tenants/{tenant}/snapshots/{name}",
            "delete /v1/tenants/{tenant}/volumes/{name}/exports/{id}",
            "delete /v1/tenants/{tenant}/instances/{name}", "delete /v1/tenants/{tenant}/volumes/{name}",
            "delete /v1/tenants/{tenant}/networks/{name}", "delete /v1/tenants/{tenant}/ssh-keys/{name}", "delete /v1/tenants/{tenant}/tokens/{name}",
            "delete /v1/tenants/{tenant}/images/{name}", "delete /v1/images/{name}",
            "delete /v1/maintenance-windows/{id}", "delete /v1/tenants/{tenant}", "delete /v1/instance-types/{name}");

    @Test
    void everyOperationAnswersAsTheDocumentSays() throws Exception {
        OpenApiDoc doc = new OpenApiDoc(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        Fixtures fx = new Fixtures();
        Bodies bodies = new Bodies(doc, fx);
        Variants variants = new Variants(doc, bodies::of);
        Mismatches mismatches = new Mismatches();
        Exchanges exchanges = new Exchanges(doc, mismatches);

        List<Operation> operations = new ArrayList<>(doc.operations());
        operations.sort(Comparator.comparingInt(ContractTest::rank));
        assertTrue(operations.size() > 30, "the document lists the API's operations: " + operations.size());
        for (Operation op : operations) {
            String uri = fx.uri(op);
            boolean create = rank(op) < ORDER.indexOf("get");
            JsonNode schema = op.bodySchema();
            ObjectNode body = schema.isMissingNode() ? null : bodies.valid(op, create ? null : lastSegmentName(uri, op));
            JsonNode answer = exchanges.send(op, Request.valid(uri, body));
            if (create) {
                fx.spare(Fixtures.collection(op.path()), answer);
            }
            List<Request> invalid = new ArrayList<>(variants.ofQuery(uri, op.queryParameters()));
            if (body != null) {
                // An import's body is a document: one that is not an object is 422 malformed_export, as the README says.
                boolean required = op.node().path("requestBody").path("required").asBoolean() && !op.path().endsWith("/import");
                invalid.addAll(variants.ofBody(uri, schema, body, required));
            }
            invalid.forEach(r -> exchanges.send(op, r));
        }
        assertTrue(mismatches.isEmpty(), mismatches::report);
    }

    /** The name in the path of a change to one resource (a PATCH body may repeat it), or null. */
    private static String lastSegmentName(String uri, Operation op) {
        return op.path().endsWith("{name}") || op.path().endsWith("{tenant}") ? uri.substring(uri.lastIndexOf('/') + 1) : null;
    }

    private static int rank(Operation op) {
        int exact = ORDER.indexOf(op.method() + " " + op.path());
        if (exact >= 0) {
            return exact;
        }
        int byMethod = ORDER.indexOf(op.method());
        return byMethod >= 0 ? byMethod : ORDER.indexOf("get");
    }
}
