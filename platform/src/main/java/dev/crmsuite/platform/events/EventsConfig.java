package dev.crmsuite.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Event publishing and consuming knobs, shared by every service ({@code crm.events.*}). */
@ConfigMapping(prefix = "crm.events")
public interface EventsConfig {

    /** CloudEvents {@code source} of this service's events, e.g. {@code /crm/customer-service}. */
    String source();

    /**
     * The topic this service publishes to, e.g. {@code crm.customers}. Absent in a process that
     * publishes nothing (the gateway only consumes): then no outbox relay runs and nothing may be appended.
     */
    java.util.Optional<String> topic();

    /** Suffix of dead-letter topics: poison records of topic T go to T + suffix. */
    @WithDefault(".dlq")
    String deadLetterSuffix();

    /**
     * How soon the relay looks again after a look that published something, or that found another
     * replica publishing (its rows may have been committed after that replica's look).
     */
    @WithDefault("200ms")
    Duration relayPollInterval();

    /**
     * The longest the relay waits between looks at an outbox that had nothing to publish: each empty
     * look doubles the wait from {@link #relayPollInterval()} up to this. A commit in this process
     * that wrote outbox rows wakes the relay at once, so the wait only delays rows nothing announced
     * (a crash between a commit and its wake-up). Each look is a transaction: at 200 ms, five idle
     * looks a second cost each service 7-15 ms of CPU per second (2026-12-04).
     */
    @WithDefault("2s")
    Duration relayIdlePollInterval();

    /** Most events the relay publishes in one batch (one transaction). */
    @WithDefault("500")
    int relayBatchSize();

    /** Longest wait between relay attempts while Kafka is unreachable. */
    @WithDefault("5s")
    Duration relayMaxBackoff();

    /**
     * Most consumed events applied together in one transaction. Under load one commit (one WAL flush)
     * per batch instead of per event is what lets consumers keep up; a batch that fails is retried
     * event by event, so poison and transient failures are still handled one record at a time.
     * 1 turns batching off.
     */
    @WithDefault("100")
    int consumerBatchSize();

    /**
     * Kafka consumers (threads) per consumer group ({@code dev.crmsuite.platform.inbox.SubscriberGroup})
     * with a subscriber that applies events one by one; a group of only
     * {@link dev.crmsuite.platform.inbox.BatchEventSubscriber}s always runs one. The topic's partitions
     * are spread over a group's consumers, so per-customer order holds with any number (a customer's
     * events share a partition).
     *
     * <p>One by default. Every consumer applies what it fetched in one transaction for all the
     * group's members, so more consumers split the same events into more, smaller transactions and
     * more wake-ups, and on 2 cores they add no CPU to overlap with (the bench figures that decided
     * it: README, "What limits", 2026-12-06). Raise it where a service runs on more cores than
     * replicas and a per-event member falls behind (its database round trips are what more
     * consumers overlap); more replicas add consumers too, up to the topic's partitions.
     */
    @WithDefault("1")
    int consumerThreads();

    /**
     * How often a consumer commits the offsets of what it applied while records keep coming (it
     * also commits whenever it is idle, retrying or handing partitions over). Longer means fewer
     * commits to the broker; after a crash up to this much is read again and skipped by the inbox.
     * Each commit is a blocking round trip to the group coordinator: at 200 ms the suite's busy
     * consumers sent 137-150 commits a second while purchases ran at 30-70/s (a fifth of the broker's
     * requests); at 1 s, 30 a second (broker request counts over JMX, 2026-12-05).
     */
    @WithDefault("1s")
    Duration consumerCommitInterval();

    /**
     * How long the broker may hold a consumer's fetch while it has no new record for it (Kafka's
     * fetch.max.wait.ms). A record that arrives ends the wait at once, so this costs no latency; it
     * only sets how often an idle consumer asks again. Kafka's default of 500 ms made the suite's
     * 54 idle consumers send about 100 fetches a second (2026-12-04).
     */
    @WithDefault("5s")
    Duration consumerFetchWait();

    /** Whether this process runs the relay and its consumers (off only in special tools). */
    @WithDefault("true")
    boolean enabled();
}
