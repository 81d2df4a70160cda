package dev.crmsuite.survey.invitation;

import dev.crmsuite.platform.consent.PartnerConsents;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.survey.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The invitation list, newest first and keyset paged. For a partner the filter on consenting
 * customers is part of the query, so a page is as full as it would be without hidden rows and the
 * cursor is the last visible row's; an invitation whose customer was erased (no customer) is never
 * shown to partners.
 */
@ApplicationScoped
public class InvitationSearch {

    private final EntityManager em;

    public InvitationSearch(EntityManager em) {
        this.em = em;
    }

    /** The list's filters; null means "any". */
    public record Filters(UUID customerId, UUID surveyId, InvitationStatus status) {
    }

    /** Up to {@code limit + 1} rows after {@code after} (the extra one tells that another page exists). */
    public List<Invitation> page(Filters filters, Cursor after, int limit, boolean partnerCalling, Instant now) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (partnerCalling) {
            where.add(PartnerConsents.visibleSql("i.customer_id"));
        }
        if (filters.customerId() != null) {
            where.add("i.customer_id = :customer");
            params.put("customer", filters.customerId());
        }
        if (filters.surveyId() != null) {
            where.add("i.survey_id = :survey");
            params.put("survey", filters.surveyId());
        }
        if (filters.status() != null) {
            where.add(switch (filters.status()) {
                case SKIPPED -> "i.status = 'SKIPPED'";
                case ANSWERED -> "i.status = 'ANSWERED'";
                case EXPIRED -> "i.status = 'PENDING' and i.expires_at <= :now";
                case SCHEDULED -> "i.status = 'PENDING' and i.expires_at > :now and i.send_at > :now";
                case OPEN -> "i.status = 'PENDING' and i.expires_at > :now and i.send_at <= :now";
            });
            if (filters.status() != InvitationStatus.SKIPPED && filters.status() != InvitationStatus.ANSWERED) {
                params.put("now", Rows.utc(now));
            }
        }
        if (after != null) {
            try {
                params.put("afterCreated", OffsetDateTime.parse(after.get(0)));
                params.put("afterId", UUID.fromString(after.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
            where.add("(i.created_at < :afterCreated or (i.created_at = :afterCreated and i.id < :afterId))");
        }
        String sql = "select i.* from invitation i" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by i.created_at desc, i.id desc limit " + (limit + 1);
        Query query = em.createNativeQuery(sql, Invitation.class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Invitation> rows = query.getResultList();
        return rows;
    }
}
