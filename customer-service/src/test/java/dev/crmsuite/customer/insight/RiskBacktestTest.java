package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.insight.RiskBacktest.History;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk backtest on a hand-made history, as of 2026-06-04 with a 90-day horizon: four monthly buyers
 * whose last purchase before the date was 03-02 (94 days: HIGH), two of whom never came back and one of
 * whom did; a monthly buyer on time (05-30: LOW) who then stopped; a customer who first bought after the date.
 */
class RiskBacktestTest {

    static OffsetDateTime at(String day) {
        return OffsetDateTime.parse(day + "T10:00:00Z");
    }

    static History buyer(String... days) {
        return new History(UUID.randomUUID(), java.util.Arrays.stream(days).map(RiskBacktestTest::at).toList(), List.of());
    }

    @Test
    void precision_and_recall_against_who_stopped_buying() {
        List<History> history = List.of(
                buyer("2026-01-01", "2026-01-31", "2026-03-02"),                  // HIGH, stopped
                buyer("2026-01-01", "2026-01-31", "2026-03-02"),                  // HIGH, stopped
                buyer("2026-01-01", "2026-01-31", "2026-03-02", "2026-07-01"),    // HIGH, came back
                buyer("2026-03-31", "2026-04-30", "2026-05-30"),                  // LOW, stopped
                buyer("2026-07-01"));                                             // no purchase before: left out
        RiskBacktest.Result r = RiskBacktest.run(history, at("2026-06-04"), 90, RiskModel.Thresholds.DEFAULT);
        assertThat(r.customers()).isEqualTo(4);
        assertThat(r.flaggedHigh()).isEqualTo(3);
        assertThat(r.stopped()).isEqualTo(3);
        assertThat(r.truePositives()).isEqualTo(2);
        assertThat(r.precision()).isEqualByComparingTo("0.667");
        assertThat(r.recall()).isEqualByComparingTo("0.667");
    }

    @Test
    void complaints_count_as_they_stood_on_the_date() {
        OffsetDateTime[] openThen = {at("2026-05-01"), at("2026-06-10")};
        OffsetDateTime[] resolvedBefore = {at("2026-04-01"), at("2026-04-02")};
        History h = new History(UUID.randomUUID(), List.of(at("2026-05-20"), at("2026-05-30")),
                List.of(openThen, openThen.clone(), resolvedBefore));
        // two complaints open on 06-04: HIGH; no purchase afterwards: stopped
        RiskBacktest.Result r = RiskBacktest.run(List.of(h), at("2026-06-04"), 90, RiskModel.Thresholds.DEFAULT);
        assertThat(r.flaggedHigh()).isEqualTo(1);
        assertThat(r.truePositives()).isEqualTo(1);
    }
}
