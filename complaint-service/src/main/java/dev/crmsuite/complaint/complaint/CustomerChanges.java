package dev.crmsuite.complaint.complaint;

import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.complaint.customer.KnownCustomers;
import dev.crmsuite.complaint.sla.ComplaintDeadlines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What a change of a customer (known, merged, erased) does to that customer's complaints. */
@ApplicationScoped
public class CustomerChanges {

    static final String ERASED_SUBJECT = "(erased)";

    @Inject
    EntityManager em;
    @Inject
    KnownCustomers customers;
    @Inject
    PriorityPolicy priorities;
    @Inject
    ComplaintDeadlines deadlines;
    @Inject
    AuditTrail audit;
    @Inject
    ComplaintWorkflow workflow;
    @Inject
    ComplaintPersonalData personalData;

    /**
     * The customer's event arrived: complaints filed before it become customerKnown, take the
     * customer's segment and tier, and get the priority the rules give them (never lower). When the
     * priority rises, the deadlines are those of the new priority counted from the filing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerKnown(UUID customerId) {
        var known = customers.find(customerId);
        if (known.isEmpty()) {
            return;
        }
        OffsetDateTime now = workflow.now();
        List<Complaint> waiting = Complaint.list("customerId = ?1 and customerKnown = false", customerId);
        for (Complaint c : waiting) {
            Complaint locked = Complaint.forUpdate(c.id).orElseThrow();
            audit.change(locked.id, Caller.SYSTEM_ACTOR, now, "customer-known", "customerKnown", false, true);
            locked.customerKnown = true;
            locked.customerSegment = known.get().segment();
            locked.customerValueTier = known.get().valueTier();
            Priority derived = Priority.max(locked.priority, priorities.derive(locked.category, known.get().priorityBoost(),
                    locked.customerValueTier, locked.requestedPriority));
            if (derived != locked.priority) {
                audit.change(locked.id, Caller.SYSTEM_ACTOR, now, "customer-known", "priority", locked.priority, derived);
                locked.priority = derived;
                ComplaintDeadlines.Due due = deadlines.on(derived, locked.filedAt.toInstant());
                if (locked.acknowledgedAt == null) {
                    audit.change(locked.id, Caller.SYSTEM_ACTOR, now, "customer-known", "respondBy", locked.respondBy, due.respondBy());
                    locked.respondBy = ComplaintWorkflow.utc(due.respondBy());
                }
                if (locked.status.active() && locked.pausedSeconds == 0 && locked.pausedSince == null) {
                    audit.change(locked.id, Caller.SYSTEM_ACTOR, now, "customer-known", "resolveBy", locked.resolveBy, due.resolveBy());
                    locked.resolveBy = ComplaintWorkflow.utc(due.resolveBy());
                }
            }
            locked.updatedAt = now;
        }
    }

    /** Merge: the source customer's complaints now belong to the surviving customer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void merged(UUID source, UUID target) {
        OffsetDateTime now = workflow.now();
        boolean targetKnown = customers.find(target).isPresent();
        List<Complaint> moving = Complaint.list("customerId", source);
        for (Complaint c : moving) {
            Complaint locked = Complaint.forUpdate(c.id).orElseThrow();
            audit.change(locked.id, Caller.SYSTEM_ACTOR, now, "customer-merged", "customerId", source, target);
            locked.customerId = target;
            personalData.moved(locked, source);
            if (targetKnown && !locked.customerKnown) {
                audit.change(locked.id, Caller.SYSTEM_ACTOR, now, "customer-merged", "customerKnown", false, true);
                locked.customerKnown = true;
            }
            locked.updatedAt = now;
        }
    }

    /**
     * Erasure: personal text goes (description, comment bodies, subject), the facts stay (dates,
     * category, channel, priority, deadlines, resolution flags, tags), so statistics do not change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erased(UUID customerId) {
        OffsetDateTime now = workflow.now();
        // The complaints' text on crm.complaints.personal: a tombstone for every key, in this transaction.
        personalData.erase(customerId);
        List<Complaint> affected = Complaint.list("customerId = ?1 and erasedAt is null", customerId);
        for (Complaint c : affected) {
            Complaint locked = Complaint.forUpdate(c.id).orElseThrow();
            locked.description = null;
            locked.subject = ERASED_SUBJECT;
            locked.lastReopenReason = null; // the customer's words, often
            // Staff's words about the case name and describe the person as often as the customer's own.
            locked.outcome = null;
            locked.rootCause = null;
            locked.escalationReason = null;
            locked.erasedAt = now;
            locked.updatedAt = now;
            em.createNativeQuery("update complaint_comment set body = null where complaint_id = ?1")
                    .setParameter(1, locked.id).executeUpdate();
            em.createNativeQuery("update complaint_tag set note = null where complaint_id = ?1")
                    .setParameter(1, locked.id).executeUpdate();
            // The audit keeps who did what when; the words it copied (old and new text values) go.
            em.createNativeQuery("""
                            update complaint_audit set old_value = null, new_value = null
                            where complaint_id = ?1 and (field in ('subject', 'description', 'outcome', 'rootCause',
                                  'lastReopenReason', 'escalationReason') or field like 'tag:%' or (field is null and action = 'reopen'))""")
                    .setParameter(1, locked.id).executeUpdate();
            audit.event(locked.id, Caller.SYSTEM_ACTOR, now, "customer-erased", "personal text removed");
        }
    }
}
