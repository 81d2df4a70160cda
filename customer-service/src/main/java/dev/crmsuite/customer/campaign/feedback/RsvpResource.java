package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.platform.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/**
 * The public side of an event invitation, like survey answer links: whoever holds the token of the RSVP
 * link (sent only in crm.campaign.delivery-requested.v1, stored only as a SHA-256) may read the invitation
 * and answer it once. The token is the credential, so no scope is needed ({@code @PermitAll}): the gateway
 * forwards guests without credentials with an anonymous internal token, and a request without any internal
 * token still gets 401.
 */
@Path("/api/v1/campaign-invitations/{token}")
@Tag(name = "Event RSVP", description = "Public invitation links: read an event invitation and answer it once")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RsvpResource {

    private static final String EXAMPLE = "{\"campaignName\":\"Spring preview for our regular customers\",\"event\":{"
            + "\"title\":\"Spring collection preview\",\"startsAt\":\"2026-12-12T10:00:00Z\",\"endsAt\":\"2026-12-12T13:00:00Z\","
            + "\"location\":\"Flagship store, 88 Nanjing Road, Shanghai\"},\"rsvp\":\"ACCEPTED\",\"rsvpAt\":\"2026-12-03T08:15:00Z\"}";

    private final Rsvps rsvps;

    public RsvpResource(Rsvps rsvps) {
        this.rsvps = rsvps;
    }

    @GET
    @PermitAll
    @Operation(operationId = "openCampaignInvitation", summary = "Read an event invitation (public)",
            description = "The campaign's name, the event (title, start, end, location) and the answer given so far. Nothing about "
                    + "the guest: the link may be forwarded.")
    @APIResponse(responseCode = "200", description = "The invitation", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RsvpModels.InvitationView.class), examples = @ExampleObject(name = "answered", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Unknown token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The campaign was cancelled or the event has started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RsvpModels.InvitationView open(@Parameter(description = "The secret token of the RSVP link") @PathParam("token") String token) {
        return rsvps.open(token);
    }

    @POST
    @Path("/rsvp")
    @PermitAll
    @Operation(operationId = "answerCampaignInvitation", summary = "Answer an event invitation (public, once)",
            description = "ACCEPTED or DECLINED. The first answer is recorded (201) and publishes crm.campaign.rsvp-recorded.v1; "
                    + "the same answer again changes nothing (200); a different answer later is refused (409).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "accept", value = "{\"response\":\"ACCEPTED\"}")))
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RsvpModels.InvitationView.class), examples = @ExampleObject(name = "accepted", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The same answer was already recorded; nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RsvpModels.InvitationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid answer; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already answered differently",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The campaign was cancelled or the event has started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response answer(@Parameter(description = "The secret token of the RSVP link") @PathParam("token") String token,
                           @Valid @NotNull RsvpModels.NewRsvp in) {
        Rsvps.Answered a = rsvps.answer(token, in.response());
        return Response.status(a.created() ? 201 : 200).entity(a.view()).build();
    }
}
