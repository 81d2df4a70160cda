package dev.crmsuite.complaint.complaint;

import dev.crmsuite.platform.web.CanonicalUuid;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Work queues and lists: filters on indexed columns, oldest first, keyset pages on (filedAt, id).
 * A partner's lists hold only complaints of consenting customers, filtered in the query itself, so
 * a page is as full as the limit allows and its cursor is a visible row's.
 */
@ApplicationScoped
public class ComplaintQueries {

    /** {@code assignee=none}: complaints in a team queue with no handler yet. */
    public static final String NO_ASSIGNEE = "none";

    @Inject
    EntityManager em;
    @Inject
    ComplaintViews views;
    @Inject
    Clock clock;
    @Inject
    VisibleComplaints visible;

    public record Filter(String assignee, String team, String status, Boolean overdue, String customerId, String tag,
                         Boolean customerKnown) {
    }

    @Schema(name = "UnknownCustomer", description = "A customer id complaints were filed for that no crm.customers event has named")
    public record UnknownCustomer(UUID customerId, long complaints, OffsetDateTime firstFiledAt) {
    }

    public Page<ComplaintView> list(Filter f, int limit, String cursorToken) {
        StringBuilder sql = new StringBuilder("select c.id, c.filed_at from complaint c where ")
                .append(visible.visibleSql("c.customer_id"));
        Map<String, Object> params = new HashMap<>();
        if (f.assignee() != null && !f.assignee().isBlank()) {
            if (NO_ASSIGNEE.equals(f.assignee())) {
                sql.append(" and c.assignee is null");
            } else {
                sql.append(" and c.assignee = :assignee");
                params.put("assignee", f.assignee());
            }
        }
        if (f.team() != null && !f.team().isBlank()) {
            sql.append(" and c.team = :team");
            params.put("team", f.team());
        }
        if (f.status() != null && !f.status().isBlank()) {
            try {
                params.put("status", ComplaintStatus.valueOf(f.status().trim().toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of " + List.of(ComplaintStatus.values()));
            }
            sql.append(" and c.status = :status");
        }
        if (f.customerId() != null && !f.customerId().isBlank()) {
            sql.append(" and c.customer_id = :customerId");
            params.put("customerId", uuid("customerId", f.customerId()));
        }
        if (f.tag() != null && !f.tag().isBlank()) {
            sql.append(" and exists (select 1 from complaint_tag t where t.complaint_id = c.id and t.tag = :tag)");
            params.put("tag", f.tag().trim());
        }
        if (f.customerKnown() != null) {
            sql.append(" and c.customer_known = :known");
            params.put("known", f.customerKnown());
        }
        if (f.overdue() != null) {
            String overdue = "((c.acknowledged_at is null and c.respond_by < :now) or "
                    + "(c.status in ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'REOPENED') and c.resolve_by < :now))";
            sql.append(f.overdue() ? " and " + overdue : " and not " + overdue);
            params.put("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        }
        Cursor cursor = Cursor.decode(cursorToken, 2);
        if (cursor != null) {
            try {
                params.put("afterTime", OffsetDateTime.parse(cursor.get(0)));
                params.put("afterId", UUID.fromString(cursor.get(1)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
            sql.append(" and (c.filed_at, c.id) > (:afterTime, :afterId)");
        }
        sql.append(" order by c.filed_at, c.id limit :limit");
        params.put("limit", limit + 1);
        Query query = em.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
        Map<UUID, Complaint> byId = ids.isEmpty() ? Map.of()
                : Complaint.<Complaint>list("id in ?1", ids).stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
        List<Complaint> ordered = ids.stream().map(byId::get).toList();
        Map<UUID, List<String>> tags = tagsOf(ids);
        return Page.of(ordered, limit, c -> Cursor.of(c.filedAt.withOffsetSameInstant(ZoneOffset.UTC), c.id),
                c -> views.of(c, tags.getOrDefault(c.id, List.of())));
    }

    /** The tags of a whole page in one query rather than one per complaint. */
    private Map<UUID, List<String>> tagsOf(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select complaint_id, tag from complaint_tag where complaint_id in (:ids) order by tag")
                .setParameter("ids", ids).getResultList();
        Map<UUID, List<String>> out = new HashMap<>();
        for (Object[] r : rows) {
            out.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        return out;
    }

    /**
     * Customer ids still unknown after {@code olderThan}: the report that catches ids never heard of.
     * Oldest first complaint first; keyset paginated on (first filed at, customer id).
     */
    public List<UnknownCustomer> unknownCustomers(OffsetDateTime filedBefore, OffsetDateTime afterFiledAt, UUID afterId, int max) {
        var query = em.createNativeQuery("""
                        select customer_id, count(*), min(filed_at) from complaint
                        where not customer_known and filed_at <= :filedBefore
                        group by customer_id""" + (afterFiledAt == null ? "" : " having (min(filed_at), customer_id) > (:afterAt, :afterId)")
                        + " order by min(filed_at), customer_id limit :max")
                .setParameter("filedBefore", filedBefore).setParameter("max", max);
        if (afterFiledAt != null) {
            query.setParameter("afterAt", afterFiledAt).setParameter("afterId", afterId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<UnknownCustomer> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new UnknownCustomer((UUID) r[0], ((Number) r[1]).longValue(), SqlTimes.utc(r[2])));
        }
        return out;
    }

    /** Strict: a customer id with spaces around it is refused, not trimmed into someone's id. */
    static UUID uuid(String field, String value) {
        return CanonicalUuid.parse(value).orElseThrow(() -> ProblemException.invalid(field, "must be a UUID"));
    }
}
