package dev.crmsuite.platform.inbox;

import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventsConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventConsumersTest {

    static final class OneByOne implements EventSubscriber {
        @Override public String name() { return "one-by-one"; }
        @Override public Set<String> topics() { return Set.of("crm.customers"); }
        @Override public void handle(CloudEvent event) { }
    }

    static final class Together implements BatchEventSubscriber {
        @Override public String name() { return "together"; }
        @Override public Set<String> topics() { return Set.of("crm.customers"); }
        @Override public void handleAll(List<CloudEvent> events) { }
    }

    /**
     * crm.events with one knob set. Reading any other knob throws on purpose: it would get an answer
     * the test never gave.
     */
    static EventsConfig eventsConfigWith(String knob, Object value) {
        return (EventsConfig) Proxy.newProxyInstance(EventsConfig.class.getClassLoader(), new Class<?>[] {EventsConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals(knob)) {
                        return value;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Consumers with only consumer-threads set (the only knob consumersOf reads). */
    static EventConsumers withConsumerThreads(int threads) {
        EventConsumers consumers = new EventConsumers();
        consumers.config = eventsConfigWith("consumerThreads", threads);
        return consumers;
    }

    @Test
    void a_subscriber_that_works_per_event_runs_the_configured_consumers_and_a_batch_subscriber_one() {
        assertThat(withConsumerThreads(3).consumersOf(new OneByOne())).isEqualTo(3);
        assertThat(withConsumerThreads(3).consumersOf(new Together())).isEqualTo(1);
        assertThat(withConsumerThreads(5).consumersOf(new Together())).isEqualTo(1);
    }

    @Test
    void a_consumer_thread_that_ended_on_its_own_fails_liveness_and_one_asked_to_stop_does_not() throws InterruptedException {
        // No Kafka connection is set, so the consumer thread cannot build its client and ends: a
        // stand-in for any error a consumer cannot handle.
        EventConsumers consumers = withConsumerThreads(1);
        for (Thread consumer : consumers.startConsumersOf(new OneByOne())) {
            assertThat(consumer.join(Duration.ofSeconds(10))).as("the consumer thread ended").isTrue();
        }
        assertThat(consumers.allAlive()).as("a consumer that ended on its own").isFalse();
        assertThat(consumers.allJoined()).isFalse();

        consumers.stop(null);
        assertThat(consumers.allAlive()).as("the same consumer once the service stops").isTrue();
    }

    @Test
    void the_fetch_wait_must_stay_below_the_consumers_request_timeout() {
        assertThat(EventConsumers.fetchWaitMillis(eventsConfigWith("consumerFetchWait", Duration.ofSeconds(5)))).isEqualTo(5_000);
        assertThat(EventConsumers.fetchWaitMillis(eventsConfigWith("consumerFetchWait", Duration.ZERO))).isZero();
        assertThat(EventConsumers.fetchWaitMillis(eventsConfigWith("consumerFetchWait", Duration.ofSeconds(20)))).isEqualTo(20_000);
        assertThatThrownBy(() -> EventConsumers.fetchWaitMillis(eventsConfigWith("consumerFetchWait", Duration.ofSeconds(30))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("crm.events.consumer-fetch-wait");
        assertThatThrownBy(() -> EventConsumers.fetchWaitMillis(eventsConfigWith("consumerFetchWait", Duration.ofMillis(-1))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fewer_than_one_consumer_is_read_as_one() {
        assertThat(withConsumerThreads(0).consumersOf(new OneByOne())).isEqualTo(1);
        assertThat(withConsumerThreads(-2).consumersOf(new OneByOne())).isEqualTo(1);
    }
}
