package dev.crmsuite.platform.retention;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionCutoffsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void each_table_goes_back_by_its_own_age() {
        RetentionCutoffs c = RetentionCutoffs.at(NOW, Duration.ofDays(7), Duration.ofDays(1), Optional.of(Duration.ofDays(30)), Duration.ofDays(7));
        assertThat(c.publishedEvents()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
        assertThat(c.idempotencyKeys()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
        // A mark goes only after the topics' retention plus the segment margin: 37 days.
        assertThat(c.processedEvents()).contains(Instant.parse("2026-10-26T12:00:00Z"));
    }

    @Test
    void without_a_redelivery_horizon_no_mark_is_ever_old_enough() {
        assertThat(RetentionCutoffs.at(NOW, Duration.ofDays(7), Duration.ofDays(1), Optional.empty(), Duration.ofDays(7))
                .processedEvents()).isEmpty();
    }

    @Test
    void a_zero_or_negative_age_is_refused_with_the_knob_named() {
        assertThatThrownBy(() -> RetentionCutoffs.at(NOW, Duration.ZERO, Duration.ofDays(1), Optional.empty(), Duration.ofDays(7)))
                .hasMessageContaining("crm.retention.published-events");
        assertThatThrownBy(() -> RetentionCutoffs.at(NOW, Duration.ofDays(7), Duration.ofDays(1), Optional.of(Duration.ofDays(-1)), Duration.ofDays(7)))
                .hasMessageContaining("crm.retention.redelivery-horizon");
    }
}
