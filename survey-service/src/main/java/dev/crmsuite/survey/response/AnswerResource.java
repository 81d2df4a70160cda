package dev.crmsuite.survey.response;

import dev.crmsuite.platform.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public side of an invitation: whoever holds the token may read the questions and answer
 * once. The token is the credential, so these two operations need no scope ({@code @PermitAll}):
 * the gateway forwards customers without credentials with an anonymous internal token, and a
 * request without any internal token still gets 401 ({@code ThroughGatewayPolicy}). A partner who
 * presents the token of a customer hidden from partners gets the unknown-token answer.
 */
@Path("/api/v1/survey-invitations/{token}")
@Tag(name = "Survey answering", description = "Public answer links: read the questions and submit a response once")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AnswerResource {

    @Inject
    Responses responses;

    @GET
    @PermitAll
    @Operation(operationId = "openSurveyInvitation", summary = "Read the questions of an invitation (public)",
            description = "Returns the questions of the survey version the invitation is bound to.")
    @APIResponse(responseCode = "200", description = "The questionnaire",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Questionnaire.class)))
    @APIResponse(responseCode = "404", description = "Unknown token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already answered, or not open yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The invitation expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Questionnaire open(@Parameter(description = "The secret token of the answer link") @PathParam("token") String token) {
        return responses.open(token);
    }

    @POST
    @Path("/responses")
    @PermitAll
    @Transactional
    @Operation(operationId = "submitSurveyResponse", summary = "Answer an invitation (public, once)",
            description = "Validates the answers against the version's questions (scales, required, options, show-if) and "
                    + "stores them. Publishes crm.survey.response.submitted.v1 and, for an unhappy answer, "
                    + "crm.survey.unhappy-response.v1.")
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmittedResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid answers; errors[] names each question (answers.<key>)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already answered, or not open yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The invitation expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@Parameter(description = "The secret token of the answer link") @PathParam("token") String token,
                           @Valid @NotNull NewResponse request) {
        return Response.status(201).entity(responses.submit(token, request)).build();
    }
}
