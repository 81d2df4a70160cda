package dev.crmsuite.platform.inbox;

import dev.crmsuite.platform.events.CloudEvent;

import java.util.List;

/**
 * A subscriber whose work for several events costs less done together than one by one: the
 * gateway's overview reads and writes each customer's document once per batch instead of once per
 * event. {@link EventConsumers} hands it every fresh event of a batch in one call, in partition
 * order, inside the transaction that marks them processed; a batch that fails is applied again one
 * event per call, as for any subscriber.
 *
 * <p>Implement it only where a batch costs about as many database round trips as one event (the
 * webhook fan-out: two statements per batch): such a subscriber runs with a single consumer, whose
 * batches grow with the load ({@code crm.events.consumer-threads} is for subscribers that work per event).
 *
 * <p>While {@link #handleAll} runs, every event's consumer span is open (the last one is current):
 * what it does for one event (an event it appends, a log line) it does inside
 * {@link BatchedEvents#during}, so that carries the event's own trace and request id.
 */
public interface BatchEventSubscriber extends EventSubscriber {

    /** Applies the events, in this order, as {@link #handle} would one after another. */
    void handleAll(List<CloudEvent> events);

    @Override
    default void handle(CloudEvent event) {
        handleAll(List.of(event));
    }
}
