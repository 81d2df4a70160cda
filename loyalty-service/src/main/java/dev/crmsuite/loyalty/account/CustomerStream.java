package dev.crmsuite.loyalty.account;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.crmsuite.loyalty.earning.AttendanceEvents;
import dev.crmsuite.loyalty.earning.EventAttendances;
import dev.crmsuite.loyalty.earning.PurchaseEvents;
import dev.crmsuite.loyalty.earning.Purchases;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.events.PoisonEventException;
import dev.crmsuite.platform.inbox.BatchEventSubscriber;
import dev.crmsuite.platform.inbox.BatchedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Everything loyalty learns from {@code crm.customers}. One subscriber for all of its types on
 * purpose: a customer's events share a partition, so a registration is applied before that
 * customer's first purchase and a merge before any later refund.
 */
@ApplicationScoped
public class CustomerStream implements BatchEventSubscriber {

    static final String REGISTERED = "crm.customer.registered.v1";
    static final String UPDATED = "crm.customer.updated.v1";
    static final String ERASED = "crm.customer.erased.v1";
    static final String MERGED = "crm.customer.merged.v1";

    /** The types {@link #handle} acts on; the other customer events carry nothing loyalty keeps. */
    static final Set<String> TYPES = Set.of(REGISTERED, UPDATED, ERASED, MERGED, PurchaseEvents.RECORDED,
            PurchaseEvents.REFUNDED, AttendanceEvents.RECORDED);

    @Inject
    Accounts accounts;
    @Inject
    Purchases purchases;
    @Inject
    EventAttendances attendances;
    @Inject
    EntityManager em;

    // No name or email: loyalty needs neither, so it keeps no copy (data minimisation) and reads none.
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Registered(UUID customerId, OffsetDateTime registeredAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Updated(UUID customerId, OffsetDateTime updatedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Erased(UUID customerId, OffsetDateTime erasedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Merged(UUID sourceCustomerId, UUID targetCustomerId, OffsetDateTime mergedAt) {
    }

    @Override
    public String name() {
        return "loyalty-customers";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.customers");
    }

    @Override
    public boolean handles(String eventType) {
        return TYPES.contains(eventType);
    }

    /**
     * Applies the events in order. Consecutive purchases are applied together ({@link Purchases#recorded}:
     * a few statements for the lot instead of about seven per purchase); everything else one by one.
     */
    @Override
    public void handleAll(List<CloudEvent> events) {
        List<CloudEvent> purchaseRun = new ArrayList<>();
        for (CloudEvent event : events) {
            if (PurchaseEvents.RECORDED.equals(event.type())) {
                purchaseRun.add(event);
                continue;
            }
            if (!purchaseRun.isEmpty()) {
                purchases.recorded(purchaseRun);
                purchaseRun = new ArrayList<>();
            }
            BatchedEvents.during(event, () -> apply(event));
        }
        if (!purchaseRun.isEmpty()) {
            purchases.recorded(purchaseRun);
        }
    }

    private void apply(CloudEvent event) {
        switch (event.type()) {
            case REGISTERED -> {
                Registered r = EventJson.data(event, Registered.class);
                UUID id = required(r.customerId(), "customerId");
                OffsetDateTime at = r.registeredAt() == null ? event.time() : r.registeredAt();
                em.createNativeQuery("""
                                insert into known_customer (customer_id, registered_at, updated_at)
                                values (?1, ?2, ?2) on conflict (customer_id) do nothing""")
                        .setParameter(1, id).setParameter(2, at)
                        .executeUpdate();
                accounts.open(id, at);
            }
            case UPDATED -> {
                Updated u = EventJson.data(event, Updated.class);
                em.createNativeQuery("""
                                update known_customer set updated_at = ?2 where customer_id = ?1""")
                        .setParameter(1, required(u.customerId(), "customerId"))
                        .setParameter(2, u.updatedAt() == null ? event.time() : u.updatedAt())
                        .executeUpdate();
            }
            case ERASED -> accounts.close(required(EventJson.data(event, Erased.class).customerId(), "customerId"));
            case MERGED -> {
                Merged m = EventJson.data(event, Merged.class);
                accounts.merge(required(m.sourceCustomerId(), "sourceCustomerId"), required(m.targetCustomerId(), "targetCustomerId"),
                        m.mergedAt() == null ? event.time() : m.mergedAt());
            }
            case PurchaseEvents.REFUNDED -> purchases.refunded(EventJson.data(event, PurchaseEvents.Refunded.class));
            case AttendanceEvents.RECORDED -> attendances.recorded(EventJson.data(event, AttendanceEvents.Recorded.class));
            default -> {
                // Purchases are applied in runs by handleAll; other customer events carry nothing loyalty keeps.
            }
        }
    }

    private static UUID required(UUID value, String field) {
        if (value == null) {
            throw new PoisonEventException(field + " is required");
        }
        return value;
    }
}
