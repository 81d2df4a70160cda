package dev.crmsuite.customer.insight;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The duplicate backtest on its generated set, where the answer is known by construction. */
class DuplicateBacktestTest {

    @Test
    void the_rule_finds_what_it_is_meant_to_find_and_little_else() {
        DuplicateBacktest.Result r = DuplicateBacktest.run(300, 42, LookAlikes.Weights.DEFAULT);
        // every third customer has one duplicate
        assertThat(r.duplicates()).isEqualTo(100);
        assertThat(r.records()).isEqualTo(400);
        assertThat(r.recallByKind().get("same phone, new email")).isEqualByComparingTo("1.000");
        assertThat(r.recallByKind().get("gmail spelling")).isEqualByComparingTo("1.000");
        assertThat(r.recallByKind().get("name typo, same address")).isEqualByComparingTo("1.000");
        assertThat(r.recallByKind().get("same mailbox name elsewhere")).isEqualByComparingTo("1.000");
        // a typo and nothing else in common is not enough, by design (many people share a name)
        assertThat(r.recallByKind().get("name typo only")).isEqualByComparingTo("0.000");
        assertThat(r.recall()).isEqualByComparingTo("0.800");
        assertThat(r.precision()).isGreaterThanOrEqualTo(new BigDecimal("0.9"));
        assertThat(r.truePositives()).isEqualTo(80);
    }

    @Test
    void the_same_seed_gives_the_same_answer_and_the_ratios_are_plain() {
        assertThat(DuplicateBacktest.run(60, 7, LookAlikes.Weights.DEFAULT)).isEqualTo(DuplicateBacktest.run(60, 7, LookAlikes.Weights.DEFAULT));
        assertThat(DuplicateBacktest.ratio(4, 5)).isEqualByComparingTo("0.800");
        assertThat(DuplicateBacktest.ratio(0, 0)).isNull();
    }
}
