package dev.crmsuite.loyalty.analytics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class FlowRangesTest {

    static final Duration HOUR = Duration.ofHours(1);

    static OffsetDateTime at(String instant) {
        return OffsetDateTime.parse(instant);
    }

    static FlowRanges.Span span(String from, String to) {
        return new FlowRanges.Span(at(from), at(to));
    }

    @Test
    void whole_closed_days_come_from_the_roll_up_and_the_partial_ends_from_the_ledger() {
        FlowRanges r = FlowRanges.of(at("2026-03-01T10:00Z"), at("2026-03-20T15:00Z"), at("2026-04-01T12:00Z"), HOUR);
        assertThat(r.closedFrom()).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(r.closedTo()).isEqualTo(LocalDate.parse("2026-03-20"));
        assertThat(r.live()).containsExactly(span("2026-03-01T10:00Z", "2026-03-02T00:00Z"), span("2026-03-20T00:00Z", "2026-03-20T15:00Z"));
    }

    @Test
    void a_range_on_midnights_needs_no_ledger_read() {
        FlowRanges r = FlowRanges.of(at("2026-03-01T00:00Z"), at("2026-04-01T00:00Z"), at("2026-05-01T00:00Z"), HOUR);
        assertThat(r.closedFrom()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(r.closedTo()).isEqualTo(LocalDate.parse("2026-04-01"));
        assertThat(r.live()).isEmpty();
    }

    @Test
    void a_day_is_closed_only_once_the_margin_after_its_end_has_passed() {
        // 00:30 on the 10th: the 9th ended half an hour ago, less than the margin.
        FlowRanges r = FlowRanges.of(at("2026-03-01T00:00Z"), at("2026-03-10T00:30Z"), at("2026-03-10T00:30Z"), HOUR);
        assertThat(r.closedTo()).isEqualTo(LocalDate.parse("2026-03-09"));
        assertThat(r.live()).containsExactly(span("2026-03-09T00:00Z", "2026-03-10T00:30Z"));
        // 01:00 on the 10th: now it is.
        r = FlowRanges.of(at("2026-03-01T00:00Z"), at("2026-03-10T01:00Z"), at("2026-03-10T01:00Z"), HOUR);
        assertThat(r.closedTo()).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(r.live()).containsExactly(span("2026-03-10T00:00Z", "2026-03-10T01:00Z"));
    }

    @Test
    void a_range_in_the_future_or_within_one_day_is_read_from_the_ledger() {
        FlowRanges future = FlowRanges.of(at("2026-03-01T00:00Z"), at("2027-03-01T00:00Z"), at("2026-01-01T00:00Z"), HOUR);
        assertThat(future.closedFrom()).isNull();
        assertThat(future.live()).containsExactly(span("2026-03-01T00:00Z", "2027-03-01T00:00Z"));
        FlowRanges within = FlowRanges.of(at("2026-03-01T08:00Z"), at("2026-03-01T20:00Z"), at("2026-05-01T00:00Z"), HOUR);
        assertThat(within.closedFrom()).isNull();
        assertThat(within.live()).containsExactly(span("2026-03-01T08:00Z", "2026-03-01T20:00Z"));
    }

    @Test
    void offsets_other_than_utc_split_on_utc_days() {
        FlowRanges r = FlowRanges.of(at("2026-03-01T02:00+08:00"), at("2026-03-05T00:00+02:00"), at("2026-04-01T00:00Z"), HOUR);
        // 2026-02-28T18:00Z .. 2026-03-04T22:00Z
        assertThat(r.closedFrom()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(r.closedTo()).isEqualTo(LocalDate.parse("2026-03-04"));
        assertThat(r.live()).hasSize(2);
        assertThat(r.live().get(0).from().toInstant()).isEqualTo(at("2026-02-28T18:00Z").toInstant());
        assertThat(r.live().get(1).to().toInstant()).isEqualTo(at("2026-03-04T22:00Z").toInstant());
    }
}
