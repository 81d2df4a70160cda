package dev.crmsuite.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.inbox.EventSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Set;

/**
 * Each customer's marketing consent as crm.customers last published it ({@code marketing_consent}),
 * for {@link WebhookConsentAtSend}: a campaign delivery request waits for its webhook (a retry, a
 * backlog), and a customer who withdraws marketing consent meanwhile must not have it sent. Like the
 * partner-sharing record: erasure and being merged away withdraw it.
 */
@ApplicationScoped
public class MarketingConsents implements EventSubscriber {

    static final Set<String> TYPES = Set.of("crm.customer.registered.v1", "crm.customer.updated.v1",
            "crm.customer.erased.v1", "crm.customer.merged.v1");

    private final EntityManager em;

    public MarketingConsents(EntityManager em) {
        this.em = em;
    }

    @Override
    public String name() {
        return "marketing-consents";
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
                if (data != null && data.path("consents").has("marketing")) {
                    keep(event.subject(), data.path("consents").path("marketing").asBoolean(false), event);
                }
            }
            case "crm.customer.erased.v1" -> keep(event.subject(), false, event);
            case "crm.customer.merged.v1" -> keep(data.path("sourceCustomerId").asText(), false, event);
            default -> {
            }
        }
    }

    private void keep(String customerId, boolean marketing, CloudEvent event) {
        em.createNativeQuery("""
                        insert into marketing_consent (customer_id, marketing, updated_at) values (?1, ?2, ?3)
                        on conflict (customer_id) do update set marketing = excluded.marketing, updated_at = excluded.updated_at""")
                .setParameter(1, customerId).setParameter(2, marketing).setParameter(3, event.time()).executeUpdate();
    }
}
