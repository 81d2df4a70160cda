package dev.crmsuite.gateway.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.inbox.EventSubscriber;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which customers share their data with channel partners, kept from {@code crm.customers} events.
 * A partner asking about anyone else gets the same 404 as for an id that does not exist, so the
 * API never leaks that the customer is there. Unknown means no consent.
 */
@ApplicationScoped
public class PartnerConsents implements EventSubscriber {

    /** A withdrawn consent is honoured by every replica within this time. */
    private static final long CACHE_MILLIS = 5_000;

    /** The customer events that change a kept consent. */
    static final Set<String> TYPES = Set.of("crm.customer.registered.v1", "crm.customer.updated.v1",
            "crm.customer.erased.v1", "crm.customer.merged.v1");

    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    private record Cached(boolean consented, long at) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "partner-consents";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.customers");
    }

    @Override
    public void handle(CloudEvent event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case "crm.customer.registered.v1", "crm.customer.updated.v1" -> {
                if (data.has("consents")) {
                    upsert(event.subject(), data.path("consents").path("partnerSharing").asBoolean(false), null, event);
                }
            }
            case "crm.customer.erased.v1" -> upsert(event.subject(), false, null, event);
            case "crm.customer.merged.v1" -> upsert(data.path("sourceCustomerId").asText(), false, event.subject(), event);
            default -> {
            }
        }
        cache.remove(event.subject());
    }

    /**
     * Other customer events leave partner_consent as it is; the cache entry {@link #handle} drops for
     * them would only be read again unchanged, so they are skipped.
     */
    @Override
    public boolean handles(String eventType) {
        return TYPES.contains(eventType);
    }

    /**
     * Whether partners may see this customer when that is known without the database (checked within
     * the cache time), else null. Non-blocking, for the event loop.
     */
    public Boolean sharedWithPartnersIfKnown(String customerId) {
        Cached cached = cache.get(customerId);
        return cached != null && clock.millis() - cached.at() < CACHE_MILLIS ? cached.consented() : null;
    }

    /** Whether partners may see this customer. Blocking (may read the DB). */
    public boolean sharedWithPartners(String customerId) {
        Boolean known = sharedWithPartnersIfKnown(customerId);
        if (known != null) {
            return known;
        }
        boolean consented = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Boolean> rows = em.createNativeQuery(
                            "select partner_sharing from partner_consent where customer_id = ?1 and merged_into is null")
                    .setParameter(1, customerId).getResultList();
            return !rows.isEmpty() && Boolean.TRUE.equals(rows.getFirst());
        });
        cache.put(customerId, new Cached(consented, clock.millis()));
        return consented;
    }

    private void upsert(String customerId, boolean sharing, String mergedInto, CloudEvent event) {
        em.createNativeQuery("""
                        insert into partner_consent (customer_id, partner_sharing, merged_into, updated_at)
                        values (?1, ?2, ?3, ?4)
                        on conflict (customer_id) do update set partner_sharing = excluded.partner_sharing,
                            merged_into = excluded.merged_into, updated_at = excluded.updated_at""")
                .setParameter(1, customerId).setParameter(2, sharing).setParameter(3, mergedInto)
                .setParameter(4, event.time()).executeUpdate();
    }
}
