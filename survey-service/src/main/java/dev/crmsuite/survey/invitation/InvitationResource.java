package dev.crmsuite.survey.invitation;

import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.survey.support.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

@Path("/api/v1/survey-invitations")
@Tag(name = "Survey invitations", description = "Who was invited to which survey, and who was skipped and why")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {

    private final InvitationSearch search;
    private final Callers callers;
    private final Clock clock;

    public InvitationResource(InvitationSearch search, Callers callers, Clock clock) {
        this.search = search;
        this.callers = callers;
        this.clock = clock;
    }

    /** Documents the page's items as SurveyInvitation (the generic Page cannot name its item type). */
    @Schema(name = "SurveyInvitationPage", description = "A page of invitations")
    public record InvitationPage(@Schema(required = true) List<InvitationView> items,
                                 @Schema(description = "Opaque cursor of the next page; absent on the last page") String nextCursor) {
    }

    @GET
    @RolesAllowed(Scopes.SURVEYS_READ)
    @Operation(operationId = "listSurveyInvitations", summary = "List invitations",
            description = "Newest first, keyset paginated, filtered by customer, survey and status. Includes skipped "
                    + "invitations with their reason. The answer token of a sent invitation (a credential: it answers in the "
                    + "customer's name) is shown only to staff holding surveys:write, for the delivery channel. Partners see "
                    + "only the invitations of customers who consented to partner sharing.")
    @APIResponse(responseCode = "200", description = "A page of invitations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvitationPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<InvitationView> list(
            @Parameter(description = "Only this customer's", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("customerId") String customerParam,
            @Parameter(description = "Only this survey's", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("surveyId") String surveyParam,
            @Parameter(description = "Only those in this status: SCHEDULED, OPEN, ANSWERED, EXPIRED or SKIPPED", example = "OPEN")
            @QueryParam("status") String statusParam,
            @Parameter(description = "Page size, 1-200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = PageLimit.of(limit);
        var filters = new InvitationSearch.Filters(Params.uuid("customerId", customerParam),
                Params.uuid("surveyId", surveyParam), status(statusParam));
        Instant now = clock.instant();
        Caller caller = callers.require();
        List<Invitation> rows = search.page(filters, Cursor.decode(cursor, 2), size, caller.isPartner(), now);
        boolean showTokens = seesAnswerTokens(caller);
        return Page.of(rows, size, i -> Cursor.of(i.createdAt, i.id), i -> InvitationView.of(i, now, showTokens));
    }

    /**
     * An answer token lets whoever holds it answer in the customer's name, so it goes only to staff
     * who may change survey data (the delivery channel), never to partners or read-only viewers.
     */
    static boolean seesAnswerTokens(Caller caller) {
        return caller.kind() == Caller.Kind.STAFF && caller.has(Scopes.SURVEYS_WRITE);
    }

    private static InvitationStatus status(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return InvitationStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be one of " + Arrays.toString(InvitationStatus.values()));
        }
    }
}
