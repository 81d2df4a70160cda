package dev.crmsuite.customer.customer;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of a ranked search ({@link CustomerSearch}), one or two per rank, in the order
 * the ranks are read, each answering ids (with created_at, rank and key) that the search then loads
 * as one batch of customers: exact email or phone (0, newest first), name prefix (1) and email prefix (2)
 * in phone-book order (the name or address A to Z, then newest first, the order of their indexes:
 * a page is a range scan of its own rows however many customers share the prefix), name fragment
 * (3, newest first: the candidates of the suffix index, V19, or, for a fragment with too many of
 * them, a walk of the suffixes that start as it does, V20, with the newest-first windows after it
 * when it does not fill the page). A row appears only at its best rank: each statement excludes what
 * the ranks above it match.
 *
 * <p>Separate statements, run one after the other only while the page is not full, rather than one
 * statement with a common table expression per rank: planning that statement (five subqueries over
 * a table with twenty indexes) cost 6-10 ms of PostgreSQL's CPU per search at a million customers,
 * five times executing it, and PostgreSQL plans every branch even when the first fills the page.
 */
final class SearchRanks {

    /**
     * How many of the newest live customers a fragment with more than {@link #FRAGMENT_CANDIDATES}
     * candidates whose walk ({@link #WALKED_SUFFIXES}) did not fill the page reads index-only before it
     * reads every match instead: about 1 ms, and enough to fill
     * a page with any fragment one customer in 500 shares. Larger windows cost every rarer fragment
     * more; smaller ones send more fragments to the slower statement that reads all matches.
     */
    static final int FRAGMENT_WINDOW = 10_000;

    /**
     * The wider window read when the first one found some of a fragment's matches but not a page:
     * the fragment is common (one customer in 10,000 or more) yet not common enough for the newest
     * 10,000. Reading every match instead cost such fragments 119 ms of PostgreSQL on average in the
     * bench of 2026-12-04 14:49 (thousands of matches, each a heap row read back from disk), while
     * this window stops as soon as the page is full (a few ms index-only). A fragment the first
     * window did not find at all goes straight to every match, which are few.
     */
    static final int WIDE_FRAGMENT_WINDOW = 100_000;

    /**
     * How many of a fragment's candidates (customer_name_suffix, V19) the search sorts newest first
     * at most. Up to it the candidates are all of the fragment's matches and their statement answers
     * the rank alone; past it the fragment is common enough that its walk (V20) fills a page within
     * at most 20 x 365,000 / 2,000 = 3,650 suffixes at a million customers. Both cost about the same
     * there; the walk costs a common fragment less the more candidates it has, the sort more. In psql
     * at a million customers (generic plans, 2026-12-05): sorting the 2,500 candidates of "ukas mue",
     * "ofia hof" or "oah zho" 1.0-2.1 ms, their walks 0.26-0.40 ms; the walk of the commonest three
     * characters ("ang") 0.41-0.50 ms for 2,000 suffixes. (4,000 before the walk, when the alternative
     * was the newest-first window at 1.6 ms.)
     */
    static final int FRAGMENT_CANDIDATES = 2_000;

    /**
     * How many suffixes a common fragment's walk (V20) reads at most before the newest-first windows
     * take over. A walk fills its page within about 20 x 365,000 / 2,000 = 3,650 suffixes at a million
     * customers (the commonest three characters start 365,000 suffixes); the bound only stops a walk
     * whose suffixes fail the customer row's checks (a fragment longer than {@link #SUFFIX_LENGTH}
     * whose first characters are common) from reading all of them.
     */
    static final int WALKED_SUFFIXES = 20_000;

    /** The rank of the row a candidates statement answers when there were too many of them. */
    static final int TOO_MANY_CANDIDATES = -1;

    /** The longest suffix customer_name_suffix keeps (V19): longer fragments are looked up by their first 16 characters. */
    static final int SUFFIX_LENGTH = 16;

    /**
     * One statement: its rank, SQL and parameters. A fallback replaces the rows its rank's previous
     * statement found; it runs only when those did not fill the page (they are among its own), and
     * with {@code onlyAfterSome} only when they were at least one. With {@code genericPlan} it runs on
     * one generic plan ({@link dev.crmsuite.platform.sql.JdbcStatement#listPlannedGenerically}): the
     * exact email and the prefix ranks, whose best plan is the same whatever the text (a unique address; a
     * range of a phone-book index in its order), and whose planning with each text's values cost
     * PostgreSQL more than running them (0.4-0.8 ms against 0.08 ms); the exact phone too, whose
     * matches are read whole before they are ordered; the fragment's candidates too (a capped range of
     * the suffix index, whatever the text). Not the fragment windows (how many customers share one
     * decides their plan), and none when the caller filters by segment, tier, stage, tag or manager (how
     * common the value is decides the plan). A {@code candidates} statement answers its rank
     * completely (the later statements of the rank are skipped) unless it answers a row of rank
     * {@link #TOO_MANY_CANDIDATES} instead.
     */
    record Statement(int rank, String sql, List<Object> params, boolean fallback, boolean onlyAfterSome, boolean genericPlan,
                     boolean candidates) {

        /** The statement for plain JDBC (positional parameters). */
        dev.crmsuite.platform.sql.JdbcStatement jdbc() {
            return dev.crmsuite.platform.sql.JdbcStatement.of(sql, params);
        }

        /** The SQL for plain JDBC: each numbered parameter ?n becomes a ?, see {@link #jdbcParams()}. */
        String jdbcSql() {
            return jdbc().sql();
        }

        /** The parameters in the order of the ?s of {@link #jdbcSql()} (a numbered one used twice is bound twice). */
        List<Object> jdbcParams() {
            return jdbc().params();
        }
    }

    /** What every statement answers: the page's ids in order, with the rank and key each matched at. */
    private static final String HIT = "%1$s.id, %1$s.created_at, %2$d as search_rank, %3$s as search_key";
    /** The key of the ranks ordered by recency alone. */
    private static final String NO_KEY = "''";
    // collate "C": the order of customer_name_order and customer_email_order (V14), whatever the database's collation
    private static final String NAME = "lower(c.display_name) collate \"C\"";
    private static final String EMAIL = "e.email collate \"C\"";

    private SearchRanks() {
    }

    /**
     * The statements for {@code q} after the cursor {@code after} (null: the first page), each
     * limited to {@code pageRows}. {@code base} is the condition every customer row must meet (live,
     * visible to the caller, the list's filters) with its parameters {@code baseParams} (?1...);
     * {@code window} the same condition on a fragment window's rows (alias w), or null when it needs
     * columns the window does not hold. Empty when no rank is left after the cursor.
     */
    static List<Statement> statements(CustomerQuery q, String base, List<Object> baseParams, boolean filtered, String window,
                                      CustomerSearch.After after, int pageRows) {
        boolean generic = !filtered;
        int afterRank = after == null ? -1 : after.rank();
        List<Statement> statements = new ArrayList<>();
        if (q.email() != null && afterRank <= 0) {
            Sql s = new Sql(baseParams);
            s.append("select " + HIT.formatted("c", 0, NO_KEY) + " from customer c where " + base + " and ").append(exact(q, s));
            if (afterRank == 0) {
                s.append(newerThan(after, s));
            }
            statements.add(s.statement(0, newest(pageRows), false, false, generic));
        } else if (q.phone() != null && afterRank <= 0) {
            // Every customer with the number through the phones index, then the newest of them: materialized,
            // so that a plan made without the number cannot walk the newest-first list instead (which it
            // chose when it did not know how rare a number is: past every customer for one match)
            Sql s = new Sql(baseParams);
            s.append("with m as materialized (select c.id, c.created_at from customer c where " + base + " and ").append(exact(q, s));
            if (afterRank == 0) {
                s.append(newerThan(after, s));
            }
            s.append(") select " + HIT.formatted("m", 0, NO_KEY) + " from m");
            statements.add(s.statement(0, " order by m.created_at desc, m.id desc limit " + pageRows, false, false, generic));
        }
        if (q.names() && afterRank <= 1) {
            Sql s = new Sql(baseParams);
            Prefix prefix = Prefix.of(q, s);
            String byName = "select " + HIT.formatted("c", 1, NAME) + " from customer c where " + base
                    + " and " + prefix.of(NAME) + notExact(q, s);
            String alphabetical = " order by " + NAME + ", c.created_at desc, c.id desc limit " + pageRows;
            if (afterRank == 1) {
                // after (key, created_at, id): the rest of the cursor's name, newest first, then the names after it
                String key = s.param(after.key());
                s.append("select * from ((" + byName + " and " + NAME + " = " + key + newerThan(after, s) + newest(pageRows) + ") union all ("
                        + byName + " and " + NAME + " > " + key + alphabetical + ")) u order by search_key, created_at desc, id desc");
                statements.add(s.statement(1, " limit " + pageRows, false, false, generic));
            } else {
                s.append(byName);
                statements.add(s.statement(1, alphabetical, false, false, generic));
            }
        }
        if (afterRank <= 2) {
            Sql s = new Sql(baseParams);
            // each customer once, at the first of its addresses with the prefix; not again when its name matched
            Prefix prefix = Prefix.of(q, s);
            s.append("select " + HIT.formatted("c", 2, EMAIL) + " from customer_email e join customer c on c.id = e.customer_id"
                    + " where " + base + " and " + prefix.of(EMAIL));
            if (afterRank == 2) { // within the email rank the address alone is the position
                s.append(" and " + EMAIL + " > " + s.param(after.key()));
            }
            s.append(notExact(q, s));
            if (q.names()) {
                s.append(" and not " + prefix.of(NAME));
            }
            // (as a scalar subquery: one index look-up per row; "not exists (a smaller one)" was planned as a
            // join against every address with the prefix)
            s.append(" and " + EMAIL + " = (select min(f.email collate \"C\") from customer_email f where f.customer_id = e.customer_id"
                    + " and " + prefix.of("f.email collate \"C\"") + ")");
            statements.add(s.statement(2, " order by " + EMAIL + " limit " + pageRows, false, false, generic));
        }
        if (q.fragment()) {
            boolean windowed = window != null && q.email() == null && q.phone() == null;
            if (windowed) {
                // Every match from the suffix index (V19), newest first, when they are few enough to sort
                statements.add(candidates(q, base, baseParams, window, after, afterRank, pageRows));
                // Too many candidates: the newest of them, walked among the suffixes with the fragment's first three characters (V20)
                statements.add(walk(q, base, baseParams, window, after, afterRank, pageRows));
                // The walk did not fill the page (the fragment's last page, or WALKED_SUFFIXES read first): the newest
                // FRAGMENT_WINDOW live customers after the cursor instead, read index-only from customer_recent_names
                // (V15) with the stored lower-case name: a fragment most customers share fills the page there; one that
                // it found but not often enough gets the wider window.
                statements.add(window(q, window, after, afterRank, FRAGMENT_WINDOW).statement(3,
                        " order by w.created_at desc, w.id desc limit " + pageRows, true, false, false));
                statements.add(window(q, window, after, afterRank, WIDE_FRAGMENT_WINDOW).statement(3,
                        " order by w.created_at desc, w.id desc limit " + pageRows, true, true, false));
            }
            // Every match, through the trigram indexes (materialized, so the planner cannot turn it into a
            // walk of the whole newest-first list: a fragment it expects often but that matches nothing
            // the caller may see walked a million rows, 1.25 s), and the newest of them.
            Sql s = new Sql(baseParams);
            String fragment = fragment(q, s, "lower(c.display_name)");
            String cursor = afterRank == 3 ? newerThan(after, s) : "";
            s.append("with m as materialized (select c.id, c.created_at from customer c where " + base + " and " + fragment
                    + notExact(q, s) + cursor + ") select " + HIT.formatted("m", 3, NO_KEY) + " from m where "
                    + noEmailPrefix(q, s, "m"));
            statements.add(s.statement(3, " order by m.created_at desc, m.id desc limit " + pageRows, windowed, false, false));
        }
        return statements;
    }

    /**
     * A fragment's matches through customer_name_suffix (V19): the suffixes that start with the
     * fragment (its first {@link #SUFFIX_LENGTH} characters) on the window's condition (alias w: the
     * copied partner consent) name the candidates; newest first, each is checked on its customer row
     * against every condition of the rank (the fragment in full, not at the start, the caller's base
     * condition, not an email prefix) until the page is full; each customer once (a name with the
     * fragment twice has two such suffixes). With more than
     * {@link #FRAGMENT_CANDIDATES} candidates it answers one row of rank {@link #TOO_MANY_CANDIDATES}
     * instead, and reads no customer.
     *
     * <p>The cap is a probe (the candidate past it, {@code many}) rather than a count of the candidates
     * read once: counting needs them all materialized before the sort, which cost 0.5 ms more per
     * search at 2,500 candidates (EXPLAIN ANALYZE, a million customers). The candidates are sorted
     * rather than merged in order because one fragment spans many suffixes ("ukas mue" starts
     * "ukas mueller" and "ukas muehl..."), each in its own part of the index.
     */
    private static Statement candidates(CustomerQuery q, String base, List<Object> baseParams, String window,
                                        CustomerSearch.After after, int afterRank, int pageRows) {
        Sql s = new Sql(baseParams);
        PrefixRange range = PrefixRange.of(firstCodePoints(q.text(), SUFFIX_LENGTH));
        String from = s.param(range.from());
        String to = range.to() == null ? "" : " and w.suffix < " + s.param(range.to());
        String cursor = suffixesAfter(after, afterRank, s);
        String candidate = "customer_name_suffix w where w.suffix >= " + from + to + " and " + window + cursor;
        String fragment = fragment(q, s, "c.name_lower");
        s.append("with many as materialized (select 1 from " + candidate + " offset " + FRAGMENT_CANDIDATES + " limit 1)"
                + " select * from ((select " + HIT.formatted("c", 3, NO_KEY)
                + " from (select distinct on (w.created_at, w.customer_id) w.customer_id, w.created_at from " + candidate
                + " order by w.created_at desc, w.customer_id desc) h join customer c on c.id = h.customer_id"
                + " where not exists (select 1 from many) and " + base + " and " + fragment + " and " + noEmailPrefix(q, s, "c")
                + " order by h.created_at desc, h.customer_id desc limit " + pageRows + ")"
                + " union all (select null, null, " + TOO_MANY_CANDIDATES + ", " + NO_KEY + " from many)) r");
        return s.statement(3, "", false, false, true, true);
    }

    /**
     * A common fragment's matches (more than {@link #FRAGMENT_CANDIDATES} candidates) newest first:
     * the suffixes (V19) that start with the fragment's first three characters, walked newest first
     * in their index (V20) after the cursor on the window's condition (alias w), at most
     * {@link #WALKED_SUFFIXES} of them; those that start with the fragment (its first
     * {@link #SUFFIX_LENGTH} characters) are checked on their customer row as the candidates are,
     * until the page is full. The walk stops at the page: for a fragment with many candidates that is
     * about 20 x (suffixes with its three characters) / (its candidates) entries.
     */
    private static Statement walk(CustomerQuery q, String base, List<Object> baseParams, String window,
                                  CustomerSearch.After after, int afterRank, int pageRows) {
        Sql s = new Sql(baseParams);
        String start = s.param(firstCodePoints(q.text(), 3));
        PrefixRange range = PrefixRange.of(firstCodePoints(q.text(), SUFFIX_LENGTH));
        String from = s.param(range.from());
        String to = range.to() == null ? "" : " and w.suffix < " + s.param(range.to());
        String cursor = suffixesAfter(after, afterRank, s);
        String fragment = fragment(q, s, "c.name_lower");
        s.append("select " + HIT.formatted("c", 3, NO_KEY) + " from (select distinct on (w.created_at, w.customer_id) w.customer_id, w.created_at"
                + " from (select w.customer_id, w.created_at, w.suffix from customer_name_suffix w where left(w.suffix, 3) = " + start
                + " and " + window + cursor + " order by left(w.suffix, 3), w.created_at desc, w.customer_id desc limit " + WALKED_SUFFIXES
                + ") w where w.suffix >= " + from + to + " order by w.created_at desc, w.customer_id desc) h join customer c on c.id = h.customer_id"
                + " where " + base + " and " + fragment + " and " + noEmailPrefix(q, s, "c"));
        return s.statement(3, " order by h.created_at desc, h.customer_id desc limit " + pageRows, false, false, true);
    }

    /** " and (the suffix row is older than the cursor)" when the cursor is in the fragment rank, else nothing. */
    private static String suffixesAfter(CustomerSearch.After after, int afterRank, Sql s) {
        return afterRank == 3 ? " and (w.created_at, w.customer_id) < (" + s.param(after.createdAt()) + ", " + s.param(after.id()) + ")" : "";
    }

    /** The first {@code n} code points of {@code text} (all of it when shorter). */
    private static String firstCodePoints(String text, int n) {
        return text.codePoints().limit(n).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** A fragment's matches among the newest {@code size} live customers after the cursor (alias w). */
    private static Sql window(CustomerQuery q, String window, CustomerSearch.After after, int afterRank, int size) {
        Sql s = new Sql(List.of());
        String fragment = fragment(q, s, "w.name_lower");
        String cursor = afterRank == 3 ? newerThan(after, s) : "";
        s.append("select " + HIT.formatted("w", 3, NO_KEY) + " from (select c.id, c.created_at, c.name_lower,"
                + " c.consent_partner_sharing from customer c where c.merged_into is null and c.erased_at is null" + cursor
                + " order by c.created_at desc, c.id desc limit " + size + ") w where " + window + " and " + fragment
                + " and " + noEmailPrefix(q, s, "w"));
        return s;
    }

    private static String newest(int pageRows) {
        return " order by c.created_at desc, c.id desc limit " + pageRows;
    }

    private static String newerThan(CustomerSearch.After after, Sql s) {
        String at = s.param(after.createdAt());
        return " and (c.created_at, c.id) < (" + at + ", " + s.param(after.id()) + ")";
    }

    private static String exact(CustomerQuery q, Sql s) {
        if (q.email() != null) {
            return "c.id in (select e.customer_id from customer_email e where e.email = " + s.param(q.email()) + ")";
        }
        return "c.phones @> cast(" + s.param(phoneJson(q)) + " as jsonb)";
    }

    /** " and not (the exact match)", or nothing when q is neither an email nor a phone. */
    private static String notExact(CustomerQuery q, Sql s) {
        if (q.email() != null) {
            return " and c.id is distinct from (select e.customer_id from customer_email e where e.email = " + s.param(q.email()) + ")";
        }
        if (q.phone() != null) {
            return " and not c.phones @> cast(" + s.param(phoneJson(q)) + " as jsonb)";
        }
        return "";
    }

    /** Anywhere in the lower-case name {@code name}, but not at its start (rank 1 lists those). */
    private static String fragment(CustomerQuery q, Sql s, String name) {
        String anywhere = s.param("%" + likeEscaped(q.text()) + "%");
        return name + " like " + anywhere + " escape '\\' and not " + name + " collate \"C\" like " + s.param(prefix(q)) + " escape '\\'";
    }

    /** Not an email prefix match (rank 2 lists those), for the customer whose id is {@code alias}.id. */
    private static String noEmailPrefix(CustomerQuery q, Sql s, String alias) {
        return "not exists (select 1 from customer_email e where e.customer_id = " + alias + ".id and " + EMAIL + " like "
                + s.param(prefix(q)) + " escape '\\')";
    }

    /** The placeholders of q's text as a {@link PrefixRange}: a condition that a column starts with it. */
    private record Prefix(String from, String to) {

        static Prefix of(CustomerQuery q, Sql s) {
            PrefixRange range = PrefixRange.of(q.text());
            return new Prefix(s.param(range.from()), range.to() == null ? null : s.param(range.to()));
        }

        /** {@code column} (collate "C") starts with the text: a range of its index. */
        String of(String column) {
            return to == null ? "(" + column + " >= " + from + ")" : "(" + column + " >= " + from + " and " + column + " < " + to + ")";
        }
    }

    private static String prefix(CustomerQuery q) {
        return likeEscaped(q.text()) + "%";
    }

    private static String phoneJson(CustomerQuery q) {
        return "[{\"number\":\"" + q.phone() + "\"}]";
    }

    private static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A statement being written: its text and its positional parameters. */
    private static final class Sql {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> params;

        Sql(List<Object> baseParams) {
            this.params = new ArrayList<>(baseParams);
        }

        Sql append(String part) {
            text.append(part);
            return this;
        }

        /** Adds a parameter and answers its placeholder. */
        String param(Object value) {
            params.add(value);
            return "?" + params.size();
        }

        Statement statement(int rank, String tail, boolean fallback, boolean onlyAfterSome, boolean genericPlan) {
            return statement(rank, tail, fallback, onlyAfterSome, genericPlan, false);
        }

        Statement statement(int rank, String tail, boolean fallback, boolean onlyAfterSome, boolean genericPlan, boolean candidates) {
            return new Statement(rank, text + tail, List.copyOf(params), fallback, onlyAfterSome, genericPlan, candidates);
        }
    }
}
