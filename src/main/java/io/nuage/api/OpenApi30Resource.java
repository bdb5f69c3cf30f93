package io.nuage.api;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;

/**
 * The contract in OpenAPI 3.0.3, for the tools that read no 3.1: the very document /q/openapi serves, rendered by
 * {@link OpenApi30}. Outside /v1, so public like /q/openapi, and hidden from the document it renders.
 */
@Path("/openapi-3.0.yaml")
public class OpenApi30Resource {

    private final OpenApiDocumentService documents;

    OpenApi30Resource(OpenApiDocumentService documents) {
        this.documents = documents;
    }

    /** Rendered once: the document does not change while the application runs. */
    private volatile String rendered;

    @GET
    @Produces("application/yaml")
    @Operation(hidden = true)
    public String get() {
        String r = rendered;
        if (r == null) {
            r = OpenApi30.render(new String(documents.getDocument(Format.YAML), StandardCharsets.UTF_8));
            rendered = r;
        }
        return r;
    }
}
