package dev.crmsuite.customer.followup;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.PartnerVisibility;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.panache.common.Parameters;
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
import jakarta.ws.rs.QueryParam;
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

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Path("/api/v1/follow-ups")
@Tag(name = "Follow-ups", description = "After-sale calls and other tasks with owner, due date and outcome")
@Produces(MediaType.APPLICATION_JSON)
public class FollowUpResource {

    @Inject
    FollowUps followUps;
    @Inject
    FollowUpRules rules;
    @Inject
    PartnerVisibility visibility;

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "listFollowUps", summary = "Follow-ups across customers",
            description = "Earliest due first, keyset-paginated; filter by owner and status (OPEN, DONE, CANCELLED). A partner "
                    + "sees only follow-ups of customers who consented to partner sharing.")
    @APIResponse(responseCode = "200", description = "A page of follow-ups")
    @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<FollowUpModels.FollowUpView> list(@Parameter(description = "Owner", example = "zhang.min") @QueryParam("owner") String owner,
                                                  @Parameter(description = "OPEN, DONE or CANCELLED", example = "OPEN") @QueryParam("status") String status,
                                                  @Parameter(description = "1 to 200, default 20", example = "20") @QueryParam("limit") Integer limit,
                                                  @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int n = PageLimit.of(limit);
        Cursor c = Cursor.decode(cursor, 2);
        StringBuilder q = new StringBuilder("1 = 1");
        if (visibility.partnerCalling()) {
            q.append(" and ").append(PartnerVisibility.visibleIdJpql("customerId"));
        }
        Parameters p = new Parameters();
        if (owner != null) {
            q.append(" and owner = :owner");
            p.and("owner", owner.trim());
        }
        if (status != null) {
            String s = status.trim().toUpperCase(Locale.ROOT);
            if (!List.of("OPEN", "DONE", "CANCELLED").contains(s)) {
                throw ProblemException.invalid("status", "must be one of [OPEN, DONE, CANCELLED]");
            }
            q.append(" and status = :status");
            p.and("status", s);
        }
        if (c != null) {
            q.append(" and (dueAt > :due or (dueAt = :due and id > :id))");
            p.and("due", Timeline.cursorTime(c.get(0))).and("id", Timeline.cursorId(c.get(1)));
        }
        q.append(" order by dueAt, id");
        List<FollowUp> rows = FollowUp.find(q.toString(), p).range(0, n).list();
        OffsetDateTime now = followUps.now();
        return Page.of(rows, n, f -> Cursor.of(f.dueAt, f.id), f -> FollowUpModels.FollowUpView.of(f, now));
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Path("/queue")
    @Operation(operationId = "getWorkQueue", summary = "An owner's work queue: overdue and due today",
            description = "Open follow-ups of the owner: overdue ones (past their due time) and the rest due today, urgent first. "
                    + "\"Today\" is in crm.customer.follow-up.zone. A partner sees only follow-ups of customers who consented "
                    + "to partner sharing.")
    @APIResponse(responseCode = "200", description = "The queue", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FollowUpModels.WorkQueue.class)))
    @APIResponse(responseCode = "400", description = "owner missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FollowUpModels.WorkQueue queue(@Parameter(description = "Owner", example = "zhang.min", required = true) @QueryParam("owner") String owner) {
        if (owner == null || owner.isBlank()) {
            throw ProblemException.invalid("owner", "is required");
        }
        return followUps.queue(owner.trim());
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Path("/{followUpId}")
    @Operation(operationId = "getFollowUp", summary = "One follow-up",
            description = "What the Location of scheduleFollowUp names: owner, due date, status and outcome. A follow-up of a "
                    + "customer a partner may not see is unknown to that partner.")
    @APIResponse(responseCode = "200", description = "The follow-up", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FollowUpModels.FollowUpView.class),
            examples = @ExampleObject(name = "week-after call", value = "{\"id\":\"3c1e5a7b-2d4f-4a6b-8c0d-1e2f3a4b5c6d\","
                    + "\"customerId\":\"0f8c2d3e-1b4a-4c5d-8e6f-7a8b9c0d1e2f\",\"owner\":\"zhang.min\",\"dueAt\":\"2026-11-29T09:00:00Z\","
                    + "\"reason\":\"High-value purchase: call one week later\",\"rule\":\"HIGH_VALUE_PURCHASE\",\"urgent\":false,"
                    + "\"status\":\"OPEN\",\"outcome\":null,\"completedAt\":null,\"completedBy\":null,"
                    + "\"createdAt\":\"2026-11-22T09:30:00Z\",\"overdue\":false}")))
    @APIResponse(responseCode = "404", description = "No such follow-up", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FollowUpModels.FollowUpView get(@PathParam("followUpId") UUID followUpId) {
        return FollowUpModels.FollowUpView.of(followUps.require(followUpId), followUps.now());
    }

    @POST
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @Path("/{followUpId}/completion")
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "completeFollowUp", summary = "Complete a follow-up with its outcome",
            description = "Records who (the caller's actor) and when; adds it to the timeline; publishes crm.follow-up.completed.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "done",
            value = "{\"outcome\":\"called; happy with the TV\"}")))
    @APIResponse(responseCode = "200", description = "Completed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FollowUpModels.FollowUpView.class)))
    @APIResponse(responseCode = "400", description = "outcome missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such follow-up", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already completed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FollowUpModels.FollowUpView complete(@PathParam("followUpId") UUID followUpId, @Valid @NotNull FollowUpModels.Completion in) {
        return FollowUpModels.FollowUpView.of(followUps.complete(followUpId, in.outcome()), followUps.now());
    }

    @POST
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @StaffOnly("draws over every customer's purchases: a back-office job")
    @Path("/daily-sample")
    @Operation(operationId = "drawDailySample", summary = "Draw the daily small-purchase sample now",
            description = "What the schedule (crm.customer.follow-up.daily-sample-cron) does each day: a random sample of "
                    + "crm.customer.follow-up.daily-sample-size buyers of small purchases on the given day (yesterday by default) "
                    + "gets a next-day call. Drawn once per day; a second call for the same day schedules nothing. Staff only: "
                    + "partners get 403.")
    @APIResponse(responseCode = "200", description = "What was drawn", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FollowUpModels.SampleResult.class)))
    @APIResponse(responseCode = "400", description = "day is not a date", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FollowUpModels.SampleResult sample(@Parameter(description = "Purchase day (ISO date); yesterday when absent", example = "2026-11-21")
                                              @QueryParam("day") String day) {
        LocalDate d = null;
        if (day != null) {
            try {
                d = LocalDate.parse(day.trim());
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("day", "must be an ISO date such as 2026-11-21");
            }
        }
        return rules.drawDailySample(d);
    }
}
