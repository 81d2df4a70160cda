package dev.crmsuite.survey.score;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
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

import java.util.UUID;

@Path("/api/v1/analytics")
@Tag(name = "Satisfaction scores", description = "NPS, CSAT, CES, dimension ratings and response rates")
@Produces(MediaType.APPLICATION_JSON)
public class ScoreResource {

    @Inject
    ScoreQueries queries;

    @GET
    @RolesAllowed(Scopes.SURVEYS_READ)
    @StaffOnly("an aggregate over every customer's answers")
    @Path("/satisfaction")
    @Operation(operationId = "getSatisfaction", summary = "Satisfaction across surveys",
            description = "The same report over all surveys' responses (or one survey's with surveyId). Staff only (an "
                    + "aggregate over every customer's answers).")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SatisfactionReport.class)))
    @APIResponse(responseCode = "400", description = "Bad period or bucket",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SatisfactionReport satisfaction(
            @Parameter(description = "Only this survey", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("surveyId") String surveyId,
            @Parameter(description = "First day (UTC, inclusive)", example = "2026-01-01") @QueryParam("from") String from,
            @Parameter(description = "Day after the last (UTC, exclusive)", example = "2027-01-01") @QueryParam("to") String to,
            @Parameter(description = "Trend bucket, MONTH (default) or WEEK", example = "WEEK") @QueryParam("bucket") String bucket) {
        return queries.report(dev.crmsuite.survey.support.Params.uuid("surveyId", surveyId), null, from, to, bucket);
    }
}
