package dev.crmsuite.complaint.escalation;

import dev.crmsuite.complaint.assignment.TeamRules;
import dev.crmsuite.complaint.complaint.AuditTrail;
import dev.crmsuite.complaint.complaint.Complaint;
import dev.crmsuite.complaint.complaint.ComplaintEvents;
import dev.crmsuite.complaint.complaint.ComplaintStatus;
import dev.crmsuite.complaint.complaint.Priority;
import dev.crmsuite.complaint.config.ComplaintConfig;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.paging.TimeAndId;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Escalation reaches a named owner: each escalation raises the priority, hands the escalation to the
 * next owner of the team's chain ({@link EscalationChains}), records it on the complaint and in the
 * audit, and tells crm.complaints who owns it. The owner finds it in their queue (OPEN) until they
 * acknowledge it, which takes it over: from then on it is theirs, out of the open queue.
 *
 * <p>A complaint escalates when the deadline check finds a missed deadline, or when staff escalate
 * it by hand ({@link #escalateManually}); both take the same path.
 */
@ApplicationScoped
public class Escalations {

    /** OPEN: in the owner's queue; ACKNOWLEDGED: the owner (or who took it over) has it. */
    public enum Status { OPEN, ACKNOWLEDGED }

    private final EntityManager em;
    private final EscalationChains chains;
    private final TeamRules teams;
    private final AuditTrail audit;
    private final Outbox outbox;

    public Escalations(EntityManager em, EscalationChains chains, TeamRules teams, AuditTrail audit, Outbox outbox) {
        this.em = em;
        this.chains = chains;
        this.teams = teams;
        this.audit = audit;
        this.outbox = outbox;
    }

    @Produces
    @Singleton
    static EscalationChains escalationChains(ComplaintConfig config, TeamRules teams) {
        return new EscalationChains(config.escalation().chain(), config.escalation().defaultChain(), teams.names(), teams.handlers());
    }

    /**
     * One escalation: priority one level up (at most URGENT), the next owner of the complaint's
     * team's chain, OPEN in their queue, and crm.complaint.escalated.v1 naming them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void escalate(Complaint c, String reason, OffsetDateTime now) {
        escalate(c, reason, Caller.SYSTEM_ACTOR, now);
    }

    /**
     * A manual escalation by staff ({@code actor}), e.g. the customer threatens to cancel: the same
     * escalation as a missed deadline's (next owner, priority up, audit, crm.complaint.escalated.v1),
     * its reason saying it was manual and by whom, audited under {@code actor}. 409 when the
     * complaint's work is done (RESOLVED or CLOSED: no deadline escalates those either).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void escalateManually(Complaint c, String reason, String actor, OffsetDateTime now) {
        if (!escalatable(c.status)) {
            throw ProblemException.conflict("not-escalatable", "complaint " + c.id + " is " + c.status
                            + "; only a complaint still being worked on escalates (reopen it first)")
                    .with("currentStatus", c.status);
        }
        escalate(c, manualReason(actor, reason), actor, now);
    }

    /** Whether a complaint in {@code status} may escalate: only while it is someone's work (not RESOLVED or CLOSED). */
    public static boolean escalatable(ComplaintStatus status) {
        return status.active();
    }

    /** The recorded reason of a manual escalation: that it was manual, by whom, and why. */
    public static String manualReason(String actor, String reason) {
        return "escalated manually by " + actor + ": " + reason.trim();
    }

    private void escalate(Complaint c, String reason, String actor, OffsetDateTime now) {
        Priority raised = c.priority.raisedBy(1);
        int level = c.escalationLevel + 1;
        String owner = chains.ownerAt(c.team, level);
        audit.change(c.id, actor, now, "escalate", "priority", c.priority, raised);
        audit.change(c.id, actor, now, "escalate", "escalationLevel", c.escalationLevel, level);
        audit.change(c.id, actor, now, "escalate", "escalationOwner", c.escalationOwner, owner);
        audit.change(c.id, actor, now, "escalate", "escalationStatus", c.escalationStatus, Status.OPEN.name());
        audit.change(c.id, actor, now, "escalate", "escalationReason", c.escalationReason, reason);
        c.priority = raised;
        c.escalationLevel = level;
        c.escalationOwner = owner;
        c.escalatedAt = now;
        c.escalationReason = reason;
        c.escalationStatus = Status.OPEN.name();
        c.escalationAcknowledgedBy = null;
        c.escalationAcknowledgedAt = null;
        c.updatedAt = now;
        // escalationTarget stays for v1 consumers that read it: the owner is who is told now.
        outbox.append(c.customerId.toString(), ComplaintEvents.Escalated.TYPE, new ComplaintEvents.Escalated(c.id,
                c.customerId, raised, owner, now, owner, level));
    }

    /**
     * The owner acknowledges the escalation and so takes it over; a known handler other than the
     * owner (e.g. the head of care stepping in for a lead) who acknowledges becomes its owner. 409 when
     * the complaint never escalated or its escalation is already acknowledged.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acknowledge(Complaint c, String actor, OffsetDateTime now) {
        if (c.escalatedAt == null) {
            throw ProblemException.conflict("not-escalated", "complaint " + c.id + " has no escalation to acknowledge");
        }
        if (Status.ACKNOWLEDGED.name().equals(c.escalationStatus)) {
            throw ProblemException.conflict("escalation-already-acknowledged", "the escalation of complaint " + c.id + " (level "
                            + c.escalationLevel + ") was acknowledged by " + c.escalationAcknowledgedBy + " at " + c.escalationAcknowledgedAt)
                    .with("acknowledgedBy", c.escalationAcknowledgedBy);
        }
        if (!actor.equals(c.escalationOwner) && teams.handlers().contains(actor)) {
            audit.change(c.id, actor, now, "escalation-acknowledge", "escalationOwner", c.escalationOwner, actor);
            c.escalationOwner = actor;
        }
        audit.change(c.id, actor, now, "escalation-acknowledge", "escalationStatus", c.escalationStatus, Status.ACKNOWLEDGED.name());
        c.escalationStatus = Status.ACKNOWLEDGED.name();
        c.escalationAcknowledgedBy = actor;
        c.escalationAcknowledgedAt = now;
        c.updatedAt = now;
    }

    /** Validates a queue filter: a known handler, or 400 naming {@code owner}. */
    public String owner(String owner) {
        if (owner == null || owner.isBlank()) {
            return null;
        }
        String name = owner.trim();
        if (!teams.handlers().contains(name)) {
            throw ProblemException.invalid("owner", "no such handler: " + name + "; escalation owners are handlers: " + teams.handlers());
        }
        return name;
    }

    /** Parses a status filter, or 400 naming {@code status}. */
    public static Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be one of " + List.of(Status.values()));
        }
    }

    /**
     * Up to {@code max} escalated complaints after the (escalatedAt, id) position, oldest escalation
     * first, of {@code owner} (null: everybody's) in {@code status} (null: both).
     */
    public List<Complaint> queue(String owner, Status status, TimeAndId after, int max) {
        StringBuilder sql = new StringBuilder("select id from complaint where escalated_at is not null");
        Map<String, Object> params = new HashMap<>();
        if (owner != null) {
            sql.append(" and escalation_owner = :owner");
            params.put("owner", owner);
        }
        if (status != null) {
            sql.append(" and escalation_status = :status");
            params.put("status", status.name());
        }
        if (after != null) {
            sql.append(" and (escalated_at, id) > (:afterAt, :afterId)");
            params.put("afterAt", after.at());
            params.put("afterId", after.id());
        }
        sql.append(" order by escalated_at, id limit :max");
        params.put("max", max);
        Query query = em.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<UUID> ids = query.getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Complaint> byId = Complaint.<Complaint>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(c -> c.id, Function.identity()));
        return ids.stream().map(byId::get).toList();
    }
}
