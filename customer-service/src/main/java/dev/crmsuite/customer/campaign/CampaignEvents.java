package dev.crmsuite.customer.campaign;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Data of the crm.campaign.* events this side publishes (docs/event-contracts.md, docs/asyncapi.yaml).
 * Campaign-level events are keyed by the campaign id, per-customer ones by the customer id.
 */
public final class CampaignEvents {

    public static final String SCHEDULED = "crm.campaign.scheduled.v1";
    public static final String SENT = "crm.campaign.sent.v1";
    public static final String CANCELLED = "crm.campaign.cancelled.v1";
    public static final String DELIVERY_REQUESTED = "crm.campaign.delivery-requested.v1";

    private CampaignEvents() {
    }

    public record Scheduled(UUID campaignId, String name, CampaignKind kind, UUID audienceId, OffsetDateTime sendAt,
                            String recurrence, OffsetDateTime scheduledAt) {
    }

    /** One run's members are all decided; {@code excluded} counts per reason (only reasons that occurred). */
    public record Sent(UUID campaignId, UUID runId, int runNumber, CampaignKind kind, long audienceSize, long requested,
                       long deferred, long holdout, Map<String, Long> excluded, OffsetDateTime sentAt) {
    }

    public record Cancelled(UUID campaignId, String reason, OffsetDateTime cancelledAt) {
    }

    /**
     * No recipient: a LETTER goes to the postal address, the other kinds to the email address of the profile's personal
     * record on crm.customers.personal, read when the message is sent (so an erasure or a new address in between counts).
     */
    public record DeliveryRequested(UUID deliveryId, UUID campaignId, UUID runId, UUID customerId, CampaignKind kind, String subject,
                                    String templateKey, JsonNode variables, CampaignModels.EventDetails event,
                                    String rsvpToken, String deliveryPartner, OffsetDateTime requestedAt) {
    }
}
