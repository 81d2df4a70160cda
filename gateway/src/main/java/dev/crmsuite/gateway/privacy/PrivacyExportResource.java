package dev.crmsuite.gateway.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import dev.crmsuite.platform.web.RequestIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/privacy/customers/{customerId}/export")
@Tag(name = "Privacy", description = "Export and erasure of personal data")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyExportResource {

    /** The composed document, for the OpenAPI description; the answer is built from the parts as they come. */
    @Schema(name = "PrivacyExport", description = "Everything the suite holds about one person: each service's own part and "
            + "the webhook deliveries that carried events about them", requiredProperties = {"customerId", "generatedAt",
            "customer", "loyalty", "complaints", "surveys", "webhookDeliveries"})
    public record PrivacyExport(
            @Schema(description = "The person") UUID customerId,
            @Schema(description = "When the export was composed") OffsetDateTime generatedAt,
            @Schema(ref = "CustomerPrivacyExport") JsonNode customer,
            @Schema(ref = "LoyaltyPrivacyExport") JsonNode loyalty,
            @Schema(ref = "ComplaintPrivacyExport") JsonNode complaints,
            @Schema(ref = "SurveyPrivacyExport") JsonNode surveys,
            @Schema(description = "Webhook deliveries to partners that carried events about the person")
            List<WebhookDeliveriesOfCustomer.Delivery> webhookDeliveries) {
    }

    private final PrivacyExports exports;
    private final Callers callers;

    public PrivacyExportResource(PrivacyExports exports, Callers callers) {
        this.exports = exports;
        this.callers = callers;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @StaffOnly("personal data export: a data-subject request handled by staff")
    @Operation(operationId = "exportPerson", summary = "Everything held about a person, from every service",
            description = "One JSON document with every service's part (customer-service's profile, purchases, touchpoints, "
                    + "follow-ups, history...; loyalty's account, ledger, lots, vouchers, redemptions, goodwill; complaints with "
                    + "customer-visible and internal comments; survey invitations and non-anonymous answers) and the webhook "
                    + "deliveries that carried the person to partners. Each part is read with the caller's own permissions; "
                    + "the export is recorded in the customer's history. Complete or not given: if a service cannot be read "
                    + "the answer is 503 naming it, never a partial document.")
    @APIResponse(responseCode = "200", description = "The export",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PrivacyExport.class)))
    @APIResponse(responseCode = "308", description = "Merged into another customer: Location is the survivor's export",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "A service holding part of the export could not be read; retry later",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@Parameter(description = "Customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                           @PathParam("customerId") UUID customerId) throws Exception {
        PrivacyExports.Outcome outcome = exports.export(callers.require(), customerId);
        return switch (outcome) {
            case PrivacyExports.Document d -> Response.ok(EventJson.write(d.export()), MediaType.APPLICATION_JSON_TYPE).build();
            case PrivacyExports.Unknown u -> throw ProblemException.notFound("customer", customerId);
            case PrivacyExports.Merged m -> {
                String location = "/api/v1/privacy/customers/" + m.survivorId() + "/export";
                yield Response.status(308).location(URI.create(location)).type(Problem.MEDIA_TYPE)
                        .entity(new Problem(Problem.TYPE_BASE + "merged", "Merged", 308,
                                "the customer was merged into " + m.survivorId() + "; the export is at " + location,
                                "/api/v1/privacy/customers/" + customerId + "/export", RequestIds.current(), null, null)).build();
            }
            case PrivacyExports.PartUnavailable p -> Response.status(503).header("Retry-After", "5").type(Problem.MEDIA_TYPE)
                    .entity(new Problem(Problem.TYPE_BASE + "export-part-unavailable", "Service Unavailable", 503,
                            p.why() + ": " + p.part(), "/api/v1/privacy/customers/" + customerId + "/export",
                            RequestIds.current(), null, null)).build();
        };
    }
}
