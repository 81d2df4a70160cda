package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.insight.RiskModel.Assessment;
import dev.crmsuite.customer.insight.RiskModel.Inputs;
import dev.crmsuite.customer.insight.RiskModel.Level;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The risk rule on hand-computed examples (default thresholds: overdue x1.5 one point, x3 two; one purchase 180 days; NPS <= 6). */
class RiskModelTest {

    static OffsetDateTime at(String day) {
        return OffsetDateTime.parse(day + "T10:00:00Z");
    }

    /** Purchases on 2026-01-01, 01-31 and 03-02: gaps 30 and 30, so usually every 30 days, next expected 04-01. */
    static final List<OffsetDateTime> MONTHLY = List.of(at("2026-01-01"), at("2026-03-02"), at("2026-01-31"));

    static Assessment assess(List<OffsetDateTime> purchases, int complaints, Integer nps, String now) {
        return RiskModel.assess(new Inputs(purchases, new BigDecimal("300.00"), complaints, nps), at(now), RiskModel.Thresholds.DEFAULT);
    }

    @Test
    void silent_for_three_intervals_is_high_with_the_reason_in_words() {
        // 03-02 -> 06-04: 29 + 30 + 31 + 4 = 94 days; 94 / 30 = 3.13 >= 3
        Assessment a = assess(MONTHLY, 0, null, "2026-06-04");
        assertThat(a.level()).isEqualTo(Level.HIGH);
        assertThat(a.reasons()).containsExactly("no purchase for 94 days, usually every 30");
        assertThat(a.recencyDays()).isEqualTo(94);
        assertThat(a.usualIntervalDays()).isEqualTo(30);
        assertThat(a.expectedNextPurchaseAt()).isEqualTo(at("2026-04-01"));
        assertThat(a.lastPurchaseAt()).isEqualTo(at("2026-03-02"));
        assertThat(a.purchases12Months()).isEqualTo(3);
    }

    @Test
    void silent_for_one_and_a_half_intervals_is_medium_and_on_time_is_low() {
        // 03-02 -> 04-20: 29 + 20 = 49 days; 49 / 30 = 1.63
        assertThat(assess(MONTHLY, 0, null, "2026-04-20").level()).isEqualTo(Level.MEDIUM);
        // 18 days: not yet due
        Assessment onTime = assess(MONTHLY, 0, null, "2026-03-20");
        assertThat(onTime.level()).isEqualTo(Level.LOW);
        assertThat(onTime.reasons()).isEmpty();
    }

    @Test
    void complaints_and_a_detractor_s_nps_add_points() {
        Assessment complaints = assess(MONTHLY, 2, null, "2026-03-20");
        assertThat(complaints.level()).isEqualTo(Level.HIGH);
        assertThat(complaints.reasons()).containsExactly("two unresolved complaints");
        Assessment both = assess(MONTHLY, 1, 3, "2026-03-20");
        assertThat(both.level()).isEqualTo(Level.HIGH);
        assertThat(both.reasons()).containsExactly("one unresolved complaint", "last NPS 3");
        assertThat(assess(MONTHLY, 0, 3, "2026-03-20").level()).isEqualTo(Level.MEDIUM);
        assertThat(assess(MONTHLY, 0, 7, "2026-03-20").level()).isEqualTo(Level.LOW);
    }

    @Test
    void one_purchase_long_ago_is_one_point_and_no_purchase_none() {
        Assessment once = assess(List.of(at("2026-01-01")), 0, null, "2026-07-20");
        // 01-01 -> 07-20: 200 days
        assertThat(once.level()).isEqualTo(Level.MEDIUM);
        assertThat(once.reasons()).containsExactly("one purchase only, 200 days ago");
        assertThat(once.usualIntervalDays()).isNull();
        assertThat(once.expectedNextPurchaseAt()).isNull();
        Assessment never = assess(List.of(), 0, null, "2026-07-20");
        assertThat(never.level()).isEqualTo(Level.LOW);
        assertThat(never.recencyDays()).isNull();
    }

    @Test
    void the_usual_interval_is_the_median_gap_between_purchase_days() {
        assertThat(RiskModel.usualInterval(days("2026-01-01", "2026-01-11", "2026-02-10", "2026-03-22"))).isEqualTo(30); // 10, 30, 40
        assertThat(RiskModel.usualInterval(days("2026-01-01", "2026-01-11", "2026-01-31"))).isEqualTo(15); // 10, 20
        assertThat(RiskModel.usualInterval(days("2026-01-01", "2026-01-11", "2026-02-01"))).isEqualTo(16); // 10, 21 -> 15.5
        assertThat(RiskModel.usualInterval(days("2026-01-01"))).isNull();
    }

    @Test
    void two_purchases_on_one_day_are_one_purchase_day() {
        Assessment a = assess(List.of(at("2026-01-01"), OffsetDateTime.parse("2026-01-01T18:00:00Z"), at("2026-01-11")), 0, null, "2026-01-20");
        assertThat(a.usualIntervalDays()).isEqualTo(10);
        assertThat(a.level()).isEqualTo(Level.LOW);
    }

    @Test
    void a_follow_up_is_due_once_per_episode_for_valuable_customers_only() {
        assertThat(RiskModel.followUpDue(Level.MEDIUM, Level.HIGH, "A", "RELATIONAL")).isTrue();
        assertThat(RiskModel.followUpDue(null, Level.HIGH, "C", "KEY_ACCOUNT")).isTrue();
        assertThat(RiskModel.followUpDue(Level.HIGH, Level.HIGH, "A", "KEY_ACCOUNT")).isFalse();
        assertThat(RiskModel.followUpDue(Level.LOW, Level.HIGH, "B", "RELATIONAL")).isFalse();
        assertThat(RiskModel.followUpDue(Level.LOW, Level.MEDIUM, "A", null)).isFalse();
    }

    static TreeSet<LocalDate> days(String... days) {
        return new TreeSet<>(Arrays.stream(days).map(LocalDate::parse).toList());
    }
}
