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
    void emptyLooksWaitLongerUpToTheIdleInterval() {
        assertThat(pace.after(EMPTY)).isEqualTo(200);
        assertThat(pace.after(EMPTY)).isEqualTo(400);
        assertThat(pace.after(EMPTY)).isEqualTo(800);
        assertThat(pace.after(EMPTY)).isEqualTo(1600);
        assertThat(pace.after(EMPTY)).isEqualTo(2000);
        assertThat(pace.after(EMPTY)).isEqualTo(2000);
    }

    @Test
    void aLookThatPublishedOrMetAnotherReplicaComesBackSoon() {
        pace.after(EMPTY);
        pace.after(EMPTY);
        assertThat(pace.after(PUBLISHED)).isEqualTo(200);
        assertThat(pace.after(EMPTY)).isEqualTo(200);
        pace.after(EMPTY);
        assertThat(pace.after(OTHER_REPLICA)).isEqualTo(200);
        assertThat(pace.after(OTHER_REPLICA)).isEqualTo(200);
    }

    @Test
    void aWakeUpStartsTheIdleWaitsAgainFromTheShortInterval() {
        pace.after(EMPTY);
        pace.after(EMPTY);
        pace.after(EMPTY);
        pace.wokenUp();
        assertThat(pace.after(EMPTY)).isEqualTo(200);
        assertThat(pace.after(EMPTY)).isEqualTo(400);
    }

    @Test
    void anIdleIntervalShorterThanTheBusyOneMeansNoBackOff() {
        RelayPace flat = new RelayPace(Duration.ofMillis(500), Duration.ofMillis(100));
        assertThat(flat.after(EMPTY)).isEqualTo(500);
        assertThat(flat.after(EMPTY)).isEqualTo(500);
    }
}
