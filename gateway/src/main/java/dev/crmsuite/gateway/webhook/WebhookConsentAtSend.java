package dev.crmsuite.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;

import java.time.OffsetDateTime;

/**
 * The consent check again, when a delivery is about to be sent. {@link WebhookFanout} decided with
 * the consent of the moment the event arrived; a delivery can wait much longer than that (retries
 * back off for hours, a slow receiver builds a backlog), and a customer who withdraws partner sharing
 * meanwhile must not have it sent (issue 17: a withdrawal stops webhooks for that customer at once).
 * Same rules ({@link WebhookRecipients}), fed the consent as kept now.
 */
final class WebhookConsentAtSend {

    private WebhookConsentAtSend() {
    }

    static boolean stillAllowed(WebhookDispatcher.Due due) {
        CloudEvent event = EventJson.parse(due.payload());
        return WebhookRecipients.formFor(event, due.owner(), () -> consented(event, due.keptSharing(), due.keptAt())).isPresent();
    }

    /**
     * The customer's partner-sharing consent for this event: the event's own when it carries one and
     * nothing newer was kept (the consent subscriber may not have applied it yet), else the kept one.
     * Nothing kept and nothing carried: no consent, as in the fan-out.
     */
    static boolean consented(CloudEvent event, Boolean keptSharing, OffsetDateTime keptAt) {
        JsonNode data = event.data();
        boolean carries = data != null && data.has("consents");
        if (carries && (keptAt == null || event.time() == null || !event.time().isBefore(keptAt))) {
            return data.path("consents").path("partnerSharing").asBoolean(false);
        }
        return Boolean.TRUE.equals(keptSharing);
    }
}
