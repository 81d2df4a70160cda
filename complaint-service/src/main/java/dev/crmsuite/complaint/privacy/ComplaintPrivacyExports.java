package dev.crmsuite.complaint.privacy;

import dev.crmsuite.complaint.complaint.Complaint;
import dev.crmsuite.complaint.complaint.Conversation;
import dev.crmsuite.platform.time.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Collects complaint's part of a person's data export: every table that holds a row about them or their complaints. */
@ApplicationScoped
public class ComplaintPrivacyExports {

    /** Merges chain at most this deep; deeper means a cycle in bad data (as KnownCustomers). */
    private static final int MAX_MERGE_HOPS = 16;

    private final EntityManager em;
    private final Clock clock;

    public ComplaintPrivacyExports(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** One read transaction, so a complaint and its comments, holders and audit agree with each other. */
    @Transactional
    public ComplaintPrivacyExport export(UUID customerId) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<UUID> customers = List.copyOf(withMergedCustomers(customerId));
        List<ComplaintPrivacyExport.ComplaintRecord> complaints = complaints(customers);
        List<UUID> ids = complaints.stream().map(ComplaintPrivacyExport.ComplaintRecord::complaintId).toList();
        return new ComplaintPrivacyExport(customerId, now, contacts(customers), consents(customers), complaints,
                ids.isEmpty() ? List.of() : comments(ids), ids.isEmpty() ? List.of() : assignments(ids),
                ids.isEmpty() ? List.of() : pauses(ids), ids.isEmpty() ? List.of() : breaches(ids),
                ids.isEmpty() ? List.of() : tags(ids), ids.isEmpty() ? List.of() : audit(ids));
    }

    /**
     * The customer and every customer merged into them: a merge moves the complaints to the survivor,
     * but the merged customer's copied details are the same person's too.
     */
    private Set<UUID> withMergedCustomers(UUID customerId) {
        Set<UUID> ids = new LinkedHashSet<>(List.of(customerId));
        List<UUID> frontier = List.of(customerId);
        for (int hop = 0; hop < MAX_MERGE_HOPS && !frontier.isEmpty(); hop++) {
            List<UUID> next = new ArrayList<>();
            for (Tuple t : tuples("select customer_id from known_customer where merged_into in (:ids) order by customer_id",
                    frontier)) {
                UUID id = t.get("customer_id", UUID.class);
                if (ids.add(id)) {
                    next.add(id);
                }
            }
            frontier = next;
        }
        return ids;
    }

    private List<ComplaintPrivacyExport.Contact> contacts(List<UUID> customers) {
        List<ComplaintPrivacyExport.Contact> out = new ArrayList<>();
        // The customer first, then the merged ones in the order they were found.
        for (UUID id : customers) {
            tuples("""
                    select customer_id, segment, value_tier, priority_boost, merged_into, erased_at, registered_at, updated_at
                    from known_customer where customer_id in (:ids)""", List.of(id)).forEach(t ->
                    out.add(new ComplaintPrivacyExport.Contact(t.get("customer_id", UUID.class),
                            t.get("segment", String.class), t.get("value_tier", String.class),
                            t.get("priority_boost", Number.class).intValue(), t.get("merged_into", UUID.class),
                            SqlTimes.utc(t.get("erased_at")), SqlTimes.utc(t.get("registered_at")),
                            SqlTimes.utc(t.get("updated_at")))));
        }
        return out;
    }

    private List<ComplaintPrivacyExport.PartnerConsent> consents(List<UUID> customers) {
        // partner_consent keys customers by their id as text (the platform's PartnerConsents table).
        return tuples("""
                        select customer_id, partner_sharing, merged_into, updated_at from partner_consent
                        where customer_id in (:ids) order by updated_at, customer_id""",
                customers.stream().map(UUID::toString).toList()).stream()
                .map(t -> new ComplaintPrivacyExport.PartnerConsent(UUID.fromString(t.get("customer_id", String.class)),
                        t.get("partner_sharing", Boolean.class),
                        t.get("merged_into") == null ? null : UUID.fromString(t.get("merged_into", String.class)),
                        SqlTimes.utc(t.get("updated_at"))))
                .toList();
    }

    private List<ComplaintPrivacyExport.ComplaintRecord> complaints(List<UUID> customers) {
        return em.createQuery("from Complaint where customerId in :ids order by filedAt, id", Complaint.class)
                .setParameter("ids", customers).getResultList().stream()
                .map(ComplaintPrivacyExports::record)
                .toList();
    }

    private static ComplaintPrivacyExport.ComplaintRecord record(Complaint c) {
        ComplaintPrivacyExport.Escalation escalation = c.escalationLevel == 0 && c.escalatedAt == null ? null
                : new ComplaintPrivacyExport.Escalation(c.escalationLevel, c.escalationOwner, c.escalatedAt, c.escalationReason,
                c.escalationStatus, c.escalationAcknowledgedBy, c.escalationAcknowledgedAt);
        ComplaintPrivacyExport.Resolution resolution = c.resolvedAt == null && c.outcome == null && c.compensationStatus == null ? null
                : new ComplaintPrivacyExport.Resolution(c.outcome, c.rootCause, c.firstContactResolution, c.compensationPoints,
                c.compensationStatus, c.compensationGrantedPoints, c.compensationReason, c.compensationDecidedAt);
        return new ComplaintPrivacyExport.ComplaintRecord(c.id, c.customerId, c.customerKnown, c.customerSegment,
                c.customerValueTier, c.channel, c.category, c.subject, c.description, c.priority, c.requestedPriority, c.status,
                c.assignee, c.team, c.filedAt, c.acknowledgedAt, c.resolvedAt, c.closedAt, c.reopenedAt, c.lastReopenReason,
                c.reopenCount, c.respondBy, c.resolveBy, c.pausedSince, c.pausedSeconds, c.firstResponseBreachedAt,
                c.resolutionBreachedAt, escalation, resolution, c.linkedComplaintId, c.erasedAt, c.updatedAt, c.version);
    }

    private List<ComplaintPrivacyExport.CommentRecord> comments(List<UUID> complaints) {
        return tuples("""
                select id, complaint_id, author, visibility, body, created_at from complaint_comment
                where complaint_id in (:ids) order by created_at, seq""", complaints).stream()
                .map(t -> new ComplaintPrivacyExport.CommentRecord(t.get("id", UUID.class), t.get("complaint_id", UUID.class),
                        t.get("author", String.class), Conversation.Visibility.valueOf(t.get("visibility", String.class)),
                        t.get("body", String.class), SqlTimes.utc(t.get("created_at"))))
                .toList();
    }

    private List<ComplaintPrivacyExport.AssignmentRecord> assignments(List<UUID> complaints) {
        return tuples("""
                select complaint_id, assignee, team, assigned_by, reason, assigned_at, ended_at from complaint_assignment
                where complaint_id in (:ids) order by id""", complaints).stream()
                .map(t -> new ComplaintPrivacyExport.AssignmentRecord(t.get("complaint_id", UUID.class), t.get("assignee", String.class),
                        t.get("team", String.class), t.get("assigned_by", String.class), t.get("reason", String.class),
                        SqlTimes.utc(t.get("assigned_at")), SqlTimes.utc(t.get("ended_at"))))
                .toList();
    }

    private List<ComplaintPrivacyExport.PauseRecord> pauses(List<UUID> complaints) {
        return tuples("""
                select complaint_id, paused_at, resumed_at, business_seconds from complaint_pause
                where complaint_id in (:ids) order by id""", complaints).stream()
                .map(t -> new ComplaintPrivacyExport.PauseRecord(t.get("complaint_id", UUID.class), SqlTimes.utc(t.get("paused_at")),
                        SqlTimes.utc(t.get("resumed_at")),
                        t.get("business_seconds") == null ? null : t.get("business_seconds", Number.class).longValue()))
                .toList();
    }

    private List<ComplaintPrivacyExport.BreachRecord> breaches(List<UUID> complaints) {
        return tuples("""
                select complaint_id, deadline, due_at, breached_at from complaint_breach
                where complaint_id in (:ids) order by breached_at, complaint_id, deadline""", complaints).stream()
                .map(t -> new ComplaintPrivacyExport.BreachRecord(t.get("complaint_id", UUID.class), t.get("deadline", String.class),
                        SqlTimes.utc(t.get("due_at")), SqlTimes.utc(t.get("breached_at"))))
                .toList();
    }

    private List<ComplaintPrivacyExport.TagRecord> tags(List<UUID> complaints) {
        return tuples("""
                select complaint_id, tag, note, added_by, added_at from complaint_tag
                where complaint_id in (:ids) order by added_at, complaint_id, tag""", complaints).stream()
                .map(t -> new ComplaintPrivacyExport.TagRecord(t.get("complaint_id", UUID.class), t.get("tag", String.class),
                        t.get("note", String.class), t.get("added_by", String.class), SqlTimes.utc(t.get("added_at"))))
                .toList();
    }

    private List<ComplaintPrivacyExport.AuditRecord> audit(List<UUID> complaints) {
        return tuples("""
                select complaint_id, actor, at, action, field, old_value, new_value from complaint_audit
                where complaint_id in (:ids) order by seq""", complaints).stream()
                .map(t -> new ComplaintPrivacyExport.AuditRecord(t.get("complaint_id", UUID.class), t.get("actor", String.class),
                        SqlTimes.utc(t.get("at")), t.get("action", String.class), t.get("field", String.class),
                        t.get("old_value", String.class), t.get("new_value", String.class)))
                .toList();
    }

    /** The rows of {@code sql} whose {@code :ids} list parameter is {@code ids}, read by column name. */
    private List<Tuple> tuples(String sql, List<?> ids) {
        List<?> rows = em.createNativeQuery(sql, Tuple.class).setParameter("ids", ids).getResultList();
        return rows.stream().map(Tuple.class::cast).toList();
    }
}
