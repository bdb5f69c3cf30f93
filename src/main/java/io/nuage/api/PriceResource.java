package io.nuage.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nuage.billing.PriceSheet;

/** The operator's price sheet, which every bill is computed with. */
@Path("/v1/prices")
@Tag(name = "Billing")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class PriceResource {

    private final PriceSheet prices;

    PriceResource(PriceSheet prices) {
        this.prices = prices;
    }

    @GET
    @Operation(operationId = "getPrices", summary = "The price sheet", description = "The unit price of each meter a bill counts, in the"
            + " sheet's currency (nuage.prices.*), and the egress allowance per tenant and month; every token reads it.")
    public PriceSheet.Sheet prices() {
        return prices.sheet();
    }
}
