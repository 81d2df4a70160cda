package dev.crmsuite.customer.insight;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** When the basket counts are made again: older than the maximum age, or a tenth more purchases. */
class SuggestionCountsStalenessTest {

    static final OffsetDateTime MADE = OffsetDateTime.of(2026, 12, 3, 2, 45, 0, 0, ZoneOffset.UTC);
    static final Duration DAY = Duration.ofDays(1);

    @Test
    void counts_a_day_old_are_made_again() {
        SuggestionCounts.State state = new SuggestionCounts.State(MADE, 500, 1_000);
        assertThat(SuggestionCounts.stale(state, 1_000, MADE.plusHours(23), DAY)).isFalse();
        assertThat(SuggestionCounts.stale(state, 1_000, MADE.plusHours(25), DAY)).isTrue();
    }

    @Test
    void a_tenth_more_purchases_makes_them_again_at_once() {
        SuggestionCounts.State state = new SuggestionCounts.State(MADE, 500_000, 1_000_000);
        assertThat(SuggestionCounts.stale(state, 1_100_010, MADE.plusMinutes(1), DAY)).isFalse();
        assertThat(SuggestionCounts.stale(state, 1_100_011, MADE.plusMinutes(1), DAY)).isTrue();
        // a bulk load into an installation counted when it was nearly empty
        SuggestionCounts.State empty = new SuggestionCounts.State(MADE, 0, 0);
        assertThat(SuggestionCounts.stale(empty, 10, MADE.plusMinutes(1), DAY)).isFalse();
        assertThat(SuggestionCounts.stale(empty, 3_000_000, MADE.plusMinutes(1), DAY)).isTrue();
    }
}
