package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/customers/{id}/suggestions")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
public class SuggestionResource {

    private final Customers customers;
    private final Suggestions suggestions;

    public SuggestionResource(Customers customers, Suggestions suggestions) {
        this.customers = customers;
        this.suggestions = suggestions;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "getCustomerSuggestions", summary = "Cross- and up-sell suggestions for this customer, with the reason for each",
            description = "Cross-sell: products the customer has not bought, from what customers buy together (purchase items; a "
                    + "rule \"bought X, also buys Y\" with its support, confidence and lift, seen in at least "
                    + "crm.insight.suggestions.min-baskets-together baskets and with lift above 1), weighted by the share of the "
                    + "customer's segment who bought it: score = 0.7 x confidence + 0.3 x segment share; at most "
                    + "crm.insight.suggestions.max. Up-sell: a hint when the customer's 12-month revenue is below "
                    + "crm.insight.suggestions.up-sell-below-median-share of their segment's median. The basket counts behind "
                    + "them are recomputed daily and whenever the purchases grew by a tenth; countsAsOf says when (null and no "
                    + "suggestions before the first count). A partner sees only customers "
                    + "who consented to partner sharing (others: 404).")
    @APIResponse(responseCode = "200", description = "The suggestions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Suggestions.View.class), examples = @ExampleObject(name = "TV buyer", value = """
                    {"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","segment":"RELATIONAL","items":[{"sku":"HDMI-2M",
                    "name":"HDMI cable 2 m","score":0.617,"basedOn":"TV-55-OLED","support":0.400,"confidence":0.667,"lift":1.111,
                    "segmentShare":0.500,"reason":"bought together with TV-55-OLED in 2 of 3 baskets that hold it (lift 1.11); 50% of RELATIONAL customers bought it"}],
                    "upSell":{"revenue12Months":1200.00,"segmentMedian":4500.00,
                    "reason":"spends 1200.00 a year; RELATIONAL customers typically spend 4500.00 (median)"},
                    "countsAsOf":"2026-12-03T02:45:00Z"}""")))
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Suggestions.View get(@Parameter(description = "Customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                                @PathParam("id") UUID id) {
        return suggestions.of(customers.read(id));
    }
}
