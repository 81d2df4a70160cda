package dev.crmsuite.platform.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RelayPaceTest {

    static final OutboxRelay.Look EMPTY = new OutboxRelay.Look(true, 0);
    static final OutboxRelay.Look PUBLISHED = new OutboxRelay.Look(true, 3);
    static final OutboxRelay.Look OTHER_REPLICA = new OutboxRelay.Look(false, 0);

    final RelayPace pace = new RelayPace(Duration.ofMillis(200), Duration.ofSeconds(2));

    @Test
    void empty_looks_wait_longer_up_to_the_idle_interval() {
        assertThat(pace.after(EMPTY)).isEqualTo(200);
        assertThat(pace.after(EMPTY)).isEqualTo(400);
        assertThat(pace.after(EMPTY)).isEqualTo(800);
        assertThat(pace.after(EMPTY)).isEqualTo(1600);
        assertThat(pace.after(EMPTY)).isEqualTo(2000);
        assertThat(pace.after(EMPTY)).isEqualTo(2000);
    }

    @Test
    void a_look_that_published_or_met_another_replica_comes_back_soon() {
        pace.after(EMPTY);
        pace.after(EMPTY);
        assertThat(pace.after(PUBLISHED)).isEqualTo(200);
        assertThat(pace.after(EMPTY)).isEqualTo(200);
        pace.after(EMPTY);
        assertThat(pace.after(OTHER_REPLICA)).isEqualTo(200);
        assertThat(pace.after(OTHER_REPLICA)).isEqualTo(200);
    }

    @Test
    void a_wake_up_starts_the_idle_waits_again_from_the_short_interval() {
        pace.after(EMPTY);
        pace.after(EMPTY);
        pace.after(EMPTY);
        pace.wokenUp();
        assertThat(pace.after(EMPTY)).isEqualTo(200);
        assertThat(pace.after(EMPTY)).isEqualTo(400);
    }

    @Test
    void an_idle_interval_shorter_than_the_busy_one_means_no_back_off() {
        RelayPace flat = new RelayPace(Duration.ofMillis(500), Duration.ofMillis(100));
        assertThat(flat.after(EMPTY)).isEqualTo(500);
        assertThat(flat.after(EMPTY)).isEqualTo(500);
    }
}
