package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a search text is classified: exact email, exact phone, prefix, fragment (plain unit test). */
class CustomerQueryTest {

    static CustomerQuery q(String q) {
        return CustomerQuery.of(q, "86");
    }

    @Test
    void a_well_formed_email_is_an_exact_match_and_a_prefix_but_never_a_fragment() {
        assertThat(q("  Li.Wei@Example.COM ")).isEqualTo(new CustomerQuery("li.wei@example.com", "li.wei@example.com", null, false, false));
        // half an address is only a prefix
        assertThat(q("li.wei@exa")).isEqualTo(new CustomerQuery("li.wei@exa", null, null, false, false));
        assertThat(q("li.wei@exa").exact()).isFalse();
    }

    @Test
    void every_spelling_the_profile_normaliser_accepts_is_the_same_phone() {
        for (String spelling : List.of("138 0013 8000", "+86 138-0013-8000", "0086 (138) 0013 8000", "13800138000", "+8613800138000")) {
            CustomerQuery query = q(spelling);
            assertThat(query.phone()).as(spelling).isEqualTo("+8613800138000");
            assertThat(query.email()).isNull();
            assertThat(query.fragment()).as("digits are never a name fragment").isFalse();
            assertThat(query.names()).as("nor the beginning of a name").isFalse();
        }
        // what the normaliser reads is matched exactly, never as part of a longer number
        assertThat(q("138 0013").phone()).isEqualTo("+861380013");
        // too few digits for a phone: prefix only, and no fragment
        assertThat(q("138 00")).isEqualTo(new CustomerQuery("138 00", null, null, false, false));
    }

    @Test
    void other_text_is_a_prefix_and_from_three_characters_a_name_fragment() {
        assertThat(q("  Anna   Schmidt ")).isEqualTo(new CustomerQuery("anna schmidt", null, null, true, true));
        assertThat(q("chm").fragment()).isTrue();
        assertThat(q("li")).isEqualTo(new CustomerQuery("li", null, null, true, false));
        assertThat(q("100%_")).isEqualTo(new CustomerQuery("100%_", null, null, true, true));
    }

    @Test
    void too_short_or_too_long_is_a_400_naming_q() {
        assertThatThrownBy(() -> q(" x ")).isInstanceOf(ProblemException.class).hasMessageContaining("q");
        assertThatThrownBy(() -> q("a".repeat(101))).isInstanceOf(ProblemException.class).hasMessageContaining("q");
    }

    static List<SearchRanks.Statement> statements(String q, String base, String window, CustomerSearch.After after) {
        return SearchRanks.statements(q(q), base, List.of(), window == null, window, after, 21);
    }

    static List<Integer> ranks(List<SearchRanks.Statement> statements) {
        return statements.stream().map(SearchRanks.Statement::rank).toList();
    }

    @Test
    void each_rank_is_queried_only_when_q_can_match_it_and_only_after_the_cursor() {
        String base = "c.merged_into is null and c.erased_at is null";
        List<SearchRanks.Statement> email = statements("li.wei@example.com", base, "true", null);
        assertThat(ranks(email)).containsExactly(0, 2);
        assertThat(email.get(0).sql()).contains("e.email = ?1").doesNotContain("display_name");
        assertThat(email.get(0).params()).containsExactly("li.wei@example.com");
        // a prefix is a range of the address index (PrefixRange): from the text up to its successor
        assertThat(email.get(1).sql()).contains("(e.email collate \"C\" >= ?1 and e.email collate \"C\" < ?2)",
                "c.id is distinct from (select e.customer_id from customer_email e where e.email = ?3)").doesNotContain("display_name", "like");
        assertThat(email.get(1).params()).containsExactly("li.wei@example.com", "li.wei@example.con", "li.wei@example.com");

        List<SearchRanks.Statement> phone = statements("138 0013 8000", base, "true", null);
        assertThat(ranks(phone)).containsExactly(0, 2);
        assertThat(phone.get(0).sql()).startsWith("with m as materialized (select c.id, c.created_at from customer c where " + base
                + " and c.phones @> cast(?1 as jsonb))").endsWith("order by m.created_at desc, m.id desc limit 21");
        assertThat(phone.get(0).params()).containsExactly("[{\"number\":\"+8613800138000\"}]");

        List<SearchRanks.Statement> text = statements("an_na", base, "w.consent_partner_sharing", null);
        assertThat(ranks(text)).containsExactly(1, 2, 3, 3, 3, 3, 3);
        assertThat(text.stream().map(SearchRanks.Statement::fallback).toList()).containsExactly(false, false, false, false, true, true, true);
        assertThat(text.stream().map(SearchRanks.Statement::onlyAfterSome).toList()).containsExactly(false, false, false, false, false, true, false);
        assertThat(text.stream().map(SearchRanks.Statement::candidates).toList()).containsExactly(false, false, true, false, false, false, false);
        // the prefix ranks in the order of their indexes
        assertThat(text.get(0).sql()).contains("(lower(c.display_name) collate \"C\" >= ?1 and lower(c.display_name) collate \"C\" < ?2)")
                .doesNotContain("like").endsWith("order by lower(c.display_name) collate \"C\", c.created_at desc, c.id desc limit 21");
        assertThat(text.get(0).params()).as("no LIKE, so no escaping").containsExactly("an_na", "an_nb");
        assertThat(text.get(1).sql()).contains("(e.email collate \"C\" >= ?1 and e.email collate \"C\" < ?2)",
                        "and not (lower(c.display_name) collate \"C\" >= ?1 and lower(c.display_name) collate \"C\" < ?2)",
                        "f.customer_id = e.customer_id and (f.email collate \"C\" >= ?1 and f.email collate \"C\" < ?2))")
                .doesNotContain("like").endsWith("order by e.email collate \"C\" limit 21");
        assertThat(text.get(1).params()).containsExactly("an_na", "an_nb");
        // a fragment's page: first its candidates from the suffix index (V19), the range of the fragment, on the
        // window's condition, capped; each checked on its customer row, newest first; past the cap one row says so
        String candidates = "customer_name_suffix w where w.suffix >= ?1 and w.suffix < ?2 and w.consent_partner_sharing";
        assertThat(text.get(2).sql()).startsWith("with many as materialized (select 1 from " + candidates + " offset "
                        + SearchRanks.FRAGMENT_CANDIDATES + " limit 1)")
                .contains("from (select distinct on (w.created_at, w.customer_id) w.customer_id, w.created_at from " + candidates
                                + " order by w.created_at desc, w.customer_id desc) h join customer c on c.id = h.customer_id"
                                + " where not exists (select 1 from many) and " + base
                                + " and c.name_lower like ?3 escape '\\' and not c.name_lower collate \"C\" like ?4",
                        "e.customer_id = c.id and e.email collate \"C\" like ?5",
                        "order by h.created_at desc, h.customer_id desc limit 21)")
                .endsWith("union all (select null, null, " + SearchRanks.TOO_MANY_CANDIDATES + ", '' from many)) r");
        assertThat(text.get(2).params()).containsExactly("an_na", "an_nb", "%an\\_na%", "an\\_na%", "an\\_na%");
        assertThat(text.get(2).genericPlan()).as("the same range plan for every fragment").isTrue();
        // a fragment longer than a suffix: its first 16 characters (code points) name the candidates, the row is checked in full
        List<SearchRanks.Statement> longer = statements("\uD83D\uDE00bcdefghijklmnopqrst", base, "true", null);
        assertThat(longer.get(2).params()).startsWith("\uD83D\uDE00bcdefghijklmnop", "\uD83D\uDE00bcdefghijklmnoq",
                "%\uD83D\uDE00bcdefghijklmnopqrst%");
        // a fragment with too many candidates: the suffixes with its first three characters (V20), newest first after
        // the cursor on the window's condition, at most WALKED_SUFFIXES; those in the fragment's range checked on the row
        assertThat(text.get(3).sql()).isEqualTo("select c.id, c.created_at, 3 as search_rank, '' as search_key"
                + " from (select distinct on (w.created_at, w.customer_id) w.customer_id, w.created_at"
                + " from (select w.customer_id, w.created_at, w.suffix from customer_name_suffix w where left(w.suffix, 3) = ?1"
                + " and w.consent_partner_sharing order by left(w.suffix, 3), w.created_at desc, w.customer_id desc limit "
                + SearchRanks.WALKED_SUFFIXES + ") w where w.suffix >= ?2 and w.suffix < ?3 order by w.created_at desc, w.customer_id desc) h"
                + " join customer c on c.id = h.customer_id where " + base
                + " and c.name_lower like ?4 escape '\\' and not c.name_lower collate \"C\" like ?5 escape '\\'"
                + " and not exists (select 1 from customer_email e where e.customer_id = c.id and e.email collate \"C\" like ?6 escape '\\')"
                + " order by h.created_at desc, h.customer_id desc limit 21");
        assertThat(text.get(3).params()).containsExactly("an_", "an_na", "an_nb", "%an\\_na%", "an\\_na%", "an\\_na%");
        assertThat(text.get(3).genericPlan()).as("the same walk of one index for every fragment").isTrue();
        assertThat(longer.get(3).params()).startsWith("\uD83D\uDE00bc", "\uD83D\uDE00bcdefghijklmnop", "\uD83D\uDE00bcdefghijklmnoq",
                "%\uD83D\uDE00bcdefghijklmnopqrst%");
        // the walk fell short: the newest window of the narrow index instead, then, only when it fell short, all matches
        text = new java.util.ArrayList<>(text);
        text.remove(2);
        text.remove(2);
        assertThat(text.get(2).sql()).contains("from (select c.id, c.created_at, c.name_lower, c.consent_partner_sharing"
                        + " from customer c where c.merged_into is null and c.erased_at is null order by c.created_at desc, c.id desc limit "
                        + SearchRanks.FRAGMENT_WINDOW + ") w where w.consent_partner_sharing and w.name_lower like ?1 escape '\\'"
                        + " and not w.name_lower collate \"C\" like ?2",
                "not exists (select 1 from customer_email e where e.customer_id = w.id and e.email collate \"C\" like ?3")
                .endsWith("order by w.created_at desc, w.id desc limit 21");
        assertThat(text.get(2).params()).containsExactly("%an\\_na%", "an\\_na%", "an\\_na%");
        // then, only when the first window found some but not a page, the wider window
        assertThat(text.get(3).sql()).isEqualTo(text.get(2).sql().replace("limit " + SearchRanks.FRAGMENT_WINDOW + ")",
                "limit " + SearchRanks.WIDE_FRAGMENT_WINDOW + ")"));
        assertThat(text.get(3).params()).isEqualTo(text.get(2).params());
        // one generic plan for what plans alike whatever the text; the fragments are planned with theirs
        assertThat(email.stream().map(SearchRanks.Statement::genericPlan).toList()).containsExactly(true, true);
        assertThat(phone.stream().map(SearchRanks.Statement::genericPlan).toList()).containsExactly(true, true);
        assertThat(text.stream().map(SearchRanks.Statement::genericPlan).toList()).containsExactly(true, true, false, false, false);
        assertThat(text.get(4).sql()).startsWith("with m as materialized (select c.id, c.created_at from customer c where " + base
                + " and lower(c.display_name) like ?1").contains("order by m.created_at desc, m.id desc limit 21")
                .doesNotContain("jsonb_array_elements(c.emails)");

        // a filter the window cannot test: all matches at once, after the filter's own parameters
        List<SearchRanks.Statement> filtered = SearchRanks.statements(q("anna"), base + " and c.segment = ?1", List.of("LOYAL"), true, null, null, 21);
        assertThat(ranks(filtered)).containsExactly(1, 2, 3);
        assertThat(filtered).as("how common the filter's value is decides the plan").noneMatch(SearchRanks.Statement::genericPlan);
        assertThat(filtered.get(2).fallback()).isFalse();
        assertThat(filtered.get(2).sql()).contains("c.segment = ?1", "lower(c.display_name) like ?2");
        assertThat(filtered.get(2).params()).containsExactly("LOYAL", "%anna%", "anna%", "anna%");

        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse("2026-12-03T08:00:00Z");
        java.util.UUID id = java.util.UUID.randomUUID();
        List<SearchRanks.Statement> inNames = statements("anna", base, "true", new CustomerSearch.After(1, "anna li", at, id));
        assertThat(ranks(inNames)).containsExactly(1, 2, 3, 3, 3, 3, 3);
        // the rest of the cursor's name newest first, then the names after it
        List<SearchRanks.Statement> inPhones = statements("138 0013 8000", base, "true", new CustomerSearch.After(0, "", at, id));
        assertThat(inPhones.getFirst().sql()).as("the cursor inside the materialized matches")
                .contains("c.phones @> cast(?1 as jsonb) and (c.created_at, c.id) < (?2, ?3)) select");
        assertThat(inNames.getFirst().sql()).contains("lower(c.display_name) collate \"C\" = ?3 and (c.created_at, c.id) < (?4, ?5)",
                "lower(c.display_name) collate \"C\" > ?3");
        assertThat(inNames.getFirst().params()).containsExactly("anna", "annb", "anna li", at, id);
        assertThat(inNames.get(2).sql()).as("the fragments start from the top").doesNotContain("(c.created_at, c.id) <");
        // for plain JDBC: one ? per use, bound in the order of use
        assertThat(inNames.getFirst().jdbcSql()).doesNotContainPattern("\\?\\d").contains(">= ? and");
        assertThat(inNames.getFirst().jdbcParams()).containsExactly("anna", "annb", "anna li", at, id, "anna", "annb", "anna li");

        List<SearchRanks.Statement> inEmails = statements("anna", base, "true", new CustomerSearch.After(2, "anna.li@example.com", at, id));
        assertThat(ranks(inEmails)).containsExactly(2, 3, 3, 3, 3, 3);
        assertThat(inEmails.getFirst().sql()).contains("e.email collate \"C\" > ?3").doesNotContain("created_at, c.id) <");
        assertThat(inEmails.getFirst().params()).containsExactly("anna", "annb", "anna.li@example.com");

        List<SearchRanks.Statement> afterPrefixes = statements("anna", base, "true", new CustomerSearch.After(3, "", at, id));
        assertThat(ranks(afterPrefixes)).containsExactly(3, 3, 3, 3, 3);
        assertThat(afterPrefixes.getFirst().sql()).as("the candidates start after the cursor")
                .contains("w.suffix < ?2 and true and (w.created_at, w.customer_id) < (?3, ?4) offset");
        assertThat(afterPrefixes.getFirst().params()).containsExactly("anna", "annb", at, id, "%anna%", "anna%", "anna%");
        assertThat(afterPrefixes.get(1).sql()).as("the walk starts after the cursor")
                .contains("left(w.suffix, 3) = ?1 and true and (w.created_at, w.customer_id) < (?4, ?5) order by");
        assertThat(afterPrefixes.get(1).params()).containsExactly("ann", "anna", "annb", at, id, "%anna%", "anna%", "anna%");
        assertThat(afterPrefixes.get(2).sql()).as("the window starts after the cursor")
                .contains("c.erased_at is null and (c.created_at, c.id) < (?3, ?4) order by");
        assertThat(afterPrefixes.get(3).sql()).contains("(c.created_at, c.id) < (?3, ?4)");
        assertThat(afterPrefixes.get(4).sql()).contains("(c.created_at, c.id) < (?3, ?4)");
        assertThat(statements("li", base, "true", new CustomerSearch.After(3, "", at, id))).as("no fragment rank for 2 characters").isEmpty();
    }
}
