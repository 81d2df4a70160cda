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
        String email = CustomerSearch.sql(q("li.wei@example.com"), base, -1, "", params, 21);
        assertThat(email).contains("r0 as", "r1 as", "e.email like").doesNotContain("r2 as").doesNotContain("display_name");
        assertThat(params).containsExactly("li.wei@example.com", "li.wei@example.com%");

        params.clear();
        String phone = CustomerSearch.sql(q("138 0013 8000"), base, -1, "", params, 21);
        assertThat(phone).contains("r0 as", "c.phones @>").doesNotContain("r2 as");
        assertThat(params.getFirst()).isEqualTo("[{\"number\":\"+8613800138000\"}]");

        params.clear();
        String text = CustomerSearch.sql(q("an_na"), base, -1, "", params, 21);
        assertThat(text).doesNotContain("r0 as").contains("r1 as", "r2 as", "lower(c.display_name) like ?1", "e.email like ?1");
        assertThat(params).containsExactly("an\\_na%", "%an\\_na%");
        // the fragment rank runs only while exact and prefix rows fill less than a page
        assertThat(text).contains("(select count(*) from r1) < 21");
        System.out.println("name query: " + text);

        params.clear();
        String afterPrefixes = CustomerSearch.sql(q("anna"), base, 2, " and (c.created_at, c.id) < (?1, ?2)", params, 21);
        assertThat(afterPrefixes).doesNotContain("r1 as").contains("r2 as", "(c.created_at, c.id) < (?1, ?2)");
        assertThat(CustomerSearch.sql(q("li"), base, 2, "", new ArrayList<>(), 21)).as("no fragment rank for 2 characters").isNull();
    }
}
