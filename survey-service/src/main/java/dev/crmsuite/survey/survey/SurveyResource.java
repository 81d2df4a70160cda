package dev.crmsuite.survey.survey;

import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import dev.crmsuite.platform.web.IdempotentCreates;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.web.Versions;
import dev.crmsuite.survey.score.TextAnswers;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
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
    @Inject
    TextAnswers textAnswers;

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
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyPage.class)))
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
    @Operation(operationId = "getSurveyResults", summary = "Results of one survey",
            description = "Scores of every version of the survey (or of one, with version) over a period: overall, trend by "
                    + "month or week, and by segment, value tier, lifecycle stage and loyalty tier as they were when the "
                    + "customer answered. Also each choice question's distribution (respondents and a count per option, "
                    + "including options nobody chose; overall and by the same attributes) and how many answered each "
                    + "free-text question, with the path of its answers. Questions are aggregated by their stable key, so "
                    + "results run across versions. For an anonymous survey, a distribution of fewer respondents than "
                    + "crm.survey.results.minimum-group (5) is suppressed (suppressed: true, counts null). Staff only (an "
                    + "aggregate over every customer's answers).")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = dev.crmsuite.survey.score.SatisfactionReport.class),
                    examples = @ExampleObject(name = "choices", summary = "A survey with one choice and one free-text question",
                            value = RESULTS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Bad period, bucket or version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such survey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public dev.crmsuite.survey.score.SatisfactionReport results(
            @Parameter(description = "Survey id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = "First day (UTC, inclusive); 12 months before to when absent", example = "2026-01-01") @QueryParam("from") String from,
            @Parameter(description = "Day after the last (UTC, exclusive); tomorrow when absent", example = "2027-01-01") @QueryParam("to") String to,
            @Parameter(description = "Trend bucket, MONTH (default) or WEEK", example = "MONTH") @QueryParam("bucket") String bucket,
            @Parameter(description = "Only responses to this published version; every version when absent", example = "1",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("version") Integer version) {
        surveys.get(id);
        return scores.report(id, version, from, to, bucket);
    }

    @GET
    @RolesAllowed(Scopes.SURVEYS_READ)
    @StaffOnly("the free-text answers of every customer")
    @Path("/{id}/questions/{key}/answers")
    @Operation(operationId = "listSurveyTextAnswers", summary = "Free-text answers to one question",
            description = "The non-empty answers to one FREE_TEXT question of the survey (by its stable key, across versions "
                    + "unless version is given), newest first, keyset paginated. An answer to an anonymous version carries "
                    + "only its text, version and day (no response, customer or invitation id, no exact time), and such "
                    + "answers are ordered by day only. Other answers also name the response, the customer and the "
                    + "invitation. Staff only (the answers of every customer).")
    @APIResponse(responseCode = "200", description = "A page of answers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TextAnswerPage.class),
                    examples = @ExampleObject(name = "answers", summary = "One named and one anonymous answer",
                            value = TEXT_ANSWERS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Bad period, version, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such survey, or no free-text question with this key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<dev.crmsuite.survey.score.TextAnswer> textAnswers(
            @Parameter(description = "Survey id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") UUID id,
            @Parameter(description = "Stable key of a FREE_TEXT question", example = "why") @PathParam("key") String key,
            @Parameter(description = "Only answers to this published version", example = "1",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("version") Integer version,
            @Parameter(description = "First day (UTC, inclusive)", example = "2026-01-01") @QueryParam("from") String from,
            @Parameter(description = "Day after the last (UTC, exclusive)", example = "2027-01-01") @QueryParam("to") String to,
            @Parameter(description = "Page size, 1-200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        surveys.get(id);
        int size = PageLimit.of(limit);
        LocalDate fromDay = day("from", from);
        LocalDate toDay = day("to", to);
        if (fromDay != null && toDay != null && !fromDay.isBefore(toDay)) {
            throw ProblemException.invalid("from", "must be before to");
        }
        return textAnswers.page(id, key, new TextAnswers.Filters(version, fromDay, toDay), cursor, size);
    }

    /** Documents the page's items as SurveyTextAnswer (the generic Page cannot name its item type). */
    @Schema(name = "SurveyTextAnswerPage", description = "A page of free-text answers")
    public record TextAnswerPage(@Schema(required = true) List<dev.crmsuite.survey.score.TextAnswer> items,
                                 @Schema(description = "Opaque cursor of the next page; absent on the last page") String nextCursor) {
    }

    /** Documents the page's items as Survey (the generic Page cannot name its item type). */
    @Schema(name = "SurveyPage", description = "A page of surveys")
    public record SurveyPage(@Schema(required = true) List<SurveyView> items,
                             @Schema(description = "Opaque cursor of the next page; absent on the last page") String nextCursor) {
    }

    private static LocalDate day(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be a date such as 2026-01-31");
        }
    }

    static final String RESULTS_EXAMPLE = """
            {"surveyId": "9b2f0c1e-3a4d-4e5f-8a6b-7c8d9e0f1a2b", "from": "2026-01-01", "to": "2027-01-01", "bucket": "MONTH",
             "responseRate": {"invited": 40, "responded": 12, "percent": 30.0},
             "overall": {"responses": 12, "nps": {"score": 25.0, "promoters": 6, "passives": 3, "detractors": 3, "answers": 12},
                         "csat": {"score": null, "satisfied": 0, "answers": 0}, "ces": {"average": null, "answers": 0},
                         "dimensions": {}, "questions": {"recommend": {"average": 7.9, "answers": 12}}},
             "trend": [], "bySegment": {}, "byValueTier": {}, "byLifecycleStage": {}, "byLoyaltyTier": {}, "version": null,
             "choiceQuestions": [{"key": "channel", "type": "SINGLE_CHOICE", "text": "Where did you buy?",
               "overall": {"respondents": 12, "suppressed": false, "options": [
                 {"option": "web", "count": 7, "percent": 58.3}, {"option": "shop", "count": 5, "percent": 41.7},
                 {"option": "phone", "count": 0, "percent": 0.0}]},
               "bySegment": {"RELATIONAL": {"respondents": 9, "suppressed": false, "options": [
                   {"option": "web", "count": 6, "percent": 66.7}, {"option": "shop", "count": 3, "percent": 33.3},
                   {"option": "phone", "count": 0, "percent": 0.0}]},
                 "KEY_ACCOUNT": {"respondents": null, "suppressed": true, "options": [
                   {"option": "web", "count": null, "percent": null}, {"option": "shop", "count": null, "percent": null},
                   {"option": "phone", "count": null, "percent": null}]}},
               "byValueTier": {}, "byLifecycleStage": {}, "byLoyaltyTier": {}}],
             "textQuestions": [{"key": "why", "text": "What went wrong?", "answers": 4,
               "answersPath": "/api/v1/surveys/9b2f0c1e-3a4d-4e5f-8a6b-7c8d9e0f1a2b/questions/why/answers"}]}""";

    static final String TEXT_ANSWERS_EXAMPLE = """
            {"items": [
              {"text": "The parcel came two days late.", "surveyVersion": 2, "anonymous": false, "day": "2026-11-30",
               "submittedAt": "2026-11-30T09:41:12.345Z", "responseId": "5f6e7d8c-1b2a-4c3d-9e8f-0a1b2c3d4e5f",
               "customerId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "invitationId": "7c9e6679-7425-40de-944b-e07fc1f90ae7"},
              {"text": "Friendly staff.", "surveyVersion": 1, "anonymous": true, "day": "2026-11-29",
               "submittedAt": null, "responseId": null, "customerId": null, "invitationId": null}],
             "nextCursor": "MjAyNi0xMS0yOVQwMDowMDpaH2ExYjI"}""";

}
