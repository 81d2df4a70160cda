package dev.crmsuite.complaint.complaint;

import dev.crmsuite.platform.time.SqlTimes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The audit trail: one row per change of a complaint, written in the change's transaction. */
@ApplicationScoped
public class AuditTrail {

    @Inject
    EntityManager em;

    /**
     * One audit row as the API shows it. Values are kept as text whatever their type (a status, a
     * time in UTC, a number, true/false), so they are documented as strings: a client reads them as
     * the text of the value, never as an object.
     */
    @Schema(name = "ComplaintAuditEntry", description = "One change of a complaint: who, when, what, old → new")
    public record Entry(
            @Schema(description = "Who: the caller's actor, or system for rules and events", examples = "ann") String actor,
            OffsetDateTime at,
            @Schema(description = "What was done (the action's path, or filed, escalate, compensation...)", examples = "acknowledge")
            String action,
            @Schema(description = "The field that changed; null for an action with no single field (a comment)", nullable = true,
                    examples = "status") String field,
            @Schema(description = "The value before, as text (times ISO 8601 UTC, numbers and true/false as written); null when there was none",
                    nullable = true, examples = "OPEN") String oldValue,
            @Schema(description = "The value after, as text; null when the field was cleared", nullable = true, examples = "ACKNOWLEDGED")
            String newValue) {
    }

    /** Records {@code field} going from {@code oldValue} to {@code newValue}; nothing when it did not change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void change(UUID complaintId, String actor, OffsetDateTime at, String action, String field,
                       Object oldValue, Object newValue) {
        if (field != null && Objects.equals(str(oldValue), str(newValue))) {
            return;
        }
        em.createNativeQuery("""
                        insert into complaint_audit (complaint_id, actor, at, action, field, old_value, new_value)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, complaintId).setParameter(2, actor).setParameter(3, at).setParameter(4, action)
                .setParameter(5, field).setParameter(6, str(oldValue)).setParameter(7, str(newValue))
                .executeUpdate();
    }

    /** An action with no single field (a comment, a tag): what happened, no values. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void event(UUID complaintId, String actor, OffsetDateTime at, String action, String detail) {
        change(complaintId, actor, at, action, null, null, detail);
    }

    /** An entry with its keyset position: what the next page starts after. */
    public record Row(Entry entry, long seq) {
    }

    /** Up to {@code max} entries after position {@code afterSeq} (0: from the start), oldest first. */
    public List<Row> of(UUID complaintId, long afterSeq, int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select actor, at, action, field, old_value, new_value, seq from complaint_audit
                        where complaint_id = ?1 and seq > ?2 order by seq limit ?3""")
                .setParameter(1, complaintId).setParameter(2, afterSeq).setParameter(3, max).getResultList();
        return rows.stream().map(r -> new Row(new Entry((String) r[0], SqlTimes.utc(r[1]), (String) r[2], (String) r[3],
                (String) r[4], (String) r[5]), ((Number) r[6]).longValue())).toList();
    }

    /** Times in one format (UTC, seconds always shown) so old and new values compare as text. */
    private static String str(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant().toString();
        }
        return value == null ? null : value.toString();
    }
}
