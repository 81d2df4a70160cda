package dev.crmsuite.gateway.webhook;

import dev.crmsuite.platform.consent.PartnerConsents;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.inbox.BatchEventSubscriber;
import dev.crmsuite.platform.inbox.PerTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Turns each event into one pending delivery per matching active subscription, in the same
 * transaction as the processed-event mark, so no delivery is lost or doubled. Only customers who
 * consented to sharing with partners are delivered (the platform's {@link PartnerConsents}, the one
 * consent record every service enforces partner visibility with), except a campaign's delivery
 * requests to its delivery partner and campaign-level events to staff ({@link WebhookRecipients}).
 * A batch of events costs two statements however many deliveries it makes (the subscriptions read,
 * the deliveries written), so it runs as a {@link BatchEventSubscriber}: one consumer whose batches
 * grow with the load.
 */
@ApplicationScoped
public class WebhookFanout implements BatchEventSubscriber {

    private static final String SUBSCRIPTIONS = WebhookFanout.class.getName() + ".subscriptions";

    private final EntityManager em;
    private final Clock clock;
    private final PartnerConsents consents;
    private final PerTransaction perTransaction;

    public WebhookFanout(EntityManager em, Clock clock, PartnerConsents consents, PerTransaction perTransaction) {
        this.em = em;
        this.clock = clock;
        this.consents = consents;
        this.perTransaction = perTransaction;
    }

    @Override
    public String name() {
        return "webhook-fanout";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.customers", "crm.loyalty", "crm.complaints", "crm.surveys");
    }

    /**
     * Every type: partners subscribe to any type or prefix ({@code *}, {@code crm.complaint.*}) at any
     * time, on any replica, and which types match is only known by reading webhook_subscription in
     * the event's transaction. A cached or precomputed set could miss a subscription created on
     * another replica, so nothing is skipped here; the subscriptions are read once per transaction
     * ({@link #activeSubscriptions}).
     */
    @Override
    public boolean handles(String eventType) {
        return true;
    }

    /** A pending delivery, as the insert reads it (JSON field names = the record's). */
    record Delivery(UUID id, UUID subscriptionId, String eventId, String eventType, String customerId, String payload) {
    }

    @Override
    public void handleAll(List<CloudEvent> events) {
        List<Tuple> subscriptions = activeSubscriptions();
        List<Delivery> deliveries = new ArrayList<>();
        for (CloudEvent event : events) {
            deliveries.addAll(deliveries(event, subscriptions));
        }
        if (deliveries.isEmpty()) {
            return;
        }
        // One statement for the whole batch; a delivery already made (an event read again after its
        // processed mark was purged) stays as it is.
        em.createNativeQuery("""
                        insert into webhook_delivery (id, subscription_id, event_id, event_type, customer_id, payload,
                            status, next_attempt_at, created_at)
                        select d."id", d."subscriptionId", d."eventId", d."eventType", d."customerId", d."payload", 'PENDING', ?2, ?2
                        from jsonb_to_recordset(cast(?1 as jsonb))
                             as d("id" uuid, "subscriptionId" uuid, "eventId" text, "eventType" text, "customerId" text, "payload" text)
                        on conflict do nothing""")
                .setParameter(1, EventJson.write(deliveries)).setParameter(2, OffsetDateTime.now(clock))
                .executeUpdate();
    }

    /** The deliveries one event makes: one per matching subscription whose rules let it see the event. */
    private List<Delivery> deliveries(CloudEvent event, List<Tuple> subscriptions) {
        // The consent is read once, and only if some matching subscription's rule needs it.
        Boolean[] consent = new Boolean[1];
        BooleanSupplier consented = () -> consent[0] != null ? consent[0] : (consent[0] = consented(event));
        Map<WebhookRecipients.Form, String> payloads = new EnumMap<>(WebhookRecipients.Form.class);
        List<Delivery> deliveries = new ArrayList<>();
        for (Tuple subscription : subscriptions) {
            if (!matches(subscription.get(1, String.class), event.type())) {
                continue;
            }
            var form = WebhookRecipients.formFor(event, subscription.get(2, String.class), consented);
            if (form.isEmpty()) {
                continue;
            }
            String payload = payloads.computeIfAbsent(form.get(), f -> EventJson.write(WebhookRecipients.as(f, event)));
            deliveries.add(new Delivery(UUID.randomUUID(), subscription.get(0, UUID.class), event.id(), event.type(),
                    event.subject(), payload));
        }
        return deliveries;
    }

    /** The active subscriptions, read once per transaction (a batch of events applied together). */
    private List<Tuple> activeSubscriptions() {
        return perTransaction.remember(SUBSCRIPTIONS, () -> em.createNativeQuery(
                        "select id, event_types, owner from webhook_subscription where status = 'ACTIVE'", Tuple.class)
                .getResultList().stream().map(Tuple.class::cast).toList());
    }

    static boolean matches(String subscribed, String type) {
        for (String pattern : subscribed.split(" ")) {
            if (pattern.equals("*") || pattern.equals(type)
                    || (pattern.endsWith("*") && type.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The event's own consent when it carries one (registration, update: the consent subscriber may
     * not have applied it yet), else the kept consent.
     */
    private boolean consented(CloudEvent event) {
        if (event.data() != null && event.data().has("consents")) {
            return event.data().path("consents").path("partnerSharing").asBoolean(false);
        }
        return consents.sharedWithPartners(event.subject());
    }
}
