package dev.crmsuite.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The consent check again, when a delivery is about to be sent, and what is filled in then.
 * {@link WebhookFanout} decided with the consent of the moment the event arrived; a delivery can wait
 * much longer than that (retries back off for hours, a slow receiver builds a backlog), and a
 * customer who withdraws partner sharing meanwhile must not have it sent (issue 17: a withdrawal
 * stops webhooks for that customer at once). Same rules ({@link WebhookRecipients}), fed the consent
 * as kept now.
 *
 * <p>A campaign delivery request ({@code crm.campaign.delivery-requested.v1}) no longer carries its
 * recipient (issue 17 item 2: no personal data in the kept-forever event log): it gets
 * {@code data.recipient} here, from the gateway's copy of the customer's profile record. It is
 * withheld when the customer was erased, when there is still no profile copy {@link #PROFILE_GRACE}
 * after the request reached the gateway, or when the customer withdrew marketing consent after the
 * request was made.
 */
final class WebhookConsentAtSend {

    /**
     * How long a delivery request waits for its customer's profile record when there is none and the
     * customer is not known to be erased (the personal topic is consumed apart from crm.customers, so
     * a profile may arrive a moment after the request); then it is withheld.
     */
    static final Duration PROFILE_GRACE = Duration.ofMinutes(10);

    /** What to send ({@code payload}), or to try again shortly ({@code deferred}), or why nothing is sent ({@code withheldBecause}). */
    record Decision(String payload, boolean deferred, String withheldBecause) {

        static Decision send(String payload) {
            return new Decision(payload, false, null);
        }

        static Decision defer() {
            return new Decision(null, true, null);
        }

        static Decision withhold(String because) {
            return new Decision(null, false, because);
        }
    }

    private WebhookConsentAtSend() {
    }

    static Decision decide(WebhookDispatcher.Due due, OffsetDateTime now) {
        CloudEvent event = EventJson.parse(due.payload());
        if (WebhookRecipients.formFor(event, due.owner(), () -> consented(event, due.keptSharing(), due.keptAt())).isEmpty()) {
            return Decision.withhold("the customer no longer consents to partner sharing");
        }
        if (!WebhookRecipients.DELIVERY_REQUESTED.equals(event.type())) {
            return Decision.send(due.payload());
        }
        if (marketingWithdrawn(event, due.keptMarketing(), due.marketingAt())) {
            return Decision.withhold("the customer withdrew marketing consent after the request");
        }
        if (due.profile() == null) {
            if (due.erased()) {
                return Decision.withhold("the customer was erased");
            }
            return due.createdAt() != null && due.createdAt().plus(PROFILE_GRACE).isAfter(now) ? Decision.defer()
                    : Decision.withhold("no profile of the customer");
        }
        return Decision.send(EventJson.write(WebhookRecipients.withRecipient(event, profile(due.profile()))));
    }

    private static JsonNode profile(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("corrupt profile copy", e);
        }
    }

    /**
     * Whether the customer withdrew marketing consent after the delivery was requested: the kept
     * consent is false and was published at or after the request. A kept refusal older than the
     * request says nothing: customer-service requests a delivery only under consent, so the gateway
     * has not seen the newer grant yet; nothing kept likewise.
     */
    static boolean marketingWithdrawn(CloudEvent event, Boolean keptMarketing, OffsetDateTime keptAt) {
        return Boolean.FALSE.equals(keptMarketing) && keptAt != null
                && (event.time() == null || !keptAt.isBefore(event.time()));
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
