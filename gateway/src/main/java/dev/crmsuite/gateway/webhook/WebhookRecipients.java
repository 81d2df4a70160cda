package dev.crmsuite.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.CloudEvent;

import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Which subscriptions whose types match an event actually get it, and in which form. Plain rules,
 * no database: {@link WebhookFanout} feeds them the subscription's owner and, only when a rule asks,
 * the customer's partner-sharing consent.
 *
 * <p>Who owns a subscription is its {@code owner} column: the creating caller's id, in the
 * platform's declared format ({@code Caller#id}: {@code partner:<API key id>} for a partner key,
 * {@code user:<subject>} for staff; V6 moved the old {@code key:} spelling to it). Nothing else (the
 * {@code partner} column is only a display name) decides it.
 *
 * <ul>
 *   <li>An event about a customer reaches a subscription only if the customer consented to partner
 *       sharing, staff-owned subscriptions included (the rule since webhooks exist).</li>
 *   <li>Exception: {@code crm.campaign.delivery-requested.v1} naming a {@code deliveryPartner} (an API
 *       key id) reaches that partner's own subscriptions without the sharing consent: the customer
 *       consented to marketing, and that partner is the company's mailer or printer for the campaign.
 *       Every other partner still needs the sharing consent.</li>
 *   <li>The {@code rsvpToken} of a delivery request is the capability to answer the invitation for
 *       the customer: only the delivery partner and staff-owned subscriptions (the company's own mail
 *       integration, when no partner delivers) get it; any other partner gets the event with
 *       {@code rsvpToken: null}.</li>
 *   <li>Campaign-level events ({@code crm.campaign.scheduled/sent/cancelled.v1}) have a campaign as
 *       subject, no customer and no consent to check; campaigns are back-office, so they reach
 *       staff-owned subscriptions only.</li>
 * </ul>
 */
final class WebhookRecipients {

    static final String DELIVERY_REQUESTED = "crm.campaign.delivery-requested.v1";
    private static final Set<String> CAMPAIGN_LEVEL = Set.of("crm.campaign.scheduled.v1", "crm.campaign.sent.v1",
            "crm.campaign.cancelled.v1");
    private static final String PARTNER_OWNER = "partner:";
    private static final String STAFF_OWNER = "user:";

    /** The event as the subscription gets it. */
    enum Form {
        /** The event as published. */
        AS_PUBLISHED,
        /** The delivery request without its RSVP capability. */
        WITHOUT_RSVP_TOKEN
    }

    private WebhookRecipients() {
    }

    /**
     * How the subscription owned by {@code owner} gets {@code event}, or empty when it does not.
     * {@code consented} is asked at most once, and only when the answer depends on it.
     */
    static Optional<Form> formFor(CloudEvent event, String owner, BooleanSupplier consented) {
        boolean staff = owner != null && owner.startsWith(STAFF_OWNER);
        if (CAMPAIGN_LEVEL.contains(event.type())) {
            return staff ? Optional.of(Form.AS_PUBLISHED) : Optional.empty();
        }
        if (DELIVERY_REQUESTED.equals(event.type())) {
            if (deliveredBy(event, owner)) {
                return Optional.of(Form.AS_PUBLISHED);
            }
            if (!consented.getAsBoolean()) {
                return Optional.empty();
            }
            return Optional.of(staff || !carriesRsvpToken(event) ? Form.AS_PUBLISHED : Form.WITHOUT_RSVP_TOKEN);
        }
        return consented.getAsBoolean() ? Optional.of(Form.AS_PUBLISHED) : Optional.empty();
    }

    /** Whether {@code owner} is the partner key the delivery request names as its delivery partner. */
    static boolean deliveredBy(CloudEvent event, String owner) {
        JsonNode partner = event.data() == null ? null : event.data().get("deliveryPartner");
        return partner != null && partner.isTextual() && !partner.asText().isBlank() && owner != null
                && owner.equals(PARTNER_OWNER + partner.asText());
    }

    private static boolean carriesRsvpToken(CloudEvent event) {
        return event.data() != null && event.data().hasNonNull("rsvpToken");
    }

    /** {@code event} in the given form. */
    static CloudEvent as(Form form, CloudEvent event) {
        if (form == Form.AS_PUBLISHED || event.data() == null || !event.data().isObject()) {
            return event;
        }
        ObjectNode data = ((ObjectNode) event.data()).deepCopy();
        data.putNull("rsvpToken");
        return new CloudEvent(event.specversion(), event.id(), event.source(), event.type(), event.subject(), event.time(),
                event.datacontenttype(), event.requestid(), data);
    }
}
