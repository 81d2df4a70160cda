package dev.crmsuite.customer.customer;

import dev.crmsuite.customer.lifecycle.Stage;
import dev.crmsuite.customer.segment.Segment;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The customer list: filters plus keyset pagination, newest first. Each filter has an index that
 * starts with it and continues with the sort key, and text search has a trigram index, so a page
 * costs the same at any depth. A partner's search only ever reads customers visible to partners: the
 * condition is in the query, so pages are full and the cursor is the last visible row.
 */
@ApplicationScoped
public class CustomerSearch {

    @Inject
    EntityManager em;
    @Inject
    CustomerViews views;
    @Inject
    PartnerVisibility visibility;

    public record Filters(String segment, String valueTier, String stage, String tag, String accountManager, String q) {
    }

    public Page<CustomerView> list(Filters f, String cursorToken, int limit) {
        Cursor cursor = Cursor.decode(cursorToken, 2);
        StringBuilder sql = new StringBuilder("select * from customer c where merged_into is null");
        if (visibility.partnerCalling()) {
            sql.append(" and ").append(PartnerVisibility.visibleSql("c"));
        }
        List<Object> params = new ArrayList<>();
        if (f.segment() != null) {
            sql.append(" and segment = ?").append(params.size() + 1);
            params.add(oneOf("segment", f.segment(), Arrays.stream(Segment.values()).map(Enum::name).toList()));
        }
        if (f.valueTier() != null) {
            sql.append(" and value_tier = ?").append(params.size() + 1);
            params.add(oneOf("valueTier", f.valueTier(), List.of("A", "B", "C")));
        }
        if (f.stage() != null) {
            sql.append(" and stage = ?").append(params.size() + 1);
            params.add(oneOf("stage", f.stage(), Arrays.stream(Stage.values()).map(Enum::name).toList()));
        }
        if (f.tag() != null) {
            if (f.tag().isBlank() || f.tag().length() > 50) {
                throw ProblemException.invalid("tag", "must be 1 to 50 characters");
            }
            sql.append(" and tags @> jsonb_build_array(cast(?").append(params.size() + 1).append(" as text))");
            params.add(f.tag().trim().toLowerCase(Locale.ROOT));
        }
        if (f.accountManager() != null) {
            sql.append(" and account_manager = ?").append(params.size() + 1);
            params.add(f.accountManager().trim());
        }
        if (f.q() != null) {
            String term = ContactPoints.searchTerm(f.q());
            if (term.length() < 2 || term.length() > 100) {
                throw ProblemException.invalid("q", "must be 2 to 100 characters");
            }
            sql.append(" and search_text like ?").append(params.size() + 1).append(" escape '\\'");
            params.add("%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (cursor != null) {
            sql.append(" and (created_at, id) < (?").append(params.size() + 1).append(", ?").append(params.size() + 2).append(")");
            params.add(Timeline.cursorTime(cursor.get(0)));
            params.add(Timeline.cursorId(cursor.get(1)));
        }
        sql.append(" order by created_at desc, id desc limit ").append(limit + 1);
        Query query = em.createNativeQuery(sql.toString(), Customer.class);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Customer> rows = query.getResultList();
        return Page.of(rows, limit, c -> Cursor.of(c.createdAt, c.id), views::of);
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ProblemException.invalid(field, "must be one of " + allowed);
        }
        return v;
    }
}
