package dev.crmsuite.complaint.complaint;

import dev.crmsuite.complaint.assignment.Assignments;
import dev.crmsuite.complaint.config.ComplaintConfig;
import dev.crmsuite.complaint.customer.KnownCustomers;
import dev.crmsuite.complaint.sla.ComplaintDeadlines;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Intake and every lifecycle action. Each method runs in the caller's transaction and writes the
 * change, its audit entries and its events together, so no change is ever without its record.
 */
@ApplicationScoped
public class ComplaintWorkflow {

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    KnownCustomers customers;
    @Inject
    PriorityPolicy priorities;
    @Inject
    ComplaintDeadlines deadlines;
    @Inject
    Assignments assignments;
    @Inject
    ComplaintConfig config;
    @Inject
    Conversation conversation;
    @Inject
    Clock clock;
    @Inject
    ComplaintPersonalData personalData;

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /**
     * Files a complaint. A customer we have not heard of yet is not a reason to refuse: the
     * complaint is kept with customerKnown=false and the category's priority, and reconciled when
     * the customer's event arrives (see {@link CustomerChanges#customerKnown}). A complaint for a
     * merged-away customer goes to the survivor; one for an erased customer is refused (422).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Complaint file(NewComplaint request, String actor) {
        return file(request, actor, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Complaint file(NewComplaint request, String actor, UUID linkedTo) {
        OffsetDateTime now = now();
        var known = customers.current(request.customerId());
        if (known.isPresent() && known.get().erasedAt() != null) {
            throw new ProblemException(422, "customer-erased", "Unprocessable request",
                    "customerId: customer " + request.customerId() + " was erased; file the complaint under a new customer record",
                    List.of(new Problem.FieldError("customerId", "the customer was erased")));
        }
        Complaint c = new Complaint();
        c.id = UUID.randomUUID();
        c.customerId = known.map(KnownCustomers.Known::customerId).orElse(request.customerId());
        c.customerKnown = customers.find(c.customerId).isPresent();
        c.customerSegment = known.map(KnownCustomers.Known::segment).orElse(null);
        c.customerValueTier = known.map(KnownCustomers.Known::valueTier).orElse(null);
        c.channel = request.channel();
        c.category = request.category();
        c.subject = request.subject().trim();
        c.description = request.description().trim();
        c.requestedPriority = request.priority();
        c.priority = priorities.derive(c.category, known.map(KnownCustomers.Known::priorityBoost).orElse(0),
                c.customerValueTier, c.requestedPriority);
        c.status = ComplaintStatus.OPEN;
        c.filedAt = now;
        ComplaintDeadlines.Due due = deadlines.on(c.priority, now.toInstant());
        c.respondBy = utc(due.respondBy());
        c.resolveBy = utc(due.resolveBy());
        c.linkedComplaintId = linkedTo;
        c.updatedAt = now;
        c.persist();
        em.flush();
        audit.change(c.id, actor, now, "filed", "status", null, c.status);
        audit.change(c.id, actor, now, "filed", "priority", null, c.priority);
        if (linkedTo != null) {
            audit.change(c.id, actor, now, "filed", "linkedComplaintId", null, linkedTo);
        }
        outbox.append(c.customerId.toString(), ComplaintEvents.Filed.TYPE, new ComplaintEvents.Filed(c.id, c.customerId,
                c.channel, c.category, c.priority, c.filedAt, c.respondBy, c.resolveBy));
        personalData.record(c);
        assignments.autoAssign(c, actor, now);
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Complaint acknowledge(Complaint c, String actor) {
        OffsetDateTime now = now();
        move(c, ComplaintAction.ACKNOWLEDGE, actor, now);
        audit.change(c.id, actor, now, "acknowledge", "acknowledgedAt", c.acknowledgedAt, now);
        c.acknowledgedAt = now;
        outbox.append(c.customerId.toString(), ComplaintEvents.Acknowledged.TYPE,
                new ComplaintEvents.Acknowledged(c.id, c.customerId, now));
        return c;
    }

    /** Starts work; from WAITING_ON_CUSTOMER this is the resume that restarts the deadline clock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Complaint start(Complaint c, String actor) {
        OffsetDateTime now = now();
        ComplaintStatus from = c.status;
        move(c, ComplaintAction.START, actor, now);
        if (from == ComplaintStatus.WAITING_ON_CUSTOMER) {
            resumeClock(c, actor, now);
        }
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Complaint waitOnCustomer(Complaint c, String actor) {
        OffsetDateTime now = now();
        move(c, ComplaintAction.WAIT_ON_CUSTOMER, actor, now);
        c.pausedSince = now;
        em.createNativeQuery("insert into complaint_pause (complaint_id, paused_at) values (?1, ?2)")
                .setParameter(1, c.id).setParameter(2, now).executeUpdate();
        audit.change(c.id, actor, now, "wait-on-customer", "pausedSince", null, now);
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Complaint resolve(Complaint c, Resolution resolution, String actor) {
        OffsetDateTime now = now();
        transition(c.status, ComplaintAction.RESOLVE); // an illegal move is 409 before the claim below is judged
        if (c.reopenCount > 0 && Boolean.TRUE.equals(resolution.firstContactResolution())) {
            // The customer had to come back: whatever this resolution achieves, it was not at first contact.
            throw new ProblemException(422, "first-contact-resolution-lost", "Unprocessable request",
                    "firstContactResolution: complaint " + c.id + " was reopened " + c.reopenCount
                            + " time(s); a reopened complaint was not resolved at first contact",
                    List.of(new Problem.FieldError("firstContactResolution", "must be false: the complaint was reopened")));
        }
        move(c, ComplaintAction.RESOLVE, actor, now);
        audit.change(c.id, actor, now, "resolution", "outcome", c.outcome, resolution.outcome().trim());
        audit.change(c.id, actor, now, "resolution", "rootCause", c.rootCause, resolution.rootCause().trim());
        audit.change(c.id, actor, now, "resolution", "firstContactResolution", c.firstContactResolution,
                resolution.firstContactResolution());
        int points = resolution.compensationPoints() == null ? 0 : resolution.compensationPoints();
        audit.change(c.id, actor, now, "resolution", "compensationPoints", c.compensationPoints, points);
        c.outcome = resolution.outcome().trim();
        c.rootCause = resolution.rootCause().trim();
        c.firstContactResolution = resolution.firstContactResolution();
        c.compensationPoints = points;
        // Asked, not given: loyalty-service decides against its goodwill budgets and its answer comes
        // back as an event (compensation.GoodwillOutcomes). It keeps one request per complaint, so
        // once it has answered, a re-resolution asks nothing new and the answer stays.
        if (points > 0 && c.compensationStatus == null) {
            audit.change(c.id, actor, now, "resolution", "compensationStatus", null, "REQUESTED");
            c.compensationStatus = "REQUESTED";
        }
        c.resolvedAt = now;
        outbox.append(c.customerId.toString(), ComplaintEvents.Resolved.TYPE, new ComplaintEvents.Resolved(c.id,
                c.customerId, now, c.firstContactResolution, points));
        personalData.record(c); // the outcome and root cause, replacing the record of an earlier resolution
        return c;
    }

    /** Whether the complaint can still be reopened now (status and window). */
    public boolean canReopen(Complaint c) {
        return ComplaintLifecycle.allowed(c.status).contains(ComplaintAction.REOPEN) && c.resolvedAt != null
                && !now().isAfter(c.resolvedAt.plus(config.reopenWindow()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Complaint reopen(Complaint c, String reason, String actor) {
        OffsetDateTime now = now();
        transition(c.status, ComplaintAction.REOPEN); // status first: a 409 names the allowed actions
        if (!canReopen(c)) {
            throw ProblemException.conflict("reopen-window-passed", "complaint " + c.id + " was resolved at " + c.resolvedAt
                            + "; it can be reopened only within " + config.reopenWindow() + " of its resolution. File a new complaint instead.")
                    .with("allowedActions", List.of());
        }
        move(c, ComplaintAction.REOPEN, actor, now);
        audit.change(c.id, actor, now, "reopen", "reopenCount", c.reopenCount, c.reopenCount + 1);
        c.reopenCount++;
        // The reason is what the handler picks the work up with: on the complaint, in the audit and
        // as an internal note in the conversation, where the handler reads the story of the case.
        audit.change(c.id, actor, now, "reopen", "lastReopenReason", c.lastReopenReason, reason);
        if (reason.equals(c.lastReopenReason)) {
            audit.event(c.id, actor, now, "reopen", "reason: " + reason); // the same reason again is still this reopening's
        }
        c.lastReopenReason = reason;
        conversation.comment(c, new Conversation.NewComment("Reopened: " + reason, Conversation.Visibility.INTERNAL), actor, now);
        // First-contact resolution is lost for good: the customer had to come back (see resolve).
        if (c.firstContactResolution != null && c.firstContactResolution) {
            audit.change(c.id, actor, now, "reopen", "firstContactResolution", true, false);
            c.firstContactResolution = false;
        }
        c.reopenedAt = now;
        c.closedAt = null;
        // A new promise to the customer: a fresh resolution deadline from the reopening.
        OffsetDateTime resolveBy = utc(deadlines.resolveBy(c.priority, now.toInstant()));
        audit.change(c.id, actor, now, "reopen", "resolveBy", c.resolveBy, resolveBy);
        c.resolveBy = resolveBy;
        c.resolutionBreachedAt = null;
        outbox.append(c.customerId.toString(), ComplaintEvents.Reopened.TYPE,
                new ComplaintEvents.Reopened(c.id, c.customerId, now)); // the reason stays on the complaint and in its audit
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Complaint close(Complaint c, String actor) {
        OffsetDateTime now = now();
        move(c, ComplaintAction.CLOSE, actor, now);
        c.closedAt = now;
        outbox.append(c.customerId.toString(), ComplaintEvents.Closed.TYPE, new ComplaintEvents.Closed(c.id, c.customerId, now));
        return c;
    }

    /** Applies a lifecycle move: the state machine decides, the audit and status-changed event record it. */
    private void move(Complaint c, ComplaintAction action, String actor, OffsetDateTime now) {
        ComplaintStatus from = c.status;
        ComplaintStatus to = transition(from, action);
        c.status = to;
        c.updatedAt = now;
        audit.change(c.id, actor, now, action.path, "status", from, to);
        outbox.append(c.customerId.toString(), ComplaintEvents.StatusChanged.TYPE,
                new ComplaintEvents.StatusChanged(c.id, c.customerId, to, from, now));
    }

    /**
     * The state machine's answer as the API gives it: the status {@code action} leads to, or 409
     * illegal-transition naming the current status and the allowed actions. Every check of a move
     * goes through here, so no illegal transition escapes as a bare exception (a 500).
     */
    static ComplaintStatus transition(ComplaintStatus from, ComplaintAction action) {
        try {
            return ComplaintLifecycle.next(from, action);
        } catch (ComplaintLifecycle.IllegalTransition e) {
            throw ProblemException.conflict("illegal-transition", e.getMessage())
                    .with("currentStatus", from)
                    .with("allowedActions", e.allowed.stream().map(a -> a.path).toList());
        }
    }

    private void resumeClock(Complaint c, String actor, OffsetDateTime now) {
        if (c.pausedSince == null) {
            return;
        }
        Duration pause = deadlines.pauseLength(c.pausedSince.toInstant(), now.toInstant());
        em.createNativeQuery("""
                        update complaint_pause set resumed_at = ?2, business_seconds = ?3
                        where complaint_id = ?1 and resumed_at is null""")
                .setParameter(1, c.id).setParameter(2, now).setParameter(3, pause.toSeconds()).executeUpdate();
        OffsetDateTime resolveBy = utc(deadlines.extend(c.resolveBy.toInstant(), pause));
        audit.change(c.id, actor, now, "start", "resolveBy", c.resolveBy, resolveBy);
        c.resolveBy = resolveBy;
        if (c.acknowledgedAt == null) {
            c.respondBy = utc(deadlines.extend(c.respondBy.toInstant(), pause));
        }
        audit.change(c.id, actor, now, "start", "pausedSince", c.pausedSince, null);
        c.pausedSeconds += pause.toSeconds();
        c.pausedSince = null;
    }

    static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
