package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.insight.SuggestionModel.Baskets;
import dev.crmsuite.customer.insight.SuggestionModel.SegmentBuyers;
import dev.crmsuite.customer.insight.SuggestionModel.Suggestion;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suggestions on a hand-counted history: baskets {A,B}, {A,B}, {A,C}, {B}, {C} (5 baskets; A in 3, B in
 * 3, C in 2); the customer bought A; their segment has 4 buying customers, 2 bought B and 1 bought C.
 */
class SuggestionModelTest {

    static final Baskets BASKETS = new Baskets(5, Map.of("A", 3L, "B", 3L, "C", 2L),
            Map.of("A", Map.of("B", 2L, "C", 1L), "B", Map.of("A", 2L), "C", Map.of("A", 1L)));
    static final SegmentBuyers SEGMENT = new SegmentBuyers("RELATIONAL", 4, Map.of("A", 3L, "B", 2L, "C", 1L));

    @Test
    void products_bought_together_come_first_with_support_confidence_lift_and_the_reason() {
        List<Suggestion> s = SuggestionModel.suggest(Set.of("A"), BASKETS, SEGMENT, 5, 2);
        assertThat(s).extracting(Suggestion::sku).containsExactly("B", "C");
        Suggestion b = s.getFirst();
        // support 2/5; confidence 2/3; lift (2/3) / (3/5) = 10/9; score 0.7 x 2/3 + 0.3 x 2/4 = 0.6167
        assertThat(b.support()).isEqualByComparingTo("0.400");
        assertThat(b.confidence()).isEqualByComparingTo("0.667");
        assertThat(b.lift()).isEqualByComparingTo("1.111");
        assertThat(b.segmentShare()).isEqualByComparingTo("0.500");
        assertThat(b.score()).isEqualByComparingTo("0.617");
        assertThat(b.basedOn()).isEqualTo("A");
        assertThat(b.reason()).isEqualTo("bought together with A in 2 of 3 baskets that hold it (lift 1.11); 50% of RELATIONAL customers bought it");
        // A and C together in 1 basket only (< 2): the segment alone, 0.3 x 1/4 = 0.075
        Suggestion c = s.get(1);
        assertThat(c.score()).isEqualByComparingTo("0.075");
        assertThat(c.basedOn()).isNull();
        assertThat(c.reason()).isEqualTo("25% of RELATIONAL customers bought it");
    }

    @Test
    void owned_products_are_never_suggested_and_max_cuts_the_list() {
        assertThat(SuggestionModel.suggest(Set.of("A", "B"), BASKETS, SEGMENT, 5, 2)).extracting(Suggestion::sku).containsExactly("C");
        assertThat(SuggestionModel.suggest(Set.of("A"), BASKETS, SEGMENT, 1, 2)).extracting(Suggestion::sku).containsExactly("B");
        assertThat(SuggestionModel.suggest(Set.of("A", "B", "C"), BASKETS, SEGMENT, 5, 2)).isEmpty();
    }

    @Test
    void a_rule_without_lift_is_ignored() {
        // B is in every basket: buying A does not make it likelier (lift 1)
        Baskets everywhere = new Baskets(2, Map.of("A", 1L, "B", 2L), Map.of("A", Map.of("B", 1L)));
        assertThat(SuggestionModel.suggest(Set.of("A"), everywhere, null, 5, 1)).isEmpty();
    }

    @Test
    void up_sell_when_spending_is_below_half_the_segment_median() {
        assertThat(SuggestionModel.upSell(new BigDecimal("1200"), "RELATIONAL", new BigDecimal("4500"), 0.5).reason())
                .isEqualTo("spends 1200.00 a year; RELATIONAL customers typically spend 4500.00 (median)");
        assertThat(SuggestionModel.upSell(new BigDecimal("2250"), "RELATIONAL", new BigDecimal("4500"), 0.5)).isNull();
        assertThat(SuggestionModel.upSell(new BigDecimal("100"), null, null, 0.5)).isNull();
    }
}
