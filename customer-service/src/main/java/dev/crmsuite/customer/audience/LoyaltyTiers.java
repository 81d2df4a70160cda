package dev.crmsuite.customer.audience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.PoisonEventException;
import dev.crmsuite.platform.inbox.EventSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps each customer's loyalty tier (customer.loyalty_tier) from loyalty-service's events, so
 * audiences can filter on it: the tier a member joins at ({@code crm.account.opened.v1}) and every
 * change ({@code crm.tier.changed.v1}). A consumer group of its own: when first deployed it reads
 * crm.loyalty from the beginning and so fills the tiers of existing members. An event older than the
 * tier already held (by its changedAt / joinedAt, else the event time) changes nothing, so
 * redeliveries and replays never move a tier back. Events about unknown customers are skipped;
 * merged-away ids are followed to the surviving customer.
 */
@ApplicationScoped
public class LoyaltyTiers implements EventSubscriber {

    static final String OPENED = "crm.account.opened.v1";
    static final String CHANGED = "crm.tier.changed.v1";
    private static final java.util.regex.Pattern TIER = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]{0,49}");

    private final EntityManager em;
    private final Customers customers;

    public LoyaltyTiers(EntityManager em, Customers customers) {
        this.em = em;
        this.customers = customers;
    }

    @Override
    public String name() {
        return "customer-loyalty-tier";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.loyalty");
    }

    @Override
    public boolean handles(String eventType) {
        return OPENED.equals(eventType) || CHANGED.equals(eventType);
    }

    @Override
    public void handle(CloudEvent event) {
        JsonNode d = event.data() == null ? NullNode.getInstance() : event.data();
        String tier = d.path("tier").asText(null);
        // Kept as published: a tier loyalty-service adds later is held too (audiences filter on the known ones).
        if (tier == null || !TIER.matcher(tier).matches()) {
            throw new PoisonEventException(event.type() + " " + event.id() + " names no tier: " + tier);
        }
        UUID customerId;
        try {
            customerId = UUID.fromString(d.path("customerId").asText(event.subject()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return;
        }
        Customer customer = customers.resolve(customerId);
        if (customer == null) {
            return;
        }
        OffsetDateTime at = time(d.path(OPENED.equals(event.type()) ? "joinedAt" : "changedAt"), event);
        // A native update: the tier is loyalty-service's fact, not a profile edit, so it neither bumps the
        // customer's version (ETags stay valid) nor writes history.
        em.createNativeQuery("""
                        update customer set loyalty_tier = ?2, loyalty_tier_at = ?3
                        where id = ?1 and (loyalty_tier_at is null or loyalty_tier_at <= ?3)""")
                .setParameter(1, customer.id).setParameter(2, tier).setParameter(3, at).executeUpdate();
    }

    private static OffsetDateTime time(JsonNode field, CloudEvent event) {
        if (field.isTextual()) {
            try {
                return OffsetDateTime.parse(field.asText());
            } catch (java.time.format.DateTimeParseException ignored) {
                // fall back to the event's time
            }
        }
        return event.time() != null ? event.time() : OffsetDateTime.now();
    }
}
