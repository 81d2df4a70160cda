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
 *   <li>A delivery request's {@code recipient} is not in the event (issue 17 item 2): it is filled in
 *       at send time from the gateway's copy of the customer's profile ({@link WebhookConsentAtSend}),
 *       for every subscription that gets the request, as the event carried it before.</li>
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

    /**
     * {@code event} in the given form, as the delivery keeps it. A delivery request never keeps a
     * recipient (one published before issue 17 may carry it): it is filled in at send time
     * ({@link #withRecipient}), so no address is stored with a delivery and an erasure or a withdrawal
     * is honoured by what is sent.
     */
    static CloudEvent as(Form form, CloudEvent event) {
        boolean carriesRecipient = DELIVERY_REQUESTED.equals(event.type()) && event.data() != null && event.data().has("recipient");
        if ((form == Form.AS_PUBLISHED && !carriesRecipient) || event.data() == null || !event.data().isObject()) {
            return event;
        }
        ObjectNode data = ((ObjectNode) event.data()).deepCopy();
        data.remove("recipient");
        if (form == Form.WITHOUT_RSVP_TOKEN) {
            data.putNull("rsvpToken");
        }
        return withData(event, data);
    }

    /**
     * A delivery request with {@code data.recipient} from the customer's profile copy, in the shape
     * the event had before issue 17: {@code displayName}, {@code email}, {@code phone},
     * {@code postalAddress} (each null when the profile has none).
     */
    static CloudEvent withRecipient(CloudEvent event, JsonNode profile) {
        ObjectNode data = event.data() != null && event.data().isObject() ? ((ObjectNode) event.data()).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        ObjectNode recipient = data.putObject("recipient");
        recipient.set("displayName", valueOf(profile, "name"));
        recipient.set("email", valueOf(profile, "email"));
        recipient.set("phone", valueOf(profile, "phone"));
        recipient.set("postalAddress", valueOf(profile, "postalAddress"));
        return withData(event, data);
    }

    private static JsonNode valueOf(JsonNode profile, String field) {
        JsonNode value = profile == null ? null : profile.get(field);
        return value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value;
    }

    private static CloudEvent withData(CloudEvent event, JsonNode data) {
        return new CloudEvent(event.specversion(), event.id(), event.source(), event.type(), event.subject(), event.time(),
                event.datacontenttype(), event.requestid(), data);
    }
}
