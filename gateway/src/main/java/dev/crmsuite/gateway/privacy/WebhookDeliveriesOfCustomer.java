package dev.crmsuite.gateway.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The gateway's own part of a person's export: every webhook delivery that carried an event about them. */
@ApplicationScoped
public class WebhookDeliveriesOfCustomer {

    /** More deliveries than this for one person means something is wrong: the export refuses rather than truncates. */
    static final int MAXIMUM = 100_000;

    @Schema(name = "GatewayWebhookDelivery", description = "A webhook delivery that carried an event about the person, with what it carried")
    public record Delivery(
            @Schema(description = "Delivery id") UUID id,
            @Schema(description = "The partner's subscription") UUID subscriptionId,
            @Schema(description = "The partner that received it", examples = "Acme Mailer") String partner,
            @Schema(description = "Where it was sent", examples = "https://hooks.example.com/crm") String url,
            @Schema(description = "The event's CloudEvents id") String eventId,
            @Schema(description = "The event's type", examples = "crm.customer.updated.v1") String eventType,
            @Schema(description = "PENDING, DELIVERED, FAILED or WITHHELD (consent withdrawn or customer erased before it was sent)", examples = "DELIVERED") String status,
            @Schema(description = "Attempts so far") int attempts,
            @Schema(description = "When the delivery was created") OffsetDateTime createdAt,
            @Schema(description = "When the partner acknowledged it") OffsetDateTime deliveredAt,
            @Schema(description = "The request body as sent to the partner: a CloudEvent in JSON, as text (a campaign delivery "
                    + "request without data.recipient, which is filled in from the customer's profile when it is sent and not kept)",
                    examples = "{\"specversion\":\"1.0\",\"type\":\"crm.customer.updated.v1\",\"data\":{\"name\":\"Li Wei\"}}")
            String payload) {
    }

    private final EntityManager em;

    WebhookDeliveriesOfCustomer(EntityManager em) {
        this.em = em;
    }

    public List<Delivery> of(UUID customerId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select d.id, d.subscription_id, s.partner, s.url, d.event_id, d.event_type, d.status, d.attempts,
                               d.created_at, d.delivered_at, d.payload
                        from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
                        where d.customer_id = ?1 order by d.created_at, d.id limit ?2""", Tuple.class)
                .setParameter(1, customerId.toString()).setParameter(2, MAXIMUM + 1).getResultList();
        if (rows.size() > MAXIMUM) {
            throw new IllegalStateException("more than " + MAXIMUM + " webhook deliveries for one customer");
        }
        return rows.stream().map(r -> new Delivery(r.get(0, UUID.class), r.get(1, UUID.class), r.get(2, String.class),
                r.get(3, String.class), r.get(4, String.class), r.get(5, String.class), r.get(6, String.class),
                ((Number) r.get(7)).intValue(), time(r.get(8)), time(r.get(9)), r.get(10, String.class))).toList();
    }

    private static OffsetDateTime time(Object value) {
        return value == null ? null : dev.crmsuite.platform.time.SqlTimes.utc(value);
    }
}
