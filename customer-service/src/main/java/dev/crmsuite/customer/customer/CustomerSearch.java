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

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The customer list: filters plus keyset pagination, newest first. Each filter has an index that
 * starts with it and continues with the sort key, so a page costs the same at any depth. A partner's
 * search only ever reads customers visible to partners: the condition is in every query, so pages are
 * full and the cursor is the last visible row.
 *
 * <p>With {@code q} the order is by rank: exact email or phone (0, newest first), name prefix (1) and
 * email prefix (2) in phone-book order (A to Z, then newest first), name fragment (3, newest first);
 * see {@link CustomerQuery}. Each rank is its own index-backed query limited to one page, a row
 * appears only at its best rank, and a rank is read only when the ranks above it did not fill the
 * page, so a common fragment costs nothing when prefixes fill the page. The cursor is (rank, key,
 * created_at, id).
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

    /**
     * A customer of a search page, the rank it matched at (0 exact, 1 name prefix, 2 email prefix,
     * 3 name fragment) and its sort key within the rank (the lower-case name or the email for the
     * prefix ranks, empty for the others).
     */
    record Ranked(Customer customer, int rank, String key) {

        Cursor cursor() {
            // the key is a name or an address: base64 so that no character of it can break the cursor
            return Cursor.of(rank, Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8)),
                    customer.createdAt, customer.id);
        }
    }

    /** Where the previous search page ended, from its cursor. */
    record After(int rank, String key, OffsetDateTime createdAt, UUID id) {

        static After of(Cursor cursor) {
            if (cursor == null) {
                return null;
            }
            String key;
            try {
                key = new String(Base64.getUrlDecoder().decode(cursor.get(1)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
            return new After(CustomerSearch.rank(cursor.get(0)), key, Timeline.cursorTime(cursor.get(2)), Timeline.cursorId(cursor.get(3)));
        }
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
        After after = After.of(Cursor.decode(cursorToken, 4));
        List<Object> params = new ArrayList<>();
        // Erased customers never matched a search (their search text is blank); the partial indexes
        // on names hold live customers only, and the query must say so to use them.
        String base = "c.merged_into is null and c.erased_at is null" + filters(f, params);
        String sql = sql(q, base, after, params, limit + 1);
        if (sql == null) {
            return Page.of(List.<Ranked>of(), limit, Ranked::cursor, r -> views.of(r.customer()));
        }
        @SuppressWarnings("unchecked")
        NativeQuery<Object[]> query = em.createNativeQuery(sql).unwrap(NativeQuery.class);
        query.addEntity(Customer.class).addScalar("search_rank", StandardBasicTypes.INTEGER).addScalar("search_key", StandardBasicTypes.STRING);
        bind(query, params);
        List<Ranked> rows = query.getResultList().stream().map(r -> new Ranked((Customer) r[0], (Integer) r[1], (String) r[2])).toList();
        return Page.of(rows, limit, Ranked::cursor, r -> views.of(r.customer()));
    }

    /**
     * The ranked search: one CTE per rank, each a page of its own matches after the cursor; a rank's
     * CTE runs only while the ranks above it hold less than a page (PostgreSQL skips a subplan behind a
     * false one-time filter). The prefix ranks are in phone-book order (name or address A to Z, then
     * newest first) because that is the order of their index: a page is a range scan of a page's rows
     * however many customers share the prefix. Exact matches and fragments, which no index orders, are
     * newest first. Null when no rank is left after the cursor.
     */
    static String sql(CustomerQuery q, String base, After after, List<Object> params, int pageRows) {
        int afterRank = after == null ? -1 : after.rank();
        String newest = " order by c.created_at desc, c.id desc limit " + pageRows;
        String newerThanCursor = "";
        if (after != null && afterRank != 2) { // within the email rank the address alone is the position
            params.add(after.createdAt());
            params.add(after.id());
            newerThanCursor = " and (c.created_at, c.id) < (?" + (params.size() - 1) + ", ?" + params.size() + ")";
        }
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
        int key = 0;
        if (after != null && (afterRank == 1 || afterRank == 2)) {
            params.add(after.key());
            key = params.size();
        }
        // collate "C": the order of customer_name_order and customer_email_order (V14), whatever the database's collation
        String name = "lower(c.display_name) collate \"C\"";
        String namePrefix = name + " like ?" + prefix + " escape '\\'";
        String email = "e.email collate \"C\"";
        // the same test per row, for excluding prefix rows from the fragments without a join the planner could misjudge
        String rowEmailPrefix = "exists (select 1 from jsonb_array_elements(c.emails) x where x ->> 'address' like ?" + prefix + " escape '\\')";

        List<String> ctes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (exact != null && afterRank <= 0) {
            ctes.add("r0 as (select c.*, 0 as search_rank, " + NO_KEY + " from customer c where " + base + " and " + exact
                    + (afterRank == 0 ? newerThanCursor : "") + newest + ")");
            names.add("r0");
        }
        if (q.names() && afterRank <= 1) {
            String byName = "select c.*, 1 as search_rank, " + name + " as search_key from customer c where " + guard(names, pageRows)
                    + base + " and " + namePrefix + notExact;
            String alphabetical = " order by " + name + ", c.created_at desc, c.id desc limit " + pageRows;
            if (afterRank == 1) {
                // after (key, created_at, id): the rest of the cursor's name, newest first, then the names after it
                ctes.add("r1 as (select * from ((" + byName + " and " + name + " = ?" + key + newerThanCursor + newest + ") union all ("
                        + byName + " and " + name + " > ?" + key + alphabetical + ")) u order by search_key, created_at desc, id desc limit "
                        + pageRows + ")");
            } else {
                ctes.add("r1 as (" + byName + alphabetical + ")");
            }
            names.add("r1");
        }
        if (afterRank <= 2) {
            // each customer once, at the first of its addresses with the prefix; not again when its name matched
            ctes.add("r2 as (select c.*, 2 as search_rank, " + email + " as search_key from customer_email e join customer c on c.id = e.customer_id"
                    + " where " + guard(names, pageRows) + base + " and " + email + " like ?" + prefix + " escape '\\'"
                    + (afterRank == 2 ? " and " + email + " > ?" + key : "") + notExact + (q.names() ? " and not " + namePrefix : "")
                    // (as a scalar subquery: one index look-up per row; "not exists (a smaller one)" was planned as a
                    // join against every address with the prefix)
                    + " and " + email + " = (select min(f.email collate \"C\") from customer_email f where f.customer_id = e.customer_id"
                    + " and f.email collate \"C\" like ?" + prefix + " escape '\\')"
                    + " order by " + email + " limit " + pageRows + ")");
            names.add("r2");
        }
        if (q.fragment()) {
            params.add("%" + likeEscaped(q.text()) + "%");
            String fragment = "lower(c.display_name) like ?" + params.size() + " escape '\\'";
            ctes.add("r3 as (select c.*, 3 as search_rank, " + NO_KEY + " from customer c where " + guard(names, pageRows) + base + " and " + fragment
                    + " and not " + namePrefix + " and not " + rowEmailPrefix + notExact + (afterRank == 3 ? newerThanCursor : "") + newest + ")");
            names.add("r3");
        }
        if (names.isEmpty()) {
            return null;
        }
        return "with " + String.join(", ", ctes) + " select * from ("
                + String.join(" union all ", names.stream().map(n -> "select * from " + n).toList())
                + ") s order by search_rank, search_key, created_at desc, id desc limit " + pageRows;
    }

    /** The ranks without an order key of their own; typed like the others' so the union has one collation. */
    private static final String NO_KEY = "cast('' as text) collate \"C\" as search_key";

    /** "(rows of the ranks above) < a page and ", or nothing for the first rank. */
    private static String guard(List<String> above, int pageRows) {
        if (above.isEmpty()) {
            return "";
        }
        return String.join(" + ", above.stream().map(n -> "(select count(*) from " + n + ")").toList()) + " < " + pageRows + " and ";
    }

    private static int rank(String s) {
        return switch (s) {
            case "0" -> 0;
            case "1" -> 1;
            case "2" -> 2;
            case "3" -> 3;
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
