package dev.crmsuite.platform.inbox;

import dev.crmsuite.platform.events.CloudEvent;

import java.util.Set;

/**
 * A consumer of other services' events. Implement it as a CDI bean and {@link EventConsumers}
 * runs it: in the consumer group the service's subscribers share ({@link SubscriberGroup}; a
 * rebuildable one in its own), records handled in partition order inside a transaction together
 * with their processed-event marks, so a redelivered event has no second effect. The subscribers of
 * a group share that transaction too, so one that fails a batch makes the batch be applied again
 * one record and one subscriber at a time. Under load several records share one transaction ({@code crm.events.consumer-batch-size});
 * if that fails they are applied again one per transaction, so {@link #handle} must keep all its
 * effects in the database transaction (no calls out) — a rolled-back attempt must leave no trace.
 *
 * <p>Throw {@link dev.crmsuite.platform.events.PoisonEventException} for an event that can never be
 * handled; it goes to the dead-letter topic. Any other exception is retried (forever while the
 * database is unreachable, a few times otherwise before dead-lettering).
 */
public interface EventSubscriber {

    /**
     * Stable name: the processed-event key, the name in dead letters and spans, and part of the
     * group id of a rebuildable subscriber. Unique in the service and never {@code inbox} (the
     * shared group's). Never rename it.
     */
    String name();

    Set<String> topics();

    /** Applies the event. Runs in a transaction that also records the event as processed. */
    void handle(CloudEvent event);

    /**
     * Whether {@link #handle} has any effect for events of this type. Events it is false for are
     * skipped: no transaction and no processed-event mark (their offset is still committed and they
     * still count as consumed). Skipping an event that has no effect leaves no effect to repeat on
     * redelivery, so exactly-once-in-effect still holds — while a subscriber that ignores most of
     * its topics no longer pays one transaction and one {@code processed_event} insert per record.
     *
     * <p>Must be pure and cheap (no database, no state that differs between replicas or changes
     * over time), and true for every type {@code handle} does anything for: when unsure, true. The
     * default is true, which keeps the old behaviour for subscribers that act on any type.
     */
    default boolean handles(String eventType) {
        return true;
    }

    /**
     * A record without value on a compacted topic (a personal topic, see
     * {@code privacy.PersonalData}): everything earlier under {@code key} is void, drop what was kept
     * of it. Runs in a transaction but takes no processed-event mark: a tombstone has no id, and
     * applying it twice deletes nothing more. Subscribers of event topics never see one.
     */
    default void handleTombstone(String topic, String key) {
    }

    /**
     * Generation of the state this subscriber builds. A subscriber with one (not empty at start)
     * reads in a consumer group of its own, and when the generation changes its consumer moves to
     * a new consumer group (which starts from the beginning of the topics), so a read model can be
     * rebuilt by resetting its tables and bumping the generation, on every replica at once. Checked
     * every few seconds. Most subscribers have none and share the service's group.
     */
    default String generation() {
        return "";
    }
}
