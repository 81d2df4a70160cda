package dev.crmsuite.gateway.overview;

import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.inbox.BatchEventSubscriber;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;

/** Feeds every service's events into the customer-360 read model. */
@ApplicationScoped
public class OverviewEvents implements BatchEventSubscriber {

    @Inject
    OverviewStore store;

    @Override
    public String name() {
        return OverviewStore.NAME;
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.customers", "crm.loyalty", "crm.complaints", "crm.surveys");
    }

    /** A batch's documents are read and written once each, not once per event ({@link OverviewStore#recordAll}). */
    @Override
    public void handleAll(List<CloudEvent> events) {
        store.recordAll(events);
    }

    /** The types the overview shows; the store neither logs nor folds in any other. */
    @Override
    public boolean handles(String eventType) {
        return OverviewProjection.shows(eventType);
    }

    @Override
    public String generation() {
        return Long.toString(QuarkusTransaction.requiringNew().call(store::generation));
    }
}
