package dev.crmsuite.gateway.webhook;

import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static dev.crmsuite.gateway.webhook.WebhookRecipients.Form.AS_PUBLISHED;
import static dev.crmsuite.gateway.webhook.WebhookRecipients.Form.WITHOUT_RSVP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** Who gets which event, by the subscription's declared owner: the rules without a database. */
class WebhookRecipientsTest {

    static final String MAILER = "2b0c7e0a-0000-4000-8000-00000000000a";
    static final String OTHER = "2b0c7e0a-0000-4000-8000-00000000000b";
    static final BooleanSupplier CONSENTED = () -> true;
    static final BooleanSupplier NOT_CONSENTED = () -> false;

    static CloudEvent event(String type, String subject, String data) {
        try {
            return new CloudEvent("1.0", "e-1", "/crm/customer-service", type, subject, OffsetDateTime.parse("2030-03-01T09:00:00Z"),
                    "application/json", null, EventJson.MAPPER.readTree(data));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static CloudEvent requested(String deliveryPartner, String token) {
        return event(WebhookRecipients.DELIVERY_REQUESTED, "cust-1", "{\"deliveryId\":\"d-1\",\"customerId\":\"cust-1\",\"rsvpToken\":"
                + (token == null ? "null" : "\"" + token + "\"") + ",\"deliveryPartner\":"
                + (deliveryPartner == null ? "null" : "\"" + deliveryPartner + "\"") + "}");
    }

    @Test
    void the_delivery_partner_gets_its_requests_without_the_sharing_consent_and_with_the_token() {
        CloudEvent event = requested(MAILER, "tok");
        assertThat(WebhookRecipients.formFor(event, "partner:" + MAILER, NOT_CONSENTED)).contains(AS_PUBLISHED);
        assertThat(WebhookRecipients.formFor(event, "partner:" + MAILER, CONSENTED)).contains(AS_PUBLISHED);
    }

    @Test
    void any_other_partner_needs_the_consent_and_never_gets_the_token() {
        CloudEvent event = requested(MAILER, "tok");
        assertThat(WebhookRecipients.formFor(event, "partner:" + OTHER, NOT_CONSENTED)).isEmpty();
        assertThat(WebhookRecipients.formFor(event, "partner:" + OTHER, CONSENTED)).contains(WITHOUT_RSVP_TOKEN);
        // Not a partner id spelled some other way, nor the partner's display name, nor a staff user named like the key.
        assertThat(WebhookRecipients.formFor(event, "partner:" + MAILER.toUpperCase(), NOT_CONSENTED)).isEmpty();
        assertThat(WebhookRecipients.formFor(event, MAILER, NOT_CONSENTED)).isEmpty();
        assertThat(WebhookRecipients.formFor(event, "user:" + MAILER, NOT_CONSENTED)).isEmpty();
        assertThat(WebhookRecipients.formFor(event, "partner:" + MAILER + "x", NOT_CONSENTED)).isEmpty();
        // No delivery partner named: nobody is excepted from the consent rule.
        assertThat(WebhookRecipients.formFor(requested(null, "tok"), "partner:" + MAILER, NOT_CONSENTED)).isEmpty();
        assertThat(WebhookRecipients.formFor(requested("", "tok"), "partner:", NOT_CONSENTED)).isEmpty();
        // Without a token there is nothing to take out.
        assertThat(WebhookRecipients.formFor(requested(MAILER, null), "partner:" + OTHER, CONSENTED)).contains(AS_PUBLISHED);
    }

    @Test
    void staff_subscriptions_keep_the_consent_rule_and_get_the_token() {
        CloudEvent event = requested(null, "tok");
        assertThat(WebhookRecipients.formFor(event, "user:desk", NOT_CONSENTED)).isEmpty();
        assertThat(WebhookRecipients.formFor(event, "user:desk", CONSENTED)).contains(AS_PUBLISHED);
    }

    @Test
    void other_events_follow_the_consent_rule_for_everyone() {
        CloudEvent reported = event("crm.campaign.delivery-reported.v1", "cust-1",
                "{\"deliveryId\":\"d-1\",\"report\":\"OPENED\",\"deliveryPartner\":\"" + MAILER + "\"}");
        assertThat(WebhookRecipients.formFor(reported, "partner:" + MAILER, NOT_CONSENTED)).isEmpty();
        assertThat(WebhookRecipients.formFor(reported, "partner:" + MAILER, CONSENTED)).contains(AS_PUBLISHED);
        CloudEvent registered = event("crm.customer.registered.v1", "cust-1", "{\"customerId\":\"cust-1\"}");
        assertThat(WebhookRecipients.formFor(registered, "user:desk", NOT_CONSENTED)).isEmpty();
    }

    @Test
    void campaign_level_events_reach_staff_only_and_need_no_consent() {
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier counting = () -> {
            asked.incrementAndGet();
            return true;
        };
        for (String type : new String[] {"crm.campaign.scheduled.v1", "crm.campaign.sent.v1", "crm.campaign.cancelled.v1"}) {
            CloudEvent event = event(type, "camp-1", "{\"campaignId\":\"camp-1\"}");
            assertThat(WebhookRecipients.formFor(event, "user:desk", counting)).contains(AS_PUBLISHED);
            assertThat(WebhookRecipients.formFor(event, "partner:" + MAILER, counting)).isEmpty();
        }
        assertThat(asked).as("no consent is looked up for a campaign").hasValue(0);
    }

    @Test
    void the_token_is_taken_out_and_nothing_else_changes() {
        CloudEvent event = requested(MAILER, "tok");
        CloudEvent without = WebhookRecipients.as(WITHOUT_RSVP_TOKEN, event);
        assertThat(without.data().get("rsvpToken").isNull()).isTrue();
        assertThat(without.data().path("deliveryId").asText()).isEqualTo("d-1");
        assertThat(without.id()).isEqualTo(event.id());
        assertThat(event.data().path("rsvpToken").asText()).as("the original is untouched").isEqualTo("tok");
        assertThat(WebhookRecipients.as(AS_PUBLISHED, event)).isSameAs(event);
        assertThat(Optional.of(WebhookRecipients.deliveredBy(event, "partner:" + MAILER))).contains(true);
    }

    @Test
    void a_delivery_request_is_kept_without_a_recipient_an_older_event_still_carries() {
        CloudEvent old = event(WebhookRecipients.DELIVERY_REQUESTED, "cust-1", "{\"deliveryId\":\"d-1\",\"rsvpToken\":\"tok\","
                + "\"recipient\":{\"displayName\":\"W\",\"email\":\"w@example.com\"}}");
        for (var form : WebhookRecipients.Form.values()) {
            CloudEvent kept = WebhookRecipients.as(form, old);
            assertThat(kept.data().has("recipient")).as(form.name()).isFalse();
            assertThat(kept.data().path("deliveryId").asText()).isEqualTo("d-1");
        }
        assertThat(WebhookRecipients.as(AS_PUBLISHED, old).data().path("rsvpToken").asText()).isEqualTo("tok");
        assertThat(old.data().has("recipient")).as("the original is untouched").isTrue();
    }
}
