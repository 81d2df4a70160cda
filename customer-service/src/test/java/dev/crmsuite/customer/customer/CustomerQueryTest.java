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

    @Test
    void each_rank_is_queried_only_when_q_can_match_it_and_only_after_the_cursor() {
        String base = "c.merged_into is null and c.erased_at is null";
        List<Object> params = new ArrayList<>();
        String email = CustomerSearch.sql(q("li.wei@example.com"), base, null, params, 21);
        assertThat(email).contains("r0 as", "r2 as", "e.email collate \"C\" like").doesNotContain("r1 as", "r3 as", "display_name");
        assertThat(params).containsExactly("li.wei@example.com", "li.wei@example.com%");

        params.clear();
        String phone = CustomerSearch.sql(q("138 0013 8000"), base, null, params, 21);
        assertThat(phone).contains("r0 as", "c.phones @>").doesNotContain("r1 as", "r3 as");
        assertThat(params.getFirst()).isEqualTo("[{\"number\":\"+8613800138000\"}]");

        params.clear();
        String text = CustomerSearch.sql(q("an_na"), base, null, params, 21);
        assertThat(text).doesNotContain("r0 as").contains("r1 as", "r2 as", "r3 as", "lower(c.display_name) collate \"C\" like ?1",
                "e.email collate \"C\" like ?1");
        assertThat(params).containsExactly("an\\_na%", "%an\\_na%");
        // the prefix ranks in the order of their indexes; a rank runs only while the ranks above fill less than a page
        assertThat(text).contains("order by lower(c.display_name) collate \"C\", c.created_at desc, c.id desc limit 21",
                "order by e.email collate \"C\" limit 21", "(select count(*) from r1) < 21",
                "(select count(*) from r1) + (select count(*) from r2) < 21");

        params.clear();
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse("2026-12-03T08:00:00Z");
        java.util.UUID id = java.util.UUID.randomUUID();
        String inNames = CustomerSearch.sql(q("anna"), base, new CustomerSearch.After(1, "anna li", at, id), params, 21);
        // the rest of the cursor's name newest first, then the names after it
        assertThat(inNames).contains("lower(c.display_name) collate \"C\" = ?4 and (c.created_at, c.id) < (?1, ?2)",
                "lower(c.display_name) collate \"C\" > ?4").doesNotContain("r0 as", "e.email collate \"C\" > ?4");
        assertThat(params).containsExactly(at, id, "anna%", "anna li", "%anna%");

        params.clear();
        String inEmails = CustomerSearch.sql(q("anna"), base, new CustomerSearch.After(2, "anna.li@example.com", at, id), params, 21);
        assertThat(inEmails).doesNotContain("r1 as", "created_at, c.id) <").contains("e.email collate \"C\" > ?2");
        assertThat(params).containsExactly("anna%", "anna.li@example.com", "%anna%");

        params.clear();
        String afterPrefixes = CustomerSearch.sql(q("anna"), base, new CustomerSearch.After(3, "", at, id), params, 21);
        assertThat(afterPrefixes).doesNotContain("r1 as", "r2 as").contains("r3 as", "(c.created_at, c.id) < (?1, ?2)");
        assertThat(CustomerSearch.sql(q("li"), base, new CustomerSearch.After(3, "", at, id), new ArrayList<>(), 21))
                .as("no fragment rank for 2 characters").isNull();
    }
}
