package dev.crmsuite.customer.insight;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the duplicate sweep's stored position moves: batches continue a pass, a short one ends it, a rest follows. */
class DuplicateSweepPositionTest {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-12-01T00:00:00Z");
    static final Duration REST = Duration.ofDays(1);
    static final UUID A = UUID.fromString("10000000-0000-0000-0000-000000000000");
    static final UUID B = UUID.fromString("20000000-0000-0000-0000-000000000000");
    static final UUID C = UUID.fromString("30000000-0000-0000-0000-000000000000");

    @Test
    void a_sweep_that_never_ran_starts_at_the_first_id_at_once() {
        assertThat(DuplicateSweepPosition.never().nextFrom(T0, REST)).contains(DuplicateSweepPosition.FIRST);
    }

    @Test
    void a_full_batch_moves_the_position_to_its_last_id_and_keeps_the_pass_open() {
        DuplicateSweepPosition p = DuplicateSweepPosition.never().afterBatch(List.of(A, B), 2, T0);
        assertThat(p).isEqualTo(new DuplicateSweepPosition(B, T0, null, 2));
        assertThat(p.nextFrom(T0.plusSeconds(5), REST)).contains(B);

        DuplicateSweepPosition q = p.afterBatch(List.of(C, UUID.randomUUID()), 2, T0.plusSeconds(5));
        // the pass keeps its start and counts on
        assertThat(q.passStartedAt()).isEqualTo(T0);
        assertThat(q.checkedInPass()).isEqualTo(4);
        assertThat(q.passFinishedAt()).isNull();
    }

    @Test
    void a_short_batch_ends_the_pass_and_the_next_waits_for_the_rest() {
        DuplicateSweepPosition running = new DuplicateSweepPosition(B, T0, null, 2);
        OffsetDateTime end = T0.plusMinutes(10);
        DuplicateSweepPosition done = running.afterBatch(List.of(C), 2, end);
        assertThat(done).isEqualTo(new DuplicateSweepPosition(null, T0, end, 3));

        assertThat(done.nextFrom(end.plus(REST).minusSeconds(1), REST)).isEmpty();
        assertThat(done.nextFrom(end.plus(REST), REST)).contains(DuplicateSweepPosition.FIRST);
    }

    @Test
    void an_empty_batch_ends_the_pass_too() {
        DuplicateSweepPosition done = new DuplicateSweepPosition(C, T0, null, 7).afterBatch(List.of(), 100, T0.plusHours(1));
        assertThat(done.passFinishedAt()).isEqualTo(T0.plusHours(1));
        assertThat(done.after()).isNull();
        assertThat(done.checkedInPass()).isEqualTo(7);
    }

    @Test
    void the_first_batch_after_a_rest_starts_a_new_pass_with_a_fresh_count() {
        DuplicateSweepPosition done = new DuplicateSweepPosition(null, T0, T0.plusHours(1), 500);
        OffsetDateTime later = T0.plusDays(2);
        DuplicateSweepPosition p = done.afterBatch(List.of(A, B), 2, later);
        assertThat(p).isEqualTo(new DuplicateSweepPosition(B, later, null, 2));
    }

    @Test
    void a_batch_larger_than_asked_for_is_a_bug() {
        assertThatThrownBy(() -> DuplicateSweepPosition.never().afterBatch(List.of(A, B, C), 2, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
