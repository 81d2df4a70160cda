package dev.crmsuite.customer.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The six steps to loyalty with the default thresholds. */
class LifecycleRulesTest {

    static final LifecycleRules.Thresholds DEFAULTS = new LifecycleRules.Thresholds(2, 2, 5, 12, 10, 36, 365);
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-22T12:00:00Z");

    static Stage stage(long purchases, int firstMonthsAgo, int lastDaysAgo, long touchpoints) {
        return LifecycleRules.derive(new LifecycleRules.Facts(purchases,
                purchases == 0 ? null : NOW.minusMonths(firstMonthsAgo), purchases == 0 ? null : NOW.minusDays(lastDaysAgo),
                touchpoints), DEFAULTS, NOW).stage();
    }

    @Test
    void each_stage_from_its_facts() {
        assertThat(stage(0, 0, 0, 0)).isEqualTo(Stage.PROSPECT);
        assertThat(stage(0, 0, 0, 1)).isEqualTo(Stage.PROSPECT);
        assertThat(stage(0, 0, 0, 2)).isEqualTo(Stage.HESITANT);
        assertThat(stage(1, 0, 0, 0)).isEqualTo(Stage.TRUSTING);
        assertThat(stage(2, 1, 1, 0)).isEqualTo(Stage.REPEAT_BUYER);
        assertThat(stage(5, 11, 1, 0)).isEqualTo(Stage.REPEAT_BUYER);
        assertThat(stage(5, 12, 1, 0)).isEqualTo(Stage.STABLE_PARTNER);
        assertThat(stage(9, 40, 1, 0)).isEqualTo(Stage.STABLE_PARTNER);
        assertThat(stage(10, 36, 1, 0)).isEqualTo(Stage.LONG_TERM_PARTNER);
        assertThat(stage(10, 36, 366, 0)).isEqualTo(Stage.LOST);
        assertThat(stage(10, 36, 365, 0)).isEqualTo(Stage.LONG_TERM_PARTNER);
    }

    @Test
    void recency_can_be_switched_off() {
        LifecycleRules.Thresholds noRecency = new LifecycleRules.Thresholds(2, 2, 5, 12, 10, 36, 0);
        assertThat(LifecycleRules.derive(new LifecycleRules.Facts(1, NOW.minusYears(5), NOW.minusYears(5), 0), noRecency, NOW).stage())
                .isEqualTo(Stage.TRUSTING);
    }
}
