package dev.crmsuite.customer.customer;

import dev.crmsuite.customer.lifecycle.Stage;
import dev.crmsuite.customer.segment.Segment;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.sql.JdbcStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;

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
 * see {@link CustomerQuery}. Each rank is its own index-backed statement limited to one page
 * ({@link SearchRanks}), a row appears only at its best rank, and a rank is read only when the ranks
 * above it did not fill the page, so a common fragment costs nothing when prefixes fill the page. The
 * cursor is (rank, key, created_at, id).
 */
@ApplicationScoped
public class CustomerSearch {

    private final EntityManager em;
    private final CustomerViews views;
    private final PartnerVisibility visibility;
    private final CustomerConfig config;
    private final SessionFactory sessionFactory;
    private final Customers customersById;

    public CustomerSearch(EntityManager em, CustomerViews views, PartnerVisibility visibility, CustomerConfig config,
                          SessionFactory sessionFactory, Customers customersById) {
        this.em = em;
        this.customersById = customersById;
        this.sessionFactory = sessionFactory;
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
        try (StatelessSession reader = sessionFactory.openStatelessSession()) { // read only, as the search page below
            Query query = reader.createNativeQuery(sql.toString(), Customer.class);
            bind(query, params);
            @SuppressWarnings("unchecked")
            List<Customer> rows = query.getResultList();
            return Page.of(rows, limit, c -> Cursor.of(c.createdAt, c.id), views::of);
        }
    }

    private Page<CustomerView> search(Filters f, CustomerQuery q, String cursorToken, int limit) {
        After after = After.of(Cursor.decode(cursorToken, 4));
        List<Object> params = new ArrayList<>();
        // Erased customers never matched a search (their search text is blank); the partial indexes
        // on names hold live customers only, and the query must say so to use them.
        String base = "c.merged_into is null and c.erased_at is null" + filters(f, params);
        int pageRows = limit + 1;
        List<Hit> hits = new ArrayList<>();
        int answeredRank = Integer.MIN_VALUE; // a rank whose candidates statement read all of its matches
        for (SearchRanks.Statement statement : SearchRanks.statements(q, base, params, filtered(f), fragmentWindow(f), after, pageRows)) {
            if (hits.size() >= pageRows) {
                break; // the ranks above filled the page: the rest is never planned
            }
            if (statement.rank() == answeredRank) {
                continue;
            }
            if (statement.onlyAfterSome() && hits.stream().noneMatch(h -> h.rank() == statement.rank())) {
                continue;
            }
            if (statement.fallback()) {
                hits.removeIf(h -> h.rank() == statement.rank());
            }
            // plain JDBC: a rank answers ids, nothing for Hibernate to map, whose cost per native query
            // (resolving its result mapping, about a millisecond) was paid up to four times a search
            JdbcStatement.RowReader<Hit> hit = row -> new Hit(row.getObject("id", UUID.class), row.getInt("search_rank"),
                    row.getString("search_key"));
            List<Hit> found = statement.genericPlan() ? statement.jdbc().listPlannedGenerically(em, hit) : statement.jdbc().list(em, hit);
            if (statement.candidates()) {
                List<Hit> matches = found.stream().filter(h -> h.rank() != SearchRanks.TOO_MANY_CANDIDATES).toList();
                if (matches.size() == found.size()) {
                    answeredRank = statement.rank(); // every match was among the candidates: the rank's other statements are not needed
                }
                found = matches;
            }
            hits.addAll(found);
        }
        List<Hit> page = hits.size() > pageRows ? hits.subList(0, pageRows) : hits;
        // The page's customers in one statement, in the order of the hits (null for one deleted since),
        // read only: a persistence context copied each customer's five JSON columns into a snapshot for a
        // dirty check nobody makes.
        List<Customer> customers = customersById.readAll(page.stream().map(Hit::id).toList());
        List<Ranked> rows = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            if (customers.get(i) != null) {
                rows.add(new Ranked(customers.get(i), page.get(i).rank(), page.get(i).key()));
            }
        }
        return Page.of(rows, limit, Ranked::cursor, r -> views.of(r.customer()));
    }

    /** A customer a search statement found: its id, rank and key within the rank. */
    private record Hit(UUID id, int rank, String key) {
    }

    /**
     * The condition on the window's rows (alias w) standing for the caller's filters, or null when a
     * filter needs a column the window does not hold (segment, tier, stage, tag, account manager):
     * such a search reads all fragment matches at once.
     */
    private String fragmentWindow(Filters f) {
        if (filtered(f)) {
            return null;
        }
        return visibility.partnerCalling() ? "w.consent_partner_sharing" : "true";
    }

    /** Whether a filter besides q narrows the list (segment, value tier, stage, tag, account manager). */
    private static boolean filtered(Filters f) {
        return f.segment() != null || f.valueTier() != null || f.stage() != null || f.tag() != null || f.accountManager() != null;
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
