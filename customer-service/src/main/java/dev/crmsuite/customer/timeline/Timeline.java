package dev.crmsuite.customer.timeline;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.customer.customer.PartnerVisibility;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.sql.RowsAtCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The customer's story: one row per thing that happened, read newest first. A reader sees only the
 * entries their scopes allow ({@link #entriesVisibleSql}): entries copied from another service's
 * events need that service's read scope, and a partner does not see entries naming a customer
 * hidden from partners.
 */
@ApplicationScoped
public class Timeline {

    private static final RowsAtCommit.Table TABLE = RowsAtCommit.Table.of("timeline_entry", "id", "uuid", "customer_id", "uuid",
            "occurred_at", "timestamptz", "kind", "text", "ref_id", "text", "summary", "text", "data", "jsonb");

    /**
     * The scope an entry kind needs beyond customers:read: complaints, survey answers and loyalty
     * milestones come from the other services and are theirs to grant. Other kinds are this service's.
     */
    static final Map<String, String> SCOPE_OF_KIND = Map.of(
            "COMPLAINT_FILED", Scopes.COMPLAINTS_READ,
            "COMPLAINT_RESOLVED", Scopes.COMPLAINTS_READ,
            "SURVEY_ANSWERED", Scopes.SURVEYS_READ,
            "LOYALTY_JOINED", Scopes.LOYALTY_READ,
            "LOYALTY_TIER_CHANGED", Scopes.LOYALTY_READ);

    @Inject
    EntityManager em;
    @Inject
    RowsAtCommit rows;
    @Inject
    Callers callers;

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(UUID customerId, OffsetDateTime occurredAt, String kind, String refId, String summary, Object data) {
        // with the transaction's other entries, just before it commits (RowsAtCommit)
        rows.add(TABLE, UUID.randomUUID().toString(), customerId.toString(), occurredAt.toString(), kind, refId, summary,
                EventJson.write(data == null ? java.util.Map.of() : data));
    }

    /** Writes this transaction's new entries now, for a statement of the same transaction that reads or moves them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void flush() {
        rows.flush(TABLE);
    }

    /** The entry kinds the caller may not read (every kind that needs a scope, outside a request). */
    Set<String> kindsHiddenFrom(Caller caller) {
        return SCOPE_OF_KIND.entrySet().stream().filter(e -> caller == null || !caller.has(e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * SQL condition on {@code timeline_entry} (unaliased): the entries the current caller may read.
     * In the query, so pages are full and cursors come from entries the caller saw.
     */
    public String entriesVisibleSql() {
        Caller caller = callers.current().orElse(null);
        StringBuilder sql = new StringBuilder("true");
        Set<String> hiddenKinds = kindsHiddenFrom(caller);
        if (!hiddenKinds.isEmpty()) {
            // Constants of this class, never input: safe to inline.
            sql.append(" and kind not in (").append(hiddenKinds.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", ")))
                    .append(')');
        }
        if (caller == null || caller.isPartner()) {
            // A referral names the other customer (data.referredId / data.referrerId); a merge names a
            // merged duplicate, which partners never see.
            sql.append(" and kind <> 'MERGED' and (kind <> 'REFERRAL' or ")
                    .append(PartnerVisibility.visibleIdSql("cast(coalesce(data ->> 'referredId', data ->> 'referrerId') as uuid)"))
                    .append(')');
        }
        return sql.toString();
    }

    public Page<TimelineItem> page(UUID customerId, String cursorToken, int limit) {
        Cursor cursor = Cursor.decode(cursorToken, 2);
        String sql = """
                select id, occurred_at, kind, ref_id, summary, cast(data as text) from timeline_entry
                where customer_id = ?1""" + " and " + entriesVisibleSql() + (cursor == null ? "" : " and (occurred_at, id) < (?2, ?3)")
                + " order by occurred_at desc, id desc limit " + (limit + 1);
        var query = em.createNativeQuery(sql).setParameter(1, customerId);
        if (cursor != null) {
            query.setParameter(2, parseTime(cursor.get(0))).setParameter(3, parseId(cursor.get(1)));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return Page.of(rows, limit, r -> Cursor.of(SqlTimes.utc(r[1]), r[0]), r -> {
            try {
                return new TimelineItem((UUID) r[0], SqlTimes.utc(r[1]), (String) r[2], (String) r[3], (String) r[4],
                        EventJson.MAPPER.readTree((String) r[5]));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static OffsetDateTime parseTime(String s) {
        try {
            return OffsetDateTime.parse(s);
        } catch (RuntimeException e) {
            throw dev.crmsuite.platform.problem.ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
    }

    static UUID parseId(String s) {
        try {
            return UUID.fromString(s);
        } catch (RuntimeException e) {
            throw dev.crmsuite.platform.problem.ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
    }

    public static OffsetDateTime cursorTime(String s) {
        return parseTime(s);
    }

    public static UUID cursorId(String s) {
        return parseId(s);
    }
}
