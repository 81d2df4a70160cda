package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Where the integrating system (a partner's mailer, letter printer or SMS gateway, or staff keying in a
 * returned letter) reports what happened to a message it was asked to deliver.
 */
@Path("/api/v1/campaign-deliveries/{id}/reports")
@Tag(name = "Campaign feedback", description = "Delivery reports, RSVPs and attendance of campaign messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeliveryReportResource {

    private final DeliveryReports reports;

    public DeliveryReportResource(DeliveryReports reports) {
        this.reports = reports;
    }

    @POST
    @RolesAllowed(Scopes.CAMPAIGNS_WRITE)
    @Operation(operationId = "reportCampaignDelivery", summary = "Report what happened to a campaign message",
            description = "DELIVERED, BOUNCED, OPENED or CLICKED, each accepted once per delivery: sending the same report again "
                    + "changes nothing and answers 200 with the report as first recorded (retries are safe without an "
                    + "Idempotency-Key). OPENED and CLICKED imply DELIVERED. The first delivery (reported or implied) adds a "
                    + "touchpoint to the customer's timeline (NEWSLETTER, LETTER, EVENT for invitations, EMAIL for offers; "
                    + "OUTBOUND). Each accepted report publishes crm.campaign.delivery-reported.v1. Staff may report on any "
                    + "delivery; a partner only on deliveries of campaigns naming it as deliveryPartner — any other delivery "
                    + "is unknown to it (404).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "delivered", value = "{\"report\":\"DELIVERED\",\"occurredAt\":\"2026-12-01T09:31:12Z\"}"),
            @ExampleObject(name = "bounced", value = "{\"report\":\"BOUNCED\",\"occurredAt\":\"2026-12-01T09:31:12Z\","
                    + "\"bounceReason\":\"550 5.1.1 mailbox unavailable\"}")}))
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeliveryReportModels.DeliveryReportView.class),
            examples = @ExampleObject(name = "delivered", value = "{\"deliveryId\":\"7c1e9a40-2b7d-4c59-9a43-0f6d2c1b5e11\","
                    + "\"campaignId\":\"3f2a7c10-5e8b-4a61-b0d2-6c9e8f1a2b34\",\"report\":\"DELIVERED\","
                    + "\"occurredAt\":\"2026-12-01T09:31:12Z\",\"recordedAt\":\"2026-12-01T09:31:13Z\",\"deliveryStatus\":\"DELIVERED\"}")))
    @APIResponse(responseCode = "200", description = "This report was already recorded: nothing changed, the first report is answered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryReportModels.DeliveryReportView.class)))
    @APIResponse(responseCode = "400", description = "Invalid report (unknown report, occurredAt in the future, a bounce reason on "
            + "another report or too long); errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such delivery (or not this partner's to report on)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The delivery takes no such report: nothing was sent (HOLDOUT, EXCLUDED, "
            + "DEFERRED), it bounced, or a bounce after it was delivered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "occurredAt is before the delivery was requested",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(@Parameter(description = "The delivery's id, as crm.campaign.delivery-requested.v1 names it (deliveryId)")
                           @PathParam("id") UUID id, @Valid @NotNull DeliveryReportModels.NewDeliveryReport in) {
        DeliveryReports.Recorded r = reports.report(id, in);
        return Response.status(r.created() ? 201 : 200).entity(r.view()).build();
    }
}
