package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.platform.time.SqlTimes;
import jakarta.persistence.Tuple;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One {@code campaign_delivery} row with what the feedback rules need of its campaign. */
record DeliveryRow(UUID id, UUID campaignId, UUID runId, UUID customerId, String status, OffsetDateTime requestedAt,
                   OffsetDateTime deliveredAt, OffsetDateTime bouncedAt, String bounceReason, OffsetDateTime openedAt,
                   OffsetDateTime clickedAt, String rsvp, OffsetDateTime rsvpAt, OffsetDateTime attendedAt,
                   String campaignName, String kind, String campaignStatus, String deliveryPartner, CampaignEvent event) {

    /** The select list {@link #of} reads; {@code d} is the delivery, {@code c} its campaign. */
    static final String COLUMNS = """
            d.id, d.campaign_id, d.run_id, d.customer_id, d.status, d.requested_at, d.delivered_at, d.bounced_at,
            d.bounce_reason, d.opened_at, d.clicked_at, d.rsvp, d.rsvp_at, d.attended_at, c.name as campaign_name, c.kind,
            c.status as campaign_status, c.delivery_partner, cast(c.event as text) as event""";

    static DeliveryRow of(Tuple t) {
        return new DeliveryRow(t.get("id", UUID.class), t.get("campaign_id", UUID.class), t.get("run_id", UUID.class),
                t.get("customer_id", UUID.class), t.get("status", String.class), SqlTimes.utc(t.get("requested_at")),
                SqlTimes.utc(t.get("delivered_at")), SqlTimes.utc(t.get("bounced_at")), t.get("bounce_reason", String.class),
                SqlTimes.utc(t.get("opened_at")), SqlTimes.utc(t.get("clicked_at")), t.get("rsvp", String.class),
                SqlTimes.utc(t.get("rsvp_at")), SqlTimes.utc(t.get("attended_at")), t.get("campaign_name", String.class),
                t.get("kind", String.class), t.get("campaign_status", String.class), t.get("delivery_partner", String.class),
                CampaignEvent.parse(t.get("event", String.class)));
    }

    /** Whether a message was (or is being) sent to the customer: the rows feedback may be recorded on. */
    boolean sent() {
        return status.equals("REQUESTED") || status.equals("DELIVERED");
    }
}
