package dev.crmsuite.customer.followup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class HighValueCallsTest {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-10T10:00:00Z");
    static final Duration GRACE = Duration.ofDays(3);

    @Test
    void a_call_still_ahead_is_due_relative_to_the_purchase() {
        assertThat(HighValueCalls.dueAt(NOW, 7, NOW, GRACE)).isEqualTo("2026-03-17T10:00:00Z");
        assertThat(HighValueCalls.dueAt(NOW.minusDays(7), 7, NOW, GRACE)).isEqualTo(NOW);
    }

    @Test
    void a_call_missed_by_less_than_the_grace_is_due_now_and_an_older_one_is_not_made() {
        assertThat(HighValueCalls.dueAt(NOW.minusDays(9), 7, NOW, GRACE)).isEqualTo(NOW);
        assertThat(HighValueCalls.dueAt(NOW.minusDays(10), 7, NOW, GRACE)).isEqualTo(NOW);
        assertThat(HighValueCalls.dueAt(NOW.minusDays(10).minusSeconds(1), 7, NOW, GRACE)).isNull();
        assertThat(HighValueCalls.dueAt(OffsetDateTime.parse("2024-06-01T00:00:00Z"), 90, NOW, GRACE)).isNull();
    }
}
