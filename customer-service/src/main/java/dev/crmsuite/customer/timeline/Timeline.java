package dev.crmsuite.customer.timeline;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.customer.lifecycle.Lifecycle;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The customer's story: one row per thing that happened, read newest first. */
@ApplicationScoped
public class Timeline {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(UUID customerId, OffsetDateTime occurredAt, String kind, String refId, String summary, Object data) {
        em.createNativeQuery("""
                        insert into timeline_entry (id, customer_id, occurred_at, kind, ref_id, summary, data)
                        values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb))""")
                .unwrap(org.hibernate.query.NativeQuery.class).addSynchronizedQuerySpace("timeline_entry")
                .setParameter(1, UUID.randomUUID()).setParameter(2, customerId).setParameter(3, occurredAt)
                .setParameter(4, kind).setParameter(5, refId).setParameter(6, summary)
                .setParameter(7, EventJson.write(data == null ? java.util.Map.of() : data))
                .executeUpdate();
    }

    public Page<TimelineItem> page(UUID customerId, String cursorToken, int limit) {
        Cursor cursor = Cursor.decode(cursorToken, 2);
        String sql = """
                select id, occurred_at, kind, ref_id, summary, cast(data as text) from timeline_entry
                where customer_id = ?1""" + (cursor == null ? "" : " and (occurred_at, id) < (?2, ?3)")
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
