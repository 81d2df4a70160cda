package dev.crmsuite.customer.value;

import dev.crmsuite.customer.run.RecordedRuns;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import dev.crmsuite.platform.web.Preferences;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/v1/value-tiers")
@Tag(name = "Value")
@Produces(MediaType.APPLICATION_JSON)
public class ValueResource {

    static final String RUNS = "/api/v1/value-tiers/runs/";

    private final ValueTierRuns runs;
    private final Callers callers;

    public ValueResource(ValueTierRuns runs, Callers callers) {
        this.runs = runs;
        this.callers = callers;
    }

    @POST
    @Path("/recompute")
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @StaffOnly("recomputes every customer's value: a back-office job")
    @Operation(operationId = "recomputeValueTiers", summary = "Recompute Pareto tiers now",
            description = "Runs what the schedule (crm.customer.value.recompute-cron) runs: 12-month revenue, referral revenue and "
                    + "lifetime value of every customer, then tiers A/B/C (A = the top customers who together make "
                    + "crm.customer.value.tier-a-share of revenue), then segments and stages that depend on them. "
                    + "At scale (2 cores, a million customers) a run takes about 35 seconds when few customers changed; after a bulk "
                    + "import that changed 973,000 customers, about 40 minutes, most of it refreshing their segments and stages. "
                    + "With Prefer: respond-async the answer is 202 at once, with the run to follow at Location "
                    + "(GET /api/v1/value-tiers/runs/{runId}). Without it the answer waits for the end of the run (200 with the "
                    + "counts) at most crm.runs.answer-within (8 s unless configured: before the gateway's timeout; less with "
                    + "Prefer: wait=<seconds>), then is 202 with the run, which goes on. Requested runs go one at a time, however "
                    + "they were asked; the schedule's run beside one ranks in turn and shares the per-customer refresh. "
                    + "Staff only: partners get 403.")
    @APIResponse(responseCode = "200", description = "The run is done: counts per tier",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValueTiers.Result.class)))
    @APIResponse(responseCode = "202", description = "The run is queued or running; follow it at Location. At once when Prefer: "
            + "respond-async was honoured (Preference-Applied says so), otherwise when it did not end within the wait",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValueTierRuns.Run.class),
                    examples = @ExampleObject(name = "queued", value = """
                            {"id":"4c6f1f0e-8a4b-4d8e-9a51-2f3b7c1d0e99","status":"QUEUED","trigger":"BACKGROUND_REQUEST",\
                            "requestedBy":"zhang.min","createdAt":"2026-12-06T15:30:00Z","startedAt":null,"finishedAt":null,\
                            "result":null,"error":null}""")))
    @APIResponse(responseCode = "503", description = "Database unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response recompute(@HeaderParam(Preferences.HEADER) String prefer) {
        if (Preferences.respondAsync(prefer)) {
            UUID id = runs.start(RecordedRuns.Trigger.BACKGROUND_REQUEST, callers.actor()).id();
            return accepted(id).header(Preferences.APPLIED, Preferences.RESPOND_ASYNC).build();
        }
        RecordedRuns.Started<ValueTiers.Result> started = runs.start(RecordedRuns.Trigger.REQUEST, callers.actor());
        return runs.await(started, Preferences.waitFor(prefer)).map(counts -> Response.ok(counts).build())
                .orElseGet(() -> accepted(started.id()).build());
    }

    private Response.ResponseBuilder accepted(UUID id) {
        return Response.accepted(runs.find(id).orElseThrow()).location(URI.create(RUNS + id));
    }

    @GET
    @Path("/runs/{runId}")
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @StaffOnly("the state of a back-office job")
    @Operation(operationId = "getValueTierRun", summary = "Follow a recomputation of value tiers",
            description = "Any run: nightly (SCHEDULE), answered when done (REQUEST) or in the background (BACKGROUND_REQUEST, "
                    + "from POST /api/v1/value-tiers/recompute with Prefer: respond-async). Poll it until SUCCEEDED (with the "
                    + "counts in result) or FAILED; INTERRUPTED means the instance running it stopped, and the next run finishes "
                    + "the customers it left. Staff only: partners get 403.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValueTierRuns.Run.class),
                    examples = @ExampleObject(name = "succeeded", value = """
                            {"id":"4c6f1f0e-8a4b-4d8e-9a51-2f3b7c1d0e99","status":"SUCCEEDED","trigger":"BACKGROUND_REQUEST",\
                            "requestedBy":"zhang.min","createdAt":"2026-12-06T15:30:00Z","startedAt":"2026-12-06T15:30:00Z",\
                            "finishedAt":"2026-12-06T15:32:10Z","result":{"customers":1200,"tierA":240,"tierB":300,"tierC":660,\
                            "tierChanges":12,"totalRevenue12Months":1234567.00,"tierAShare":0.8,"tierBShare":0.95,\
                            "computedAt":"2026-12-06T15:30:00Z"},"error":null}""")))
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ValueTierRuns.Run run(@PathParam("runId") UUID runId) {
        return runs.find(runId).orElseThrow(() -> ProblemException.notFound("value tier run", runId));
    }
}
