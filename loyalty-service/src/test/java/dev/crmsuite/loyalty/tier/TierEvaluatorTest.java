package dev.crmsuite.loyalty.tier;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TierEvaluatorTest {

    static final TierEvaluator EVALUATOR = new TierEvaluator(
            Map.of(Tier.SILVER, 1_000L, Tier.GOLD, 5_000L, Tier.PLATINUM, 20_000L), 12);
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-06-01T00:00:00Z");

    @Test
    void qualifies_for_the_highest_threshold_reached() {
        assertThat(EVALUATOR.qualifiedFor(0)).isEqualTo(Tier.MEMBER);
        assertThat(EVALUATOR.qualifiedFor(999)).isEqualTo(Tier.MEMBER);
        assertThat(EVALUATOR.qualifiedFor(1_000)).isEqualTo(Tier.SILVER);
        assertThat(EVALUATOR.qualifiedFor(25_000)).isEqualTo(Tier.PLATINUM);
    }

    @Test
    void upgrades_at_once_and_starts_a_new_period() {
        var decision = EVALUATOR.evaluate(Tier.MEMBER, NOW.plusMonths(5), 6_000, NOW);
        assertThat(decision.tier()).isEqualTo(Tier.GOLD);
        assertThat(decision.changed()).isTrue();
        assertThat(decision.reviewAt()).isEqualTo(NOW.plusMonths(12));
    }

    @Test
    void does_not_downgrade_before_the_period_ends() {
        var decision = EVALUATOR.evaluate(Tier.GOLD, NOW.plusDays(1), 0, NOW);
        assertThat(decision.tier()).isEqualTo(Tier.GOLD);
        assertThat(decision.changed()).isFalse();
        assertThat(decision.reviewAt()).isEqualTo(NOW.plusDays(1));
    }

    @Test
    void downgrades_at_the_end_of_the_period_to_what_the_points_earn() {
        var decision = EVALUATOR.evaluate(Tier.PLATINUM, NOW, 1_500, NOW);
        assertThat(decision.tier()).isEqualTo(Tier.SILVER);
        assertThat(decision.changed()).isTrue();
        assertThat(decision.reviewAt()).isEqualTo(NOW.plusMonths(12));
    }

    @Test
    void keeping_the_tier_at_period_end_renews_the_period() {
        var decision = EVALUATOR.evaluate(Tier.SILVER, NOW.minusDays(1), 1_200, NOW);
        assertThat(decision.tier()).isEqualTo(Tier.SILVER);
        assertThat(decision.changed()).isFalse();
        assertThat(decision.reviewAt()).isEqualTo(NOW.plusMonths(12));
    }

    @Test
    void a_refund_withdraws_at_once_a_tier_reached_since_the_refunded_purchase() {
        OffsetDateTime bought = NOW.minusDays(10);
        var withdrawn = EVALUATOR.afterRefund(Tier.SILVER, bought, NOW.plusMonths(11), 0, bought, NOW);
        assertThat(withdrawn.tier()).isEqualTo(Tier.MEMBER);
        assertThat(withdrawn.changed()).isTrue();
        // A tier held since before the refunded purchase keeps its period.
        var kept = EVALUATOR.afterRefund(Tier.SILVER, bought.minusDays(1), NOW.plusMonths(11), 0, bought, NOW);
        assertThat(kept.tier()).isEqualTo(Tier.SILVER);
        assertThat(kept.changed()).isFalse();
        // Still backed by the points kept: nothing changes.
        assertThat(EVALUATOR.afterRefund(Tier.SILVER, bought, NOW.plusMonths(11), 1_500, bought, NOW).changed()).isFalse();
    }
}
