package dev.crmsuite.gateway.overview;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The months of the revenue buckets in order, compared as text where that is the same as by date. */
class OverviewRevenueTest {

    @Test
    void months_of_four_digit_years_compare_as_their_text() {
        assertThat(OverviewRevenue.before("2025-12", "2026-01")).isTrue();
        assertThat(OverviewRevenue.before("2026-01", "2026-01")).isFalse();
        assertThat(OverviewRevenue.before("2026-10", "2026-09")).isFalse();
    }

    @Test
    void months_of_other_years_are_compared_by_date() {
        assertThat(OverviewRevenue.before("9999-12", "+10000-01")).as("as text '+' sorts first").isTrue();
        assertThat(OverviewRevenue.before("+10000-01", "9999-12")).isFalse();
    }
}
