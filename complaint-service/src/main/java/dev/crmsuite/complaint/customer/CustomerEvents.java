package dev.crmsuite.complaint.customer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.complaint.complaint.CustomerChanges;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.events.PoisonEventException;
import dev.crmsuite.platform.inbox.EventSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the local customer copy from crm.customers and applies what a customer change means for
 * complaints: a customer becoming known reconciles the complaints filed before (customerKnown,
 * segment, priority), a merge moves complaints to the survivor, an erasure removes personal text.
 */
@ApplicationScoped
public class CustomerEvents implements EventSubscriber {

    /** The crm.customers types {@link #handle} acts on. */
    static final Set<String> TYPES = Set.of("crm.customer.registered.v1", "crm.customer.updated.v1",
            "crm.customer.segment-changed.v1", "crm.customer.merged.v1", "crm.customer.erased.v1");

    @Inject
    KnownCustomers customers;
    @Inject
    CustomerChanges complaints;
    @Inject
    Clock clock;

    /** No name or email: complaints need neither, so none is read or kept (data minimisation). */
    record Snapshot(UUID customerId, String segment, String valueTier,
                    OffsetDateTime registeredAt, OffsetDateTime updatedAt) {
    }

    /** priorityBoost: the new segment's complaint priority boost (0..3); absent from older producers = 0. */
    record SegmentChanged(UUID customerId, String segment, String valueTier, OffsetDateTime changedAt, Integer priorityBoost) {
    }

    /** The most levels a segment may add, as documented for priorityBoost in docs/asyncapi.yaml. */
    static final int MAX_PRIORITY_BOOST = 3;

    record Merged(UUID sourceCustomerId, UUID targetCustomerId, OffsetDateTime mergedAt) {
    }

    record Erased(UUID customerId, OffsetDateTime erasedAt) {
    }

    @Override
    public String name() {
        return "complaint-customer-copy";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.customers");
    }

    @Override
    public boolean handles(String eventType) {
        return TYPES.contains(eventType);
    }

    @Override
    public void handle(CloudEvent event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case "crm.customer.registered.v1", "crm.customer.updated.v1" -> {
                Snapshot s = EventJson.data(event, Snapshot.class);
                UUID id = require(s.customerId(), event);
                OffsetDateTime at = first(s.updatedAt(), s.registeredAt(), event.time());
                if (customers.upsert(id, data.has("segment"), s.segment(), data.has("valueTier"), s.valueTier(), null, at)) {
                    complaints.customerKnown(id);
                }
            }
            case "crm.customer.segment-changed.v1" -> {
                SegmentChanged s = EventJson.data(event, SegmentChanged.class);
                UUID id = require(s.customerId(), event);
                // customer-service owns the segment service policy: the boost of the new segment comes with it.
                int boost = s.priorityBoost() == null ? 0 : s.priorityBoost();
                if (boost < 0 || boost > MAX_PRIORITY_BOOST) {
                    throw new PoisonEventException("segment-changed priorityBoost " + boost + " is outside 0.." + MAX_PRIORITY_BOOST);
                }
                if (customers.upsert(id, true, s.segment(), data.has("valueTier"), s.valueTier(), boost,
                        first(s.changedAt(), event.time(), null))) {
                    complaints.customerKnown(id);
                }
            }
            case "crm.customer.merged.v1" -> {
                Merged m = EventJson.data(event, Merged.class);
                if (m.sourceCustomerId() == null || m.targetCustomerId() == null
                        || m.sourceCustomerId().equals(m.targetCustomerId())) {
                    throw new PoisonEventException("merged event needs two different customer ids");
                }
                customers.markMerged(m.sourceCustomerId(), m.targetCustomerId(), first(m.mergedAt(), event.time(), null));
                complaints.merged(m.sourceCustomerId(), m.targetCustomerId());
            }
            case "crm.customer.erased.v1" -> {
                Erased e = EventJson.data(event, Erased.class);
                UUID id = require(e.customerId(), event);
                customers.markErased(id, first(e.erasedAt(), event.time(), null));
                complaints.erased(id);
            }
            default -> {
                // Other customer events (stage, purchases, touchpoints...) do not concern complaints.
            }
        }
    }

    private static UUID require(UUID customerId, CloudEvent event) {
        if (customerId == null) {
            throw new PoisonEventException(event.type() + " without customerId");
        }
        return customerId;
    }

    private OffsetDateTime first(OffsetDateTime a, OffsetDateTime b, OffsetDateTime c) {
        return a != null ? a : b != null ? b : c != null ? c : OffsetDateTime.now(clock);
    }
}
