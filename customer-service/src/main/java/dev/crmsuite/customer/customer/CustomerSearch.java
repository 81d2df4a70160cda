package dev.crmsuite.customer.customer;

import dev.crmsuite.customer.lifecycle.Stage;
import dev.crmsuite.customer.segment.Segment;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The customer list: filters plus keyset pagination, newest first. Each filter has an index that
 * starts with it and continues with the sort key, so a page costs the same at any depth. A partner's
 * search only ever reads customers visible to partners: the condition is in every query, so pages are
 * full and the cursor is the last visible row.
 *
 * <p>With {@code q} the order is by rank, then newest first: exact email or phone (0), prefix of an
 * email or (for text) of the name (1), fragment of the name (2); see {@link CustomerQuery}. Each rank is its own
 * index-backed query limited to one page, a row appears only at its best rank, and a rank is read
 * only when the ranks above it did not fill the page, so a common fragment costs nothing when prefixes
 * fill the page. The cursor is (rank, created_at, id).
 */
@ApplicationScoped
public class CustomerSearch {

    private final EntityManager em;
    private final CustomerViews views;
    private final PartnerVisibility visibility;
    private final CustomerConfig config;

    public CustomerSearch(EntityManager em, CustomerViews views, PartnerVisibility visibility, CustomerConfig config) {
        this.em = em;
        this.views = views;
        this.visibility = visibility;
        this.config = config;
    }

    public record Filters(String segment, String valueTier, String stage, String tag, String accountManager, String q) {
    }

    /** A customer of a search page and the rank it matched at (0 exact, 1 prefix, 2 fragment). */
    record Ranked(Customer customer, int rank) {
    }

    public Page<CustomerView> list(Filters f, String cursorToken, int limit) {
        if (f.q() != null) {
            return search(f, CustomerQuery.of(f.q(), config.profile().defaultCountryCode()), cursorToken, limit);
        }
        Cursor cursor = Cursor.decode(cursorToken, 2);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select * from customer c where merged_into is null").append(filters(f, params));
        if (cursor != null) {
            sql.append(" and (created_at, id) < (?").append(params.size() + 1).append(", ?").append(params.size() + 2).append(")");
            params.add(Timeline.cursorTime(cursor.get(0)));
            params.add(Timeline.cursorId(cursor.get(1)));
        }
        sql.append(" order by created_at desc, id desc limit ").append(limit + 1);
        Query query = em.createNativeQuery(sql.toString(), Customer.class);
        bind(query, params);
        @SuppressWarnings("unchecked")
        List<Customer> rows = query.getResultList();
        return Page.of(rows, limit, c -> Cursor.of(c.createdAt, c.id), views::of);
    }

    private Page<CustomerView> search(Filters f, CustomerQuery q, String cursorToken, int limit) {
        Cursor cursor = Cursor.decode(cursorToken, 3);
        List<Object> params = new ArrayList<>();
        // Erased customers never matched a search (their search text is blank); the partial indexes
        // on names hold live customers only, and the query must say so to use them.
        String base = "c.merged_into is null and c.erased_at is null" + filters(f, params);
        int afterRank = -1;
        String keyset = "";
        if (cursor != null) {
            afterRank = rank(cursor.get(0));
            keyset = " and (c.created_at, c.id) < (?" + (params.size() + 1) + ", ?" + (params.size() + 2) + ")";
            params.add(Timeline.cursorTime(cursor.get(1)));
            params.add(Timeline.cursorId(cursor.get(2)));
        }
        String sql = sql(q, base, afterRank, keyset, params, limit + 1);
        if (sql == null) {
            return Page.of(List.<Ranked>of(), limit, r -> null, r -> views.of(r.customer()));
        }
        @SuppressWarnings("unchecked")
        NativeQuery<Object[]> query = em.createNativeQuery(sql).unwrap(NativeQuery.class);
        query.addEntity(Customer.class).addScalar("search_rank", StandardBasicTypes.INTEGER);
        bind(query, params);
        List<Ranked> rows = query.getResultList().stream().map(r -> new Ranked((Customer) r[0], (Integer) r[1])).toList();
        return Page.of(rows, limit, r -> Cursor.of(r.rank(), r.customer().createdAt, r.customer().id), r -> views.of(r.customer()));
    }

    /**
     * The ranked search: one CTE per rank, each a page of its own matches after the cursor, newest
     * first; a rank's CTE runs only while the ranks above it hold less than a page (PostgreSQL skips
     * a subplan behind a false one-time filter). Null when no rank is left after the cursor.
     */
    static String sql(CustomerQuery q, String base, int afterRank, String keyset, List<Object> params, int pageRows) {
        String order = " order by c.created_at desc, c.id desc limit " + pageRows;
        String exact = null;
        String notExact = "";
        if (q.email() != null) {
            params.add(q.email());
            int e = params.size();
            exact = "c.id in (select e.customer_id from customer_email e where e.email = ?" + e + ")";
            notExact = " and c.id is distinct from (select e.customer_id from customer_email e where e.email = ?" + e + ")";
        } else if (q.phone() != null) {
            params.add("[{\"number\":\"" + q.phone() + "\"}]");
            int p = params.size();
            exact = "c.phones @> cast(?" + p + " as jsonb)";
            notExact = " and not c.phones @> cast(?" + p + " as jsonb)";
        }
        params.add(likeEscaped(q.text()) + "%");
        int prefix = params.size();
        String namePrefix = "lower(c.display_name) like ?" + prefix + " escape '\\'";
        String emailPrefix = "c.id in (select e.customer_id from customer_email e where e.email like ?" + prefix + " escape '\\')";
        // the same test per row, for excluding rank-1 rows from rank 2 without a join the planner could misjudge
        String rowEmailPrefix = "exists (select 1 from jsonb_array_elements(c.emails) x where x ->> 'address' like ?" + prefix + " escape '\\')";

        List<String> ctes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (exact != null && afterRank <= 0) {
            ctes.add("r0 as (select c.*, 0 as search_rank from customer c where " + base + " and " + exact
                    + (afterRank == 0 ? keyset : "") + order + ")");
            names.add("r0");
        }
        if (afterRank <= 1) {
            String k = afterRank == 1 ? keyset : "";
            // the page of ids first, from two index-only scans (customer_email_prefix, customer_live_created):
            // a prefix shared by thousands of addresses then reads 21 customer rows, not thousands
            String byEmail = "(select c.*, 1 as search_rank from customer c where c.id in (select c.id from customer c where "
                    + base + " and " + emailPrefix + notExact + k + order + ")" + order + ")";
            String byName = "(select c.*, 1 as search_rank from customer c where " + base + " and " + namePrefix + notExact + k + order + ")";
            ctes.add("r1 as (select distinct on (created_at, id) * from (" + (q.names() ? byName + " union all " : "") + byEmail
                    + ") u" + guard(names, pageRows, " where ") + " order by created_at desc, id desc limit " + pageRows + ")");
            names.add("r1");
        }
        if (q.fragment()) {
            params.add("%" + likeEscaped(q.text()) + "%");
            String fragment = "lower(c.display_name) like ?" + params.size() + " escape '\\'";
            ctes.add("r2 as (select c.*, 2 as search_rank from customer c where " + guard(names, pageRows, "") + base + " and " + fragment
                    + " and not " + namePrefix + " and not " + rowEmailPrefix + notExact + (afterRank == 2 ? keyset : "") + order + ")");
            names.add("r2");
        }
        if (names.isEmpty()) {
            return null;
        }
        return "with " + String.join(", ", ctes) + " select * from ("
                + String.join(" union all ", names.stream().map(n -> "select * from " + n).toList())
                + ") s order by search_rank, created_at desc, id desc limit " + pageRows;
    }

    /** "(rows of the ranks above) < a page" and a joiner, or nothing for the first rank. */
    private static String guard(List<String> above, int pageRows, String lead) {
        if (above.isEmpty()) {
            return "";
        }
        String count = String.join(" + ", above.stream().map(n -> "(select count(*) from " + n + ")").toList());
        return lead + count + " < " + pageRows + (lead.isEmpty() ? " and " : "");
    }

    private static int rank(String s) {
        return switch (s) {
            case "0" -> 0;
            case "1" -> 1;
            case "2" -> 2;
            default -> throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        };
    }

    private static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The filters other than q, as " and ..." conditions on alias c. */
    private String filters(Filters f, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (visibility.partnerCalling()) {
            sql.append(" and ").append(PartnerVisibility.visibleSql("c"));
        }
        if (f.segment() != null) {
            sql.append(" and c.segment = ?").append(params.size() + 1);
            params.add(oneOf("segment", f.segment(), Arrays.stream(Segment.values()).map(Enum::name).toList()));
        }
        if (f.valueTier() != null) {
            sql.append(" and c.value_tier = ?").append(params.size() + 1);
            params.add(oneOf("valueTier", f.valueTier(), List.of("A", "B", "C")));
        }
        if (f.stage() != null) {
            sql.append(" and c.stage = ?").append(params.size() + 1);
            params.add(oneOf("stage", f.stage(), Arrays.stream(Stage.values()).map(Enum::name).toList()));
        }
        if (f.tag() != null) {
            if (f.tag().isBlank() || f.tag().length() > 50) {
                throw ProblemException.invalid("tag", "must be 1 to 50 characters");
            }
            sql.append(" and c.tags @> jsonb_build_array(cast(?").append(params.size() + 1).append(" as text))");
            params.add(f.tag().trim().toLowerCase(Locale.ROOT));
        }
        if (f.accountManager() != null) {
            sql.append(" and c.account_manager = ?").append(params.size() + 1);
            params.add(f.accountManager().trim());
        }
        return sql.toString();
    }

    private static void bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ProblemException.invalid(field, "must be one of " + allowed);
        }
        return v;
    }
}
