package dev.crmsuite.customer.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import dev.crmsuite.platform.web.IdempotentCreates;
import dev.crmsuite.platform.web.PartialUpdates;
import dev.crmsuite.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Campaigns (docs/campaigns.md): back-office only, so every operation is staff-only. */
@Path("/api/v1/campaigns")
@Tag(name = "Campaigns", description = "Newsletters, letters, offers and event invitations to an audience, with consent, one contact "
        + "budget, quiet hours and a holdout to measure lift")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly("campaigns are planned and sent by the back office; partners deliver them and report back")
public class CampaignResource {

    static final String EXAMPLE = "{\"id\":\"5b0d7c1e-3f2a-4d6b-9c8e-1a2b3c4d5e6f\",\"name\":\"April newsletter\",\"kind\":\"NEWSLETTER\","
            + "\"status\":\"DRAFT\",\"audienceId\":\"9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b\",\"subject\":\"What is new in April\","
            + "\"templateKey\":\"newsletter/2031-04\",\"variables\":{\"season\":\"spring\"},\"event\":null,"
            + "\"sendAt\":\"2031-04-01T02:00:00Z\",\"recurrence\":\"P1M\",\"recurUntil\":\"2031-12-31T15:59:59Z\",\"holdoutShare\":0.1,"
            + "\"holdoutSeed\":8731462219,\"measurementDays\":14,\"deliveryPartner\":null,\"version\":0,\"createdBy\":\"zhang.min\","
            + "\"createdAt\":\"2031-03-20T08:00:00Z\",\"updatedAt\":\"2031-03-20T08:00:00Z\",\"cancelledAt\":null,\"cancelReason\":null}";

    private final Campaigns campaigns;
    private final CampaignDeliveries deliveries;
    private final IdempotentCreates idempotent;
    private final Callers callers;

    public CampaignResource(Campaigns campaigns, CampaignDeliveries deliveries, IdempotentCreates idempotent, Callers callers) {
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        this.idempotent = idempotent;
        this.callers = callers;
    }

    @POST
    @RolesAllowed(Scopes.CAMPAIGNS_WRITE)
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCampaign", summary = "Create a campaign (a DRAFT)",
            description = "Stores what is sent (subject, template key and variables: the delivering system renders it), to which "
                    + "audience, and how it is measured (holdout share and seed, measurement days). Nothing is sent until it is "
                    + "scheduled. holdoutSeed is random when absent and is answered, so the holdout can be reproduced. Send an "
                    + "Idempotency-Key to retry safely (keys are per caller).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignModels.CampaignInput.class),
            examples = {
                    @ExampleObject(name = "monthly newsletter", value = "{\"name\":\"April newsletter\",\"kind\":\"NEWSLETTER\","
                            + "\"audienceId\":\"9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b\",\"subject\":\"What is new in April\","
                            + "\"templateKey\":\"newsletter/2031-04\",\"variables\":{\"season\":\"spring\"},"
                            + "\"sendAt\":\"2031-04-01T10:00:00+08:00\",\"recurrence\":\"P1M\",\"recurUntil\":\"2031-12-31T23:59:59+08:00\"}"),
                    @ExampleObject(name = "event invitation", value = "{\"name\":\"Spring evening\",\"kind\":\"EVENT_INVITATION\","
                            + "\"audienceId\":\"9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b\",\"subject\":\"You are invited\","
                            + "\"templateKey\":\"invitation/spring\",\"event\":{\"title\":\"Spring collection evening\","
                            + "\"startsAt\":\"2031-04-10T18:00:00+08:00\",\"endsAt\":\"2031-04-10T21:00:00+08:00\","
                            + "\"location\":\"Flagship store, 88 Nanjing Road, Shanghai\"},\"holdoutShare\":0.2,"
                            + "\"deliveryPartner\":\"partner-mailer\"}")}))
    @APIResponse(responseCode = "201", description = "Created; Location names it, ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignModels.CampaignView.class),
                    examples = @ExampleObject(name = "draft", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid campaign; errors[] names the fields", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "audienceId names no audience, or an Idempotency-Key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Parameter(description = "Makes a retried create return the first response", example = "april-newsletter-1")
                           @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
                           @Valid @NotNull CampaignModels.CampaignInput request) {
        return idempotent.execute(callers.idempotencyScope("campaigns"), idempotencyKey, request, () -> {
            Campaign c = campaigns.create(request);
            return Response.created(URI.create("/api/v1/campaigns/" + c.id)).tag(Versions.etag(c.version)).entity(campaigns.view(c)).build();
        });
    }

    @GET
    @RolesAllowed(Scopes.CAMPAIGNS_READ)
    @Operation(operationId = "listCampaigns", summary = "List campaigns",
            description = "Newest first, keyset-paginated (pass nextCursor as cursor); filter by status and kind.")
    @APIResponse(responseCode = "200", description = "A page of campaigns")
    @APIResponse(responseCode = "400", description = "A filter, limit or cursor is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Page<CampaignModels.CampaignView> list(
            @Parameter(description = "DRAFT, SCHEDULED, SENDING, SENT or CANCELLED", example = "SCHEDULED") @QueryParam("status") String status,
            @Parameter(description = "NEWSLETTER, LETTER, EVENT_INVITATION or OFFER", example = "NEWSLETTER") @QueryParam("kind") String kind,
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return campaigns.list(status, kind, Cursor.decode(cursor, 2), PageLimit.of(limit));
    }

    @GET
    @RolesAllowed(Scopes.CAMPAIGNS_READ)
    @Path("/{id}")
    @Operation(operationId = "getCampaign", summary = "Read a campaign",
            description = "The campaign with its status and its ETag (the version to send in If-Match when changing a draft).")
    @APIResponse(responseCode = "200", description = "The campaign", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CampaignModels.CampaignView.class), examples = @ExampleObject(name = "draft", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such campaign", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(description = "Campaign id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                        @PathParam("id") UUID id) {
        Campaign c = campaigns.require(id);
        return Response.ok(campaigns.view(c)).tag(Versions.etag(c.version)).build();
    }

    @PATCH
    @RolesAllowed(Scopes.CAMPAIGNS_WRITE)
    @Path("/{id}")
    @Transactional
    @Consumes({PartialUpdates.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(operationId = "updateCampaign", summary = "Change a DRAFT campaign (JSON Merge Patch)",
            description = "RFC 7396, as application/merge-patch+json or application/json: members present replace, null removes "
                    + "(holdoutShare and measurementDays fall back to their defaults, a removed holdoutSeed is drawn again), objects "
                    + "(variables, event) merge. Only a DRAFT can change (else 409): what was scheduled is what is sent. Requires "
                    + "If-Match with the ETag you read.")
    @RequestBody(content = {
            @Content(mediaType = PartialUpdates.MERGE_PATCH, schema = @Schema(implementation = CampaignModels.CampaignInput.class),
                    examples = @ExampleObject(name = "new subject", value = "{\"subject\":\"Spring is here\",\"variables\":{\"season\":\"spring\"}}")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignModels.CampaignInput.class),
                    examples = @ExampleObject(name = "larger holdout", value = "{\"holdoutShare\":0.2}"))})
    @APIResponse(responseCode = "200", description = "The changed campaign with its new ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CampaignModels.CampaignView.class)))
    @APIResponse(responseCode = "400", description = "Invalid patch; errors[] names the fields", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such campaign", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The campaign is no longer a DRAFT", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Neither application/merge-patch+json nor application/json", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "audienceId names no audience", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response update(@Parameter(description = "Campaign id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                           @PathParam("id") UUID id,
                           @Parameter(description = "The ETag you read; required: without it 428, with a stale one 412", example = "\"0\"")
                           @HeaderParam("If-Match") String ifMatch,
                           String patch) throws JsonProcessingException {
        Campaign c = campaigns.patch(id, ifMatch, patch);
        return Response.ok(campaigns.view(c)).tag(Versions.etag(c.version)).build();
    }

    @POST
    @RolesAllowed(Scopes.CAMPAIGNS_WRITE)
    @Path("/{id}/schedule")
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "scheduleCampaign", summary = "Schedule a DRAFT campaign",
            description = "DRAFT → SCHEDULED; the first run is sent at sendAt (the body's, else the campaign's, else at once), and a "
                    + "recurring NEWSLETTER again every recurrence until recurUntil. Checked here: the audience exists, an "
                    + "EVENT_INVITATION's event starts in the future and after sendAt, only a NEWSLETTER recurs, at least daily "
                    + "(P1D), recurUntil is after sendAt (422 naming each field). The audience is evaluated when each run is sent, "
                    + "not now. The body is optional (an empty one with Content-Type application/json). If-Match is optional here; when "
                    + "sent it must be current. Publishes crm.campaign.scheduled.v1.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CampaignModels.ScheduleRequest.class),
            examples = {@ExampleObject(name = "at a time", value = "{\"sendAt\":\"2031-04-01T10:00:00+08:00\"}"),
                    @ExampleObject(name = "now", value = "{}")}))
    @APIResponse(responseCode = "200", description = "Scheduled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CampaignModels.CampaignView.class)))
    @APIResponse(responseCode = "400", description = "sendAt is not a date-time", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such campaign", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The campaign is not a DRAFT", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The campaign cannot be sent as it is; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response schedule(@Parameter(description = "Campaign id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                             @PathParam("id") UUID id,
                             @Parameter(description = "Optional: the ETag you read", example = "\"2\"") @HeaderParam("If-Match") String ifMatch,
                             @Valid CampaignModels.ScheduleRequest request) {
        Campaign c = campaigns.schedule(id, ifMatch, request == null ? null : request.sendAt());
        return Response.ok(campaigns.view(c)).tag(Versions.etag(c.version)).build();
    }

    @POST
    @RolesAllowed(Scopes.CAMPAIGNS_WRITE)
    @Path("/{id}/cancellation")
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "cancelCampaign", summary = "Cancel a campaign",
            description = "DRAFT or SCHEDULED → CANCELLED: nothing more is sent. A recurring campaign that is SENDING finishes "
                    + "the run in progress and starts no further run. A one-off campaign that is SENDING, or one that was SENT, "
                    + "cannot be cancelled (409). The body is optional (an empty one with Content-Type application/json). If-Match is "
                    + "optional; when sent it must be current. Publishes "
                    + "crm.campaign.cancelled.v1.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CampaignModels.CancellationRequest.class),
            examples = @ExampleObject(name = "postponed", value = "{\"reason\":\"Event postponed\"}")))
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CampaignModels.CampaignView.class)))
    @APIResponse(responseCode = "400", description = "reason too long", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such campaign", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Sent, being sent (one-off) or already cancelled", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response cancel(@Parameter(description = "Campaign id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                           @PathParam("id") UUID id,
                           @Parameter(description = "Optional: the ETag you read", example = "\"2\"") @HeaderParam("If-Match") String ifMatch,
                           @Valid CampaignModels.CancellationRequest request) {
        Campaign c = campaigns.cancel(id, ifMatch, request == null ? null : request.reason());
        return Response.ok(campaigns.view(c)).tag(Versions.etag(c.version)).build();
    }

    @GET
    @RolesAllowed(Scopes.CAMPAIGNS_READ)
    @Path("/{id}/deliveries")
    @Operation(operationId = "listCampaignDeliveries", summary = "What each run did with each audience member",
            description = "One row per customer of each run: EXCLUDED with its reason (NO_MARKETING_CONSENT, CONTACT_BUDGET_EXHAUSTED, "
                    + "NO_CONTACT_ADDRESS, ERASED), HOLDOUT, DEFERRED (quiet hours, dueAt), REQUESTED, DELIVERED or BOUNCED, with the "
                    + "segment and value tier at send time. Keyset-paginated in delivery-id order; filter by status, exclusionReason "
                    + "and run number.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    @APIResponse(responseCode = "400", description = "A filter, limit or cursor is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such campaign", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Page<CampaignModels.DeliveryView> deliveries(
            @Parameter(description = "Campaign id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = "EXCLUDED, HOLDOUT, DEFERRED, REQUESTED, DELIVERED or BOUNCED", example = "EXCLUDED") @QueryParam("status") String status,
            @Parameter(description = "NO_MARKETING_CONSENT, CONTACT_BUDGET_EXHAUSTED, NO_CONTACT_ADDRESS or ERASED", example = "NO_MARKETING_CONSENT")
            @QueryParam("exclusionReason") String exclusionReason,
            @Parameter(description = "Run number (1 for the first or only run)", example = "1") @QueryParam("run") Integer run,
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        campaigns.require(id);
        return deliveries.list(id, status, exclusionReason, run, Cursor.decode(cursor, 1), PageLimit.of(limit));
    }
}
