package dev.crmsuite.complaint.complaint;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.complaint.assignment.Assignments;
import dev.crmsuite.complaint.escalation.Escalations;
import dev.crmsuite.complaint.escalation.ManualEscalation;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import dev.crmsuite.platform.web.IdempotentCreates;
import dev.crmsuite.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Complaints: intake, work queues, lifecycle actions, assignment, conversation and audit. Thin:
 * every rule lives in {@link ComplaintWorkflow}, {@link ComplaintLifecycle} and their helpers.
 * Actions accept {@code If-Match} (412 when stale) but do not require it: the state machine already
 * refuses a second, conflicting action with 409.
 *
 * <p>Access: reads need {@code complaints:read}, changes {@code complaints:write}. Every operation on
 * one complaint finds it through {@link VisibleComplaints}, so for a partner a complaint of a customer
 * who did not consent answers as an unknown id, before anything changes. Back-office work a partner
 * never does, whatever its key holds, is {@link StaffOnly}: routing complaints among our handlers and
 * its history, the audit trail (internal notes, handler names, every old value), escalating a complaint
 * by hand, acknowledging an escalation and the unknown-customer reconciliation report. Partners read and write only CUSTOMER comments; INTERNAL
 * notes are for handlers. Who made a change comes from the caller's token ({@link Callers#actor()}).
 */
@Path("/api/v1/complaints")
@Tag(name = "Complaints", description = "Complaint intake, handling, deadlines and resolution")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ComplaintResource {

    private final ComplaintWorkflow workflow;
    private final VisibleComplaints complaints;
    private final ComplaintViews views;
    private final ComplaintQueries queries;
    private final Assignments assignments;
    private final Escalations escalations;
    private final Conversation conversation;
    private final AuditTrail audit;
    private final IdempotentCreates idempotent;
    private final Callers callers;
    private final EntityManager em;

    public ComplaintResource(ComplaintWorkflow workflow, VisibleComplaints complaints, ComplaintViews views,
                             ComplaintQueries queries, Assignments assignments, Escalations escalations, Conversation conversation,
                             AuditTrail audit, IdempotentCreates idempotent, Callers callers, EntityManager em) {
        this.workflow = workflow;
        this.complaints = complaints;
        this.views = views;
        this.queries = queries;
        this.assignments = assignments;
        this.escalations = escalations;
        this.conversation = conversation;
        this.audit = audit;
        this.idempotent = idempotent;
        this.callers = callers;
        this.em = em;
    }

    @POST
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @Transactional
    @Operation(operationId = "fileComplaint", summary = "File a complaint",
            description = "Takes a complaint from any channel, derives its priority (category, key-account and tier boosts, "
                    + "explicit value), sets first-response and resolution deadlines in business hours, assigns it by "
                    + "category rule round-robin, and publishes crm.complaint.filed.v1 and crm.complaint.assigned.v1. "
                    + "A customer not yet known from crm.customers events is accepted with customerKnown=false and "
                    + "reconciled when the event arrives; a complaint is never refused for that. A partner may file only for customers "
                    + "who consented to partner sharing. Send an Idempotency-Key to retry safely; a key is the caller's own.")
    @APIResponse(responseCode = "201", description = "Filed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The customer was erased, a partner named a customer it may not see "
            + "(unknown-customer), or the Idempotency-Key was reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response file(
            @Parameter(description = "Makes a retried create return the first response", example = "call-7781-retry")
            @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
            @Valid @NotNull NewComplaint request) {
        complaints.requireVisibleCustomer("customerId", request.customerId());
        return idempotent.execute(callers.idempotencyScope("complaints"), idempotencyKey, request, () -> {
            Complaint c = workflow.file(request, callers.actor());
            em.flush();
            return Response.created(URI.create("/api/v1/complaints/" + c.id)).tag(Versions.etag(c.version))
                    .entity(views.of(c)).build();
        });
    }

    @GET
    @RolesAllowed(Scopes.COMPLAINTS_READ)
    @Operation(operationId = "listComplaints", summary = "List complaints (work queues)",
            description = "Oldest first, keyset-paginated. Filters combine: assignee (or 'none' for the team queue), team, "
                    + "status, overdue (a deadline passed and the work is not done), customerId, tag, customerKnown. A partner sees only "
                    + "complaints of customers who consented to partner sharing.")
    @APIResponse(responseCode = "200", description = "A page of complaints",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintPage.class)))
    @APIResponse(responseCode = "400", description = "A filter, limit or cursor is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ComplaintView> list(
            @Parameter(description = "Handler, or 'none' for complaints with no handler", example = "ann") @QueryParam("assignee") String assignee,
            @Parameter(description = "Team", example = "care") @QueryParam("team") String team,
            @Parameter(description = "Status", example = "IN_PROGRESS") @QueryParam("status") String status,
            @Parameter(description = "true: only overdue; false: only not overdue", example = "true") @QueryParam("overdue") String overdue,
            @Parameter(description = "Customer id", example = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d") @QueryParam("customerId") String customerId,
            @Parameter(description = "Tag, e.g. product-idea or process-fix", example = "product-idea") @QueryParam("tag") String tag,
            @Parameter(description = "false: complaints whose customer no event has named yet", example = "false") @QueryParam("customerKnown") String customerKnown,
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return queries.list(new ComplaintQueries.Filter(assignee, team, status, bool("overdue", overdue), customerId, tag,
                bool("customerKnown", customerKnown)), PageLimit.of(limit), cursor);
    }

    @GET
    @Path("/unknown-customers")
    @RolesAllowed(Scopes.COMPLAINTS_READ)
    @StaffOnly("a reconciliation report over every customer's complaints; to a partner every unknown customer is hidden anyway")
    @Operation(operationId = "listUnknownComplaintCustomers", summary = "Customer ids no event has named",
            description = "Complaints are accepted for customers not yet known from crm.customers events. Ids still unknown "
                    + "after olderThan (default PT24H) are listed here so someone checks them: a typo, or a lost event. Keyset paginated like every list of the suite: {items, nextCursor}; pass nextCursor as cursor for the next page (null on the last).")
    @APIResponse(responseCode = "200", description = "Unknown customer ids, oldest complaint first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnknownCustomerPage.class)))
    @APIResponse(responseCode = "400", description = "olderThan is not an ISO 8601 duration, or a bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ComplaintQueries.UnknownCustomer> unknownCustomers(
            @Parameter(description = "Only complaints filed at least this long ago (ISO 8601 duration)", example = "PT24H")
            @QueryParam("olderThan") String olderThan,
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        Duration age;
        try {
            age = olderThan == null ? Duration.ofHours(24) : Duration.parse(olderThan);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("olderThan", "must be an ISO 8601 duration such as PT24H");
        }
        if (age.isNegative()) {
            throw ProblemException.invalid("olderThan", "must not be negative");
        }
        int size = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 2);
        java.time.OffsetDateTime afterAt = after == null ? null : cursorTime(after.get(0));
        UUID afterId = after == null ? null : cursorId(after.get(1));
        return Page.of(queries.unknownCustomers(workflow.now().minus(age), afterAt, afterId, size + 1), size,
                u -> Cursor.of(u.firstFiledAt(), u.customerId()), u -> u);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Scopes.COMPLAINTS_READ)
    @Operation(operationId = "getComplaint", summary = "Read a complaint",
            description = "The complaint with respond-by / resolve-by, business time left, allowed actions and its ETag.")
    @APIResponse(responseCode = "200", description = "The complaint",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                        @PathParam("id") String id) {
        Complaint c = complaints.find(id);
        return Response.ok(views.of(c)).tag(Versions.etag(c.version)).build();
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @Consumes(MediaType.WILDCARD) // a body-less command: whatever Content-Type a client sends is fine
    @Transactional
    @Operation(operationId = "acknowledgeComplaint", summary = "Acknowledge (first response)",
            description = "OPEN → ACKNOWLEDGED. Meets the first-response deadline. Publishes crm.complaint.acknowledged.v1.")
    @APIResponse(responseCode = "200", description = "Acknowledged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not allowed in the current status; allowedActions lists what is",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response acknowledge(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "ETag you read; optional, 412 when stale", example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return act(id, ifMatch, workflow::acknowledge);
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @Consumes(MediaType.WILDCARD) // a body-less command: whatever Content-Type a client sends is fine
    @Transactional
    @Operation(operationId = "startComplaint", summary = "Start work, or resume after waiting on the customer",
            description = "ACKNOWLEDGED, REOPENED or WAITING_ON_CUSTOMER → IN_PROGRESS. A resume restarts the deadline clock "
                    + "and moves resolve-by out by the business time of the pause.")
    @APIResponse(responseCode = "200", description = "In progress",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not allowed in the current status; allowedActions lists what is",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "ETag you read; optional, 412 when stale", example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return act(id, ifMatch, workflow::start);
    }

    @POST
    @Path("/{id}/wait-on-customer")
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @Consumes(MediaType.WILDCARD) // a body-less command: whatever Content-Type a client sends is fine
    @Transactional
    @Operation(operationId = "waitOnCustomer", summary = "Wait on the customer (pause the clock)",
            description = "IN_PROGRESS → WAITING_ON_CUSTOMER. The resolution deadline clock stops; the pause is recorded.")
    @APIResponse(responseCode = "200", description = "Waiting on the customer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not allowed in the current status; allowedActions lists what is",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response waitOnCustomer(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "ETag you read; optional, 412 when stale", example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return act(id, ifMatch, workflow::waitOnCustomer);
    }

    @POST
    @Path("/{id}/resolution")
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @Transactional
    @Operation(operationId = "resolveComplaint", summary = "Resolve",
            description = "IN_PROGRESS → RESOLVED with outcome, root cause, first-contact flag and optional compensation "
                    + "points, published in crm.complaint.resolved.v1 (loyalty-service credits the points). A complaint "
                    + "that was reopened was not resolved at first contact: its re-resolution must send firstContactResolution=false. "
                    + "Compensation points are a request to loyalty-service, which checks its goodwill budgets: "
                    + "resolution.compensationStatus is REQUESTED until its decision arrives (crm.goodwill.decided.v1 on crm.loyalty), "
                    + "then GRANTED with compensationGrantedPoints, or REFUSED with compensationReason (why, e.g. over the monthly "
                    + "goodwill budget) and an INTERNAL note for the handler. A re-resolution asks nothing new once loyalty has decided.")
    @APIResponse(responseCode = "200", description = "Resolved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "400", description = "Invalid resolution; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not allowed in the current status; allowedActions lists what is",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "firstContactResolution=true for a complaint that was reopened",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response resolve(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "ETag you read; optional, 412 when stale", example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Resolution resolution) {
        return act(id, ifMatch, (c, who) -> workflow.resolve(c, resolution, who));
    }

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @Transactional
    @Operation(operationId = "reopenComplaint", summary = "Reopen",
            description = "RESOLVED or CLOSED → REOPENED, within the reopen window after resolution. Sets a fresh resolution deadline.")
    @APIResponse(responseCode = "200", description = "Reopened",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "400", description = "No reason given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not allowed in the current status, or the reopen window has passed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reopen(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "ETag you read; optional, 412 when stale", example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Reopening reopening) {
        return act(id, ifMatch, (c, who) -> workflow.reopen(c, reopening.reason().trim(), who));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @Consumes(MediaType.WILDCARD) // a body-less command: whatever Content-Type a client sends is fine
    @Transactional
    @Operation(operationId = "closeComplaint", summary = "Close",
            description = "RESOLVED → CLOSED. Resolved complaints are also closed automatically after the quiet period.")
    @APIResponse(responseCode = "200", description = "Closed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not allowed in the current status; allowedActions lists what is",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response close(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "ETag you read; optional, 412 when stale", example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return act(id, ifMatch, workflow::close);
    }

    @POST
    @Path("/{id}/assignment")
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @StaffOnly("routes work among our handlers and teams")
    @Transactional
    @Operation(operationId = "assignComplaint", summary = "Assign or reassign",
            description = "To a handler, a team queue, or both. The previous holder stays in the assignment history. "
                    + "Handlers and teams are the configured ones (crm.complaint.teams.<team>.members): an assignee must be a "
                    + "member of the team the complaint ends up in (the given team, else its current one). "
                    + "Publishes crm.complaint.assigned.v1.")
    @APIResponse(responseCode = "200", description = "Assigned",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "400", description = "Neither assignee nor team, or a malformed one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The complaint is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "An unknown team (unknown-team), an unknown handler (unknown-handler), or a "
            + "handler who is not a member of the team (handler-not-in-team); errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response assign(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "ETag you read; optional, 412 when stale", example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull AssignmentRequest request) {
        if (request.assignee() == null && request.team() == null) {
            throw ProblemException.invalid("assignee", "give an assignee, a team, or both");
        }
        return act(id, ifMatch, (c, who) -> {
            assignments.assign(c, request.assignee(), request.team(), request.reason(), who, workflow.now());
            return c;
        });
    }

    @POST
    @Path("/{id}/escalation")
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @StaffOnly("escalating hands a complaint to our team leads and managers")
    @Transactional
    @Operation(operationId = "escalateComplaint", summary = "Escalate by hand",
            description = "Staff escalate a complaint without waiting for a missed deadline, e.g. when the customer threatens "
                    + "to cancel. Exactly what a missed deadline does: priority one level up (at most URGENT), the escalation "
                    + "goes to the next owner of the team's chain (crm.complaint.escalation.chain.<team>; level 1 the team lead), "
                    + "OPEN in their queue (GET /escalations?owner=...&status=OPEN) until they acknowledge it "
                    + "(POST /complaints/{id}/escalation/acknowledge), audited under the caller, and crm.complaint.escalated.v1 "
                    + "names the owner and level. The escalation's reason says it was manual and by whom: "
                    + "\"escalated manually by <actor>: <reason>\". Only a complaint still being worked on escalates: "
                    + "RESOLVED or CLOSED answers 409.")
    @APIResponse(responseCode = "200", description = "Escalated; the complaint with its escalation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "400", description = "No reason, or one longer than 500 characters or with control characters; "
            + "errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A partner (escalation is back-office work), or the credentials do not grant "
            + "this operation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The complaint is RESOLVED or CLOSED (not-escalatable, naming currentStatus); "
            + "reopen it first",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response escalate(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "ETag you read; optional, 412 when stale", example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ManualEscalation.class),
                    examples = @ExampleObject(name = "threat-to-cancel", value = "{\"reason\": \"Customer threatens to cancel the contract\"}")))
            @Valid @NotNull ManualEscalation request) {
        return act(id, ifMatch, (c, who) -> {
            escalations.escalateManually(c, request.reason(), who, workflow.now());
            return c;
        });
    }

    @POST
    @Path("/{id}/escalation/acknowledge")
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @StaffOnly("escalations are owned by our team leads and managers")
    @Consumes(MediaType.WILDCARD) // a body-less command: whatever Content-Type a client sends is fine
    @Transactional
    @Operation(operationId = "acknowledgeComplaintEscalation", summary = "Acknowledge (take over) the escalation",
            description = "The escalation owner acknowledges the complaint's latest escalation: it leaves their open queue "
                    + "(GET /escalations?owner=...&status=OPEN) as ACKNOWLEDGED, with who and when. A handler other than the owner "
                    + "who acknowledges it (e.g. the next in the chain stepping in) takes it over and becomes its owner. Audited. "
                    + "The next missed deadline escalates it again, to the next owner of the chain.")
    @APIResponse(responseCode = "200", description = "Acknowledged; the complaint with its escalation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The complaint never escalated (not-escalated), or its escalation is "
            + "acknowledged already (escalation-already-acknowledged, naming acknowledgedBy)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response acknowledgeEscalation(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "ETag you read; optional, 412 when stale", example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        return act(id, ifMatch, (c, who) -> {
            escalations.acknowledge(c, who, workflow.now());
            return c;
        });
    }

    @GET
    @Path("/{id}/assignments")
    @RolesAllowed(Scopes.COMPLAINTS_READ)
    @StaffOnly("who handed the complaint to which of our handlers, and why")
    @Operation(operationId = "listComplaintAssignments", summary = "Assignment history",
            description = "Every holder the complaint had, oldest first; the current one has no endedAt. Keyset paginated like every list of the suite: {items, nextCursor}; pass nextCursor as cursor for the next page (null on the last).")
    @APIResponse(responseCode = "200", description = "A page of the history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssignmentPage.class)))
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Assignments.Holder> assignmentHistory(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = PageLimit.of(limit);
        long after = position(cursor);
        return Page.of(assignments.history(complaints.find(id).id, after, size + 1), size,
                h -> Cursor.of(h.id()), Assignments.HolderRow::holder);
    }

    @GET
    @Path("/{id}/pauses")
    @RolesAllowed(Scopes.COMPLAINTS_READ)
    @Operation(operationId = "listComplaintPauses", summary = "Clock pauses",
            description = "Every time the deadline clock stopped while waiting on the customer, with its business length, "
                    + "oldest first. Keyset paginated like every list of the suite: {items, nextCursor}; pass nextCursor as cursor for the next page (null on the last).")
    @APIResponse(responseCode = "200", description = "A page of the pauses",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PausePage.class)))
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Pause> pauses(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = PageLimit.of(limit);
        long after = position(cursor);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select paused_at, resumed_at, business_seconds, id from complaint_pause
                        where complaint_id = ?1 and id > ?2 order by id limit ?3""")
                .setParameter(1, complaints.find(id).id).setParameter(2, after).setParameter(3, size + 1).getResultList();
        return Page.of(rows, size, r -> Cursor.of(((Number) r[3]).longValue()), r -> new Pause(SqlTimes.utc(r[0]),
                SqlTimes.utc(r[1]), r[2] == null ? null : ((Number) r[2]).longValue()));
    }

    @POST
    @Path("/{id}/comments")
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @Transactional
    @Operation(operationId = "commentOnComplaint", summary = "Add a comment",
            description = "An INTERNAL note for handlers or a CUSTOMER-visible message. Audited. Partners add CUSTOMER "
                    + "messages only (403 for an INTERNAL note).")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Conversation.Comment.class)))
    @APIResponse(responseCode = "400", description = "Invalid comment; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A partner tried to add an INTERNAL note, or the credentials do not grant this operation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response comment(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Valid @NotNull Conversation.NewComment comment) {
        if (complaints.partnerCalling() && comment.visibility() != Conversation.Visibility.CUSTOMER) {
            throw new ProblemException(403, "forbidden", "Forbidden", "partners add CUSTOMER comments only; INTERNAL notes are for handlers");
        }
        Complaint c = complaints.lock(id, null);
        Conversation.Comment added = conversation.comment(c, comment, callers.actor(), workflow.now());
        return Response.status(201).entity(added).build();
    }

    @GET
    @Path("/{id}/comments")
    @RolesAllowed(Scopes.COMPLAINTS_READ)
    @Operation(operationId = "listComplaintComments", summary = "List comments",
            description = "Oldest first. visibility=CUSTOMER gives what may be shown to the customer; a partner gets only those "
                    + "(INTERNAL notes are for handlers). Keyset paginated like every list of the suite: {items, nextCursor}; pass nextCursor as cursor for the next page (null on the last).")
    @APIResponse(responseCode = "200", description = "A page of the comments",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentPage.class)))
    @APIResponse(responseCode = "400", description = "Unknown visibility, or a bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Conversation.Comment> comments(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "INTERNAL or CUSTOMER", example = "CUSTOMER")
            @QueryParam("visibility") String visibility,
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        Conversation.Visibility only = null;
        if (visibility != null && !visibility.isBlank()) {
            try {
                only = Conversation.Visibility.valueOf(visibility.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("visibility", "must be one of " + List.of(Conversation.Visibility.values()));
            }
        }
        int size = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 2);
        java.time.OffsetDateTime afterAt = after == null ? null : cursorTime(after.get(0));
        Long afterSeq = after == null ? null : cursorLong(after.get(1));
        Complaint complaint = complaints.find(id);
        // A partner's list holds CUSTOMER comments only: asking for INTERNAL notes gives none.
        boolean none = complaints.partnerCalling() && only == Conversation.Visibility.INTERNAL;
        Conversation.Visibility shown = complaints.partnerCalling() ? Conversation.Visibility.CUSTOMER : only;
        List<Conversation.CommentRow> rows = none ? List.of() : conversation.comments(complaint.id, shown, afterAt, afterSeq, size + 1);
        return Page.of(rows, size, r -> Cursor.of(r.comment().createdAt(), r.seq()), Conversation.CommentRow::comment);
    }

    @POST
    @Path("/{id}/tags")
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @Transactional
    @Operation(operationId = "tagComplaint", summary = "Tag a complaint",
            description = "product-idea and process-fix make complaints findable for product and operations teams "
                    + "(GET /complaints?tag=...); free tags are allowed. Tagging again replaces the note. A complaint carries "
                    + "at most " + Conversation.MAX_TAGS + " tags: a new one beyond that is refused with 409 too-many-tags.")
    @APIResponse(responseCode = "200", description = "Tagged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Conversation.Tag.class)))
    @APIResponse(responseCode = "400", description = "Invalid tag; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The complaint already has the most tags it may carry; remove one first",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Conversation.Tag tag(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Valid @NotNull Conversation.NewTag tag) {
        return conversation.tag(complaints.lock(id, null), tag, callers.actor(), workflow.now());
    }

    @GET
    @Path("/{id}/tags")
    @RolesAllowed(Scopes.COMPLAINTS_READ)
    @Operation(operationId = "listComplaintTags", summary = "Tags of a complaint",
            description = "With their notes, by tag, in the suite's one list shape {items, nextCursor}. A complaint carries at most "
                    + Conversation.MAX_TAGS + " tags (tagging beyond that is refused with 409), so every tag is on this one page "
                    + "and nextCursor is always null.")
    @APIResponse(responseCode = "200", description = "The tags (at most " + Conversation.MAX_TAGS + ")",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TagPage.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Conversation.Tag> tags(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return new Page<>(conversation.tags(complaints.find(id).id), null);
    }

    @DELETE
    @Path("/{id}/tags/{tag}")
    @RolesAllowed(Scopes.COMPLAINTS_WRITE)
    @Consumes(MediaType.WILDCARD) // a body-less command: whatever Content-Type a client sends is fine
    @Transactional
    @Operation(operationId = "untagComplaint", summary = "Remove a tag", description = "Audited.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such complaint or tag",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response untag(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @PathParam("tag") String tag) {
        conversation.untag(complaints.lock(id, null), tag, callers.actor(), workflow.now());
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/audit")
    @RolesAllowed(Scopes.COMPLAINTS_READ)
    @StaffOnly("the internal record: handler names, internal notes, every old value")
    @Operation(operationId = "listComplaintAudit", summary = "Audit trail",
            description = "Every change: who (the caller's actor, or system for rules and events), when, what, old → new. Oldest first. Keyset paginated like every list of the suite: {items, nextCursor}; pass nextCursor as cursor for the next page (null on the last).")
    @APIResponse(responseCode = "200", description = "A page of the audit trail",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<AuditTrail.Entry> auditTrail(
            @Parameter(description = "Complaint id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = PageLimit.of(limit);
        long after = position(cursor);
        return Page.of(audit.of(complaints.find(id).id, after, size + 1), size, e -> Cursor.of(e.seq()), AuditTrail.Row::entry);
    }

    @Schema(name = "ComplaintPause", description = "One stop of the deadline clock")
    public record Pause(java.time.OffsetDateTime pausedAt, java.time.OffsetDateTime resumedAt,
                        @Schema(description = "Business seconds the pause took off the clock; null while it lasts") Long businessSeconds) {
    }

    // The pages as documented: Page<T> is one generic record, so each list names its own page schema
    // (prefixed, as the merged document of the suite holds every service's schemas side by side).
    @Schema(name = "ComplaintPage", description = "A page of complaints")
    public record ComplaintPage(List<ComplaintView> items, @Schema(description = NEXT_CURSOR) String nextCursor) {
    }

    @Schema(name = "ComplaintUnknownCustomerPage", description = "A page of customer ids no event has named")
    public record UnknownCustomerPage(List<ComplaintQueries.UnknownCustomer> items, @Schema(description = NEXT_CURSOR) String nextCursor) {
    }

    @Schema(name = "ComplaintAssignmentPage", description = "A page of a complaint's assignment history")
    public record AssignmentPage(List<Assignments.Holder> items, @Schema(description = NEXT_CURSOR) String nextCursor) {
    }

    @Schema(name = "ComplaintPausePage", description = "A page of a complaint's clock pauses")
    public record PausePage(List<Pause> items, @Schema(description = NEXT_CURSOR) String nextCursor) {
    }

    @Schema(name = "ComplaintCommentPage", description = "A page of a complaint's comments")
    public record CommentPage(List<Conversation.Comment> items, @Schema(description = NEXT_CURSOR) String nextCursor) {
    }

    @Schema(name = "ComplaintAuditPage", description = "A page of a complaint's audit trail")
    public record AuditPage(List<AuditTrail.Entry> items, @Schema(description = NEXT_CURSOR) String nextCursor) {
    }

    @Schema(name = "ComplaintTagPage", description = "Every tag of a complaint (at most " + Conversation.MAX_TAGS + "); nextCursor is always null")
    public record TagPage(@Schema(maxItems = Conversation.MAX_TAGS) List<Conversation.Tag> items,
                          @Schema(description = "Always null: every tag is on the one page") String nextCursor) {
    }

    static final String NEXT_CURSOR = "Pass as cursor to read the next page; null on the last page";

    /** A lifecycle action: the complaint is found (visible, locked, If-Match checked) before the action runs. */
    private Response act(String id, String ifMatch, BiFunction<Complaint, String, Complaint> action) {
        Complaint c = action.apply(complaints.lock(id, ifMatch), callers.actor());
        em.flush();
        return Response.ok(views.of(c)).tag(Versions.etag(c.version)).build();
    }

    /** A one-key cursor holding a row position (an identity column); absent: from the start. */
    private static long position(String cursor) {
        Cursor after = Cursor.decode(cursor, 1);
        return after == null ? 0 : cursorLong(after.get(0));
    }

    private static long cursorLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
    }

    private static java.time.OffsetDateTime cursorTime(String value) {
        try {
            return java.time.OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
    }

    private static UUID cursorId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
    }

    private static Boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid(field, "must be true or false");
        };
    }
}
