package dev.crmsuite.survey.invitation;

import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import jakarta.inject.Inject;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/survey-invitations")
@Tag(name = "Survey invitations", description = "Who was invited to which survey, and who was skipped and why")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {

    @Inject
    Clock clock;

    /** Documents the page's items as SurveyInvitation (the generic Page cannot name its item type). */
    @Schema(name = "SurveyInvitationPage", description = "A page of invitations")
    public record InvitationPage(List<InvitationView> items,
                                 @Schema(description = "Opaque cursor of the next page; absent on the last page") String nextCursor) {
    }

    @GET
    @Operation(operationId = "listSurveyInvitations", summary = "List invitations (staff)",
            description = "Newest first, keyset paginated, filtered by customer, survey and status. Includes skipped "
                    + "invitations with their reason and, for sent ones, the answer token for the delivery channel.")
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
        UUID customerId = dev.crmsuite.survey.support.Params.uuid("customerId", customerParam);
        UUID surveyId = dev.crmsuite.survey.support.Params.uuid("surveyId", surveyParam);
        InvitationStatus status;
        try {
            status = statusParam == null || statusParam.isBlank() ? null : InvitationStatus.valueOf(statusParam);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be one of " + java.util.Arrays.toString(InvitationStatus.values()));
        }
        Cursor after = Cursor.decode(cursor, 2);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (customerId != null) {
            where.add("customerId = :customer");
            params.and("customer", customerId);
        }
        if (surveyId != null) {
            where.add("surveyId = :survey");
            params.and("survey", surveyId);
        }
        if (status != null) {
            switch (status) {
                case SKIPPED -> where.add("status = 'SKIPPED'");
                case ANSWERED -> where.add("status = 'ANSWERED'");
                case EXPIRED -> where.add("status = 'PENDING' and expiresAt <= :now");
                case SCHEDULED -> where.add("status = 'PENDING' and expiresAt > :now and sendAt > :now");
                case OPEN -> where.add("status = 'PENDING' and expiresAt > :now and sendAt <= :now");
            }
            if (status != InvitationStatus.SKIPPED && status != InvitationStatus.ANSWERED) {
                params.and("now", now);
            }
        }
        if (after != null) {
            try {
                params.and("afterCreated", OffsetDateTime.parse(after.get(0))).and("afterId", UUID.fromString(after.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
            where.add("(createdAt < :afterCreated or (createdAt = :afterCreated and id < :afterId))");
        }
        String query = (where.isEmpty() ? "1 = 1" : String.join(" and ", where)) + " order by createdAt desc, id desc";
        List<Invitation> rows = Invitation.<Invitation>find(query, params).range(0, size).list();
        Instant at = now.toInstant();
        return Page.of(rows, size, i -> Cursor.of(i.createdAt, i.id), i -> InvitationView.of(i, at));
    }
}
