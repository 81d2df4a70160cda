package dev.crmsuite.survey.survey;

import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import dev.crmsuite.platform.web.IdempotentCreates;
import dev.crmsuite.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * Questionnaires. Reading them needs surveys:read (they hold no customer data, so partners may read
 * them too); writing them is configuration of whom the business contacts and what it asks, so it is
 * staff only (surveys:write, never a partner key). Scores over all customers' answers are staff only.
 */
@Path("/api/v1/surveys")
@Tag(name = "Surveys", description = "Questionnaires, their drafts and published versions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SurveyResource {

    @Inject
    Surveys surveys;
    @Inject
    SurveyStore store;
    @Inject
    IdempotentCreates idempotent;
    @Inject
    dev.crmsuite.survey.score.ScoreQueries scores;
    @Inject
    Callers callers;

    @POST
    @RolesAllowed(Scopes.SURVEYS_WRITE)
    @StaffOnly("configuration: which customers are asked what")
    @Transactional
    @Operation(operationId = "createSurvey", summary = "Create a survey",
            description = "Creates a survey with its draft. Nothing is sent to customers until it is published. "
                    + "Send an Idempotency-Key to retry safely (keys are kept per caller). Staff only.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyView.class)))
    @APIResponse(responseCode = "400", description = "Invalid questionnaire; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @Parameter(description = "Makes a retried create return the first response", example = "survey-create-1")
            @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
            @Valid @NotNull SurveyDraft request) {
        return idempotent.execute(callers.idempotencyScope("surveys"), idempotencyKey, request, () -> {
            SurveyStore.SurveyRow row = surveys.create(request);
            return Response.created(URI.create("/api/v1/surveys/" + row.id()))
                    .tag(Versions.etag(row.version())).entity(SurveyView.of(row, true)).build();
        });
    }

    @GET
    @RolesAllowed(Scopes.SURVEYS_READ)
    @Operation(operationId = "listSurveys", summary = "List surveys", description = "Newest first, keyset paginated.")
    @APIResponse(responseCode = "200", description = "A page of surveys",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", description = "Bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<SurveyView> list(
            @Parameter(description = "Page size, 1-200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 2);
        Instant afterCreated;
        UUID afterId;
        try {
            afterCreated = after == null ? null : Instant.parse(after.get(0));
            afterId = after == null ? null : UUID.fromString(after.get(1));
        } catch (RuntimeException e) {
            throw dev.crmsuite.platform.problem.ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
        return Page.of(store.list(afterCreated, afterId, size), size,
                r -> Cursor.of(r.createdAt(), r.id()), r -> SurveyView.of(r, surveys.unpublishedChanges(r)));
    }

    @GET
    @RolesAllowed(Scopes.SURVEYS_READ)
    @Path("/{id}")
    @Operation(operationId = "getSurvey", summary = "Read a survey",
            description = "Returns the draft, the latest published version number and the ETag to send in If-Match when editing.")
    @APIResponse(responseCode = "200", description = "The survey",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyView.class)))
    @APIResponse(responseCode = "404", description = "No such survey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(description = "Survey id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                        @PathParam("id") UUID id) {
        SurveyStore.SurveyRow row = surveys.get(id);
        return Response.ok(SurveyView.of(row, surveys.unpublishedChanges(row))).tag(Versions.etag(row.version())).build();
    }

    @PUT
    @RolesAllowed(Scopes.SURVEYS_WRITE)
    @StaffOnly("configuration: which customers are asked what")
    @Path("/{id}")
    @Transactional
    @Operation(operationId = "updateSurveyDraft", summary = "Edit a survey's draft",
            description = "Replaces the draft. Published versions never change, so responses already given stay bound to "
                    + "the questions they answered. Requires If-Match with the ETag read. Staff only.")
    @APIResponse(responseCode = "200", description = "The updated survey",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyView.class)))
    @APIResponse(responseCode = "400", description = "Invalid questionnaire",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such survey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "The survey changed since it was read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@Parameter(description = "Survey id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                           @PathParam("id") UUID id,
                           @Parameter(description = "ETag of the survey as read", example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull SurveyDraft request) {
        SurveyStore.SurveyRow row = surveys.update(id, ifMatch, request);
        return Response.ok(SurveyView.of(row, surveys.unpublishedChanges(row))).tag(Versions.etag(row.version())).build();
    }

    @POST
    @RolesAllowed(Scopes.SURVEYS_WRITE)
    @StaffOnly("configuration: puts triggers in force that contact customers")
    @Path("/{id}/publish")
    @Consumes(MediaType.WILDCARD) // no body: clients need not send a Content-Type
    @Transactional
    @Operation(operationId = "publishSurvey", summary = "Publish the draft as a new version",
            description = "Freezes the draft into the next immutable version, puts its triggers in force and publishes "
                    + "crm.survey.published.v1. A question key already published keeps its type and dimension. Staff only.")
    @APIResponse(responseCode = "201", description = "The new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyVersionView.class)))
    @APIResponse(responseCode = "404", description = "No such survey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Nothing changed since the last version, or a question key changed meaning",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response publish(@Parameter(description = "Survey id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                            @PathParam("id") UUID id) {
        SurveyStore.VersionRow version = surveys.publish(id);
        return Response.created(URI.create("/api/v1/surveys/" + id + "/versions/" + version.version()))
                .entity(SurveyVersionView.of(version)).build();
    }

    @GET
    @RolesAllowed(Scopes.SURVEYS_READ)
    @Path("/{id}/versions/{version}")
    @Operation(operationId = "getSurveyVersion", summary = "Read a published version",
            description = "The questions exactly as customers answering this version saw them.")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyVersionView.class)))
    @APIResponse(responseCode = "404", description = "No such survey or version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SurveyVersionView version(
            @Parameter(description = "Survey id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = "Version number", example = "1") @PathParam("version") int version) {
        return SurveyVersionView.of(surveys.version(id, version));
    }

    @GET
    @RolesAllowed(Scopes.SURVEYS_READ)
    @StaffOnly("an aggregate over every customer's answers")
    @Path("/{id}/results")
    @Operation(operationId = "getSurveyResults", summary = "Scores of one survey",
            description = "Scores of every version of the survey over a period: overall, trend by month or week, and by "
                    + "segment, value tier, lifecycle stage and loyalty tier as they were when the customer answered. "
                    + "Questions are aggregated by their stable key, so trends run across versions. Staff only (an aggregate "
                    + "over every customer's answers).")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = dev.crmsuite.survey.score.SatisfactionReport.class)))
    @APIResponse(responseCode = "400", description = "Bad period or bucket",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such survey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public dev.crmsuite.survey.score.SatisfactionReport results(
            @Parameter(description = "Survey id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = "First day (UTC, inclusive); 12 months before to when absent", example = "2026-01-01") @QueryParam("from") String from,
            @Parameter(description = "Day after the last (UTC, exclusive); tomorrow when absent", example = "2027-01-01") @QueryParam("to") String to,
            @Parameter(description = "Trend bucket, MONTH (default) or WEEK", example = "MONTH") @QueryParam("bucket") String bucket) {
        surveys.get(id);
        return scores.report(id, from, to, bucket);
    }

}
