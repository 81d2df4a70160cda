package dev.crmsuite.customer.insight;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import dev.crmsuite.platform.web.Preferences;
import dev.crmsuite.customer.run.RecordedRuns;
import dev.crmsuite.customer.run.RecordedRuns.Trigger;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** How good the insights are, measured where the right answer is known (issue 21 item 4). */
@Path("/api/v1/analytics/backtests")
@Tag(name = "Analytics")
@Produces(MediaType.APPLICATION_JSON)
public class BacktestResource {

    static final int MAX_CUSTOMERS = 1000;
    static final String RUNS = "/api/v1/analytics/backtests/runs/";
    private static final String ACCEPTED = "The backtest is queued or running; follow it at Location. At once when Prefer: "
            + "respond-async was honoured (Preference-Applied says so), otherwise when it did not end within the wait";
    private static final String ANSWERED = "With Prefer: respond-async the answer is 202 at once, with the run to follow at Location "
            + "(GET /api/v1/analytics/backtests/runs/{runId}). Without it the answer waits for the measures (200) at most "
            + "crm.runs.answer-within (8 s unless configured: before the gateway's timeout; less with Prefer: wait=<seconds>), then is 202 with the run, "
            + "which goes on. Backtests go one at a time, however they were asked. Admin only.";

    private final InsightConfig config;
    private final java.time.Clock clock;
    private final BacktestRuns runs;
    private final Callers callers;

    public BacktestResource(InsightConfig config, java.time.Clock clock, BacktestRuns runs, Callers callers) {
        this.config = config;
        this.clock = clock;
        this.runs = runs;
        this.callers = callers;
    }

    @GET
    @Path("/duplicates")
    @RolesAllowed(Scopes.ADMIN)
    @StaffOnly("tuning the duplicate rule is configuration of the business")
    @Operation(operationId = "backtestDuplicates", summary = "Precision and recall of the duplicate rule on a generated set",
            description = "Generates `customers` people (common names, so different people share names and domains) and, for a "
                    + "third of them, a duplicate entered the way duplicates happen (same phone with a new email; a Gmail spelling; a "
                    + "name typo at the same address; the same mailbox name elsewhere; a name typo and nothing else), scores every "
                    + "pair with the configured weights (crm.insight.duplicates.*) and reports precision, recall and recall per kind. "
                    + "Touches no customer data; the same seed gives the same answer. Admin only.")
    @APIResponse(responseCode = "200", description = "The measures", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DuplicateBacktest.Result.class)))
    @APIResponse(responseCode = "400", description = "customers outside 10..1000",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DuplicateBacktest.Result duplicates(
            @Parameter(description = "People in the generated set, 10 to 1000 (default 300)", example = "300") @QueryParam("customers") Integer customers,
            @Parameter(description = "Random seed (default 42)", example = "42") @QueryParam("seed") Long seed) {
        int n = customers == null ? 300 : customers;
        if (n < 10 || n > MAX_CUSTOMERS) {
            throw ProblemException.invalid("customers", "must be between 10 and " + MAX_CUSTOMERS);
        }
        return DuplicateBacktest.run(n, seed == null ? 42 : seed, config.duplicates().weights());
    }

    @GET
    @Path("/risk")
    @RolesAllowed(Scopes.ADMIN)
    @StaffOnly("tuning the risk rule is configuration of the business; it reads every customer's history")
    @Operation(operationId = "backtestRisk", summary = "Precision and recall of the risk rule as of a past date",
            description = "Runs the risk rule (crm.insight.risk.*) as of asOf on what was known then (purchases before it, "
                    + "complaints open then) for every customer who had bought before, and compares its HIGH customers with those "
                    + "who made no purchase in the horizonDays after asOf: precision (HIGH customers who stopped) and recall "
                    + "(customers who stopped that were HIGH). The horizon must be over: asOf + horizonDays at most today. Default: "
                    + "asOf = today - horizonDays. It replays every customer's purchases: at a million customers about 15 s. "
                    + ANSWERED)
    @APIResponse(responseCode = "200", description = "The measures", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RiskBacktest.Result.class)))
    @APIResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BacktestRuns.Run.class),
                    examples = @ExampleObject(name = "queued", value = """
                            {"id":"7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d","backtest":"RISK","status":"QUEUED","requestedBy":"admin.li",\
                            "parameters":{"asOf":"2026-01-01T00:00:00Z","horizonDays":90},"createdAt":"2026-12-06T15:30:00Z",\
                            "startedAt":null,"finishedAt":null,"result":null,"error":null}""")))
    @APIResponse(responseCode = "400", description = "asOf not a date, horizonDays outside 7..730, or the horizon not over yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response risk(
            @Parameter(description = "The past date the rule is run as of (UTC start of day)", example = "2026-01-01") @QueryParam("asOf") String asOf,
            @Parameter(description = "Days after asOf in which a customer who buys nothing counts as stopped, 7 to 730 (default 90)",
                    example = "90") @QueryParam("horizonDays") Integer horizonDays,
            @HeaderParam(Preferences.HEADER) String prefer) {
        int horizon = horizonDays == null ? 90 : horizonDays;
        if (horizon < 7 || horizon > 730) {
            throw ProblemException.invalid("horizonDays", "must be between 7 and 730");
        }
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(clock);
        java.time.OffsetDateTime at;
        try {
            at = asOf == null ? now.minusDays(horizon) : java.time.LocalDate.parse(asOf).atStartOfDay().atOffset(java.time.ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid("asOf", "must be a date such as 2026-01-01");
        }
        if (at.plusDays(horizon).isAfter(now)) {
            throw ProblemException.invalid("asOf", "the horizon after it is not over yet: at most today - horizonDays");
        }
        if (Preferences.respondAsync(prefer)) {
            return accepted(runs.risk(at, horizon, Trigger.BACKGROUND_REQUEST, callers.actor()).id(), true);
        }
        return answer(runs.risk(at, horizon, Trigger.REQUEST, callers.actor()), prefer);
    }

    @GET
    @Path("/runs/{runId}")
    @RolesAllowed(Scopes.ADMIN)
    @StaffOnly("the state of a back-office measurement")
    @Operation(operationId = "getBacktestRun", summary = "Follow a backtest run in the background",
            description = "A backtest run, the Location of a 202 from GET /api/v1/analytics/backtests/risk or "
                    + "/suggestions. Poll it until SUCCEEDED (with the measures in result, of the kind backtest names) or FAILED; "
                    + "INTERRUPTED means the instance running it stopped: ask again. Admin only.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BacktestRuns.Run.class),
                    examples = @ExampleObject(name = "succeeded", value = """
                            {"id":"7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d","backtest":"RISK","status":"SUCCEEDED","requestedBy":"admin.li",\
                            "parameters":{"asOf":"2026-01-01T00:00:00Z","horizonDays":90},"createdAt":"2026-12-06T15:30:00Z",\
                            "startedAt":"2026-12-06T15:30:00Z","finishedAt":"2026-12-06T15:30:16Z","result":{"asOf":\
                            "2026-01-01T00:00:00Z","horizonDays":90,"customers":1200,"flaggedHigh":150,"stopped":200,\
                            "truePositives":120,"precision":0.800,"recall":0.600},"error":null}""")))
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BacktestRuns.Run run(@PathParam("runId") UUID runId) {
        return runs.find(runId).orElseThrow(() -> ProblemException.notFound("backtest run", runId));
    }

    @GET
    @Path("/suggestions")
    @RolesAllowed(Scopes.ADMIN)
    @StaffOnly("tuning the suggestion rule is configuration of the business; it reads every customer's purchases")
    @Operation(operationId = "backtestSuggestions", summary = "Hit rate at 3 and 5 of the suggestions against a most-popular baseline",
            description = "Hides each customer's last purchase, builds the model (crm.insight.suggestions.*) from everyone's earlier "
                    + "purchases, and counts a hit at k when one of the first k suggestions is in the hidden purchase among products "
                    + "new to the customer; the baseline suggests the most popular products they had not bought. Customers whose last "
                    + "purchase holds nothing new are left out. Reads every purchase with items, twice: at a million customers "
                    + "about 100 s. " + ANSWERED)
    @APIResponse(responseCode = "200", description = "The measures", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SuggestionBacktest.Result.class)))
    @APIResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BacktestRuns.Run.class),
                    examples = @ExampleObject(name = "queued", value = """
                            {"id":"5b0e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b","backtest":"SUGGESTIONS","status":"QUEUED","requestedBy":"admin.li",\
                            "parameters":null,"createdAt":"2026-12-06T15:30:00Z","startedAt":null,"finishedAt":null,"result":null,\
                            "error":null}""")))
    @APIResponse(responseCode = "403", description = "Not an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response suggestions(@HeaderParam(Preferences.HEADER) String prefer) {
        if (Preferences.respondAsync(prefer)) {
            return accepted(runs.suggestions(Trigger.BACKGROUND_REQUEST, callers.actor()).id(), true);
        }
        return answer(runs.suggestions(Trigger.REQUEST, callers.actor()), prefer);
    }

    /** The measures (200) if the run ends within the wait, else the run to follow (202). */
    private Response answer(RecordedRuns.Started<?> started, String prefer) {
        return runs.await(started, Preferences.waitFor(prefer)).map(measures -> Response.ok(measures).build())
                .orElseGet(() -> accepted(started.id(), false));
    }

    private Response accepted(java.util.UUID id, boolean asked) {
        Response.ResponseBuilder accepted = Response.accepted(runs.find(id).orElseThrow()).location(URI.create(RUNS + id));
        return (asked ? accepted.header(Preferences.APPLIED, Preferences.RESPOND_ASYNC) : accepted).build();
    }
}
