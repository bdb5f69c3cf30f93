package io.nuage.api;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API's OpenAPI header: one bearer scheme for every /v1 operation. */
@OpenAPIDefinition(info = @Info(title = "Nuage API", version = "v1"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The operator token (NUAGE_ADMIN_TOKEN) or a tenant token from POST /v1/tenants/{tenant}/tokens")
public class NuageApi extends Application {
}
