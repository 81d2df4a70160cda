package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** The guest list of an invitation's event, ticked off by staff after it started. */
@Path("/api/v1/campaigns/{id}/attendance")
@Tag(name = "Campaign feedback", description = "Delivery reports, RSVPs and attendance of campaign messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AttendanceResource {

    private final Attendances attendances;

    public AttendanceResource(Attendances attendances) {
        this.attendances = attendances;
    }

    @POST
    @RolesAllowed(Scopes.CAMPAIGNS_WRITE)
    @StaffOnly("campaigns are back-office: who came to an event is recorded by the staff who ran it")
    @Operation(operationId = "recordCampaignAttendance", summary = "Record who came to an invitation's event",
            description = "EVENT_INVITATION campaigns only, once the event has started. Every customer named must have been sent "
                    + "an invitation of this campaign (otherwise 422 naming them, and nothing is recorded). Recording a guest "
                    + "again changes nothing (recordedNow false). Each new attendance adds an EVENT INBOUND touchpoint to the "
                    + "customer's timeline and publishes crm.campaign.attendance-recorded.v1 (loyalty-service can award points).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "two guests", value = "{\"customerIds\":[\"0f8c2d3e-1b4a-4c5d-8e6f-7a8b9c0d1e2f\","
                    + "\"6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"]}")))
    @APIResponse(responseCode = "200", description = "The attendance of each customer named",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AttendanceModels.AttendanceResult.class),
                    examples = @ExampleObject(name = "one new", value = "{\"campaignId\":\"3f2a7c10-5e8b-4a61-b0d2-6c9e8f1a2b34\","
                            + "\"recorded\":1,\"alreadyRecorded\":0,\"attendances\":[{\"customerId\":\"0f8c2d3e-1b4a-4c5d-8e6f-7a8b9c0d1e2f\","
                            + "\"deliveryId\":\"7c1e9a40-2b7d-4c59-9a43-0f6d2c1b5e11\",\"attendedAt\":\"2026-12-12T10:00:00Z\",\"recordedNow\":true}]}")))
    @APIResponse(responseCode = "400", description = "Invalid list (empty, more than 500, a customer twice, not UUIDs); errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such campaign",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not an event invitation, cancelled, or the event has not started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Customers who were not sent an invitation of this campaign (customerIds names them)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AttendanceModels.AttendanceResult record(@Parameter(description = "The campaign's id") @PathParam("id") UUID id,
                                                    @Valid @NotNull AttendanceModels.NewAttendance in) {
        return attendances.record(id, in.customerIds());
    }
}
