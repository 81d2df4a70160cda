package dev.crmsuite.gateway.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.CloudEvent;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookConsentAtSendTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-12-02T10:00:00Z");

    private static CloudEvent event(OffsetDateTime time, Boolean carriedSharing) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("customerId", "c-1");
        if (carriedSharing != null) {
            data.putObject("consents").put("marketing", false).put("partnerSharing", carriedSharing);
        }
        return new CloudEvent("1.0", "e-1", "/crm/customer-service", "crm.customer.updated.v1", "c-1", time,
                "application/json", null, data);
    }

    @Test
    void aWithdrawalKeptAfterTheEventWins() {
        assertThat(WebhookConsentAtSend.consented(event(T, true), false, T.plusSeconds(5))).isFalse();
    }

    @Test
    void theEventsOwnConsentWinsOverAnOlderKeptOne() {
        // The consent subscriber has not applied this very event yet.
        assertThat(WebhookConsentAtSend.consented(event(T, true), false, T.minusSeconds(5))).isTrue();
        assertThat(WebhookConsentAtSend.consented(event(T, true), null, null)).isTrue();
    }

    @Test
    void anEventWithoutConsentsFollowsTheKeptOne() {
        assertThat(WebhookConsentAtSend.consented(event(T, null), true, T.minusDays(1))).isTrue();
        assertThat(WebhookConsentAtSend.consented(event(T, null), false, T.minusDays(1))).isFalse();
    }

    @Test
    void nothingKeptAndNothingCarriedIsNoConsent() {
        assertThat(WebhookConsentAtSend.consented(event(T, null), null, null)).isFalse();
    }

    static final OffsetDateTime NOW = T.plusSeconds(1);
    static final String PARTNER = "2b0c7e0a-0000-4000-8000-00000000000a";
    static final String PROFILE = "{\"name\":\"Li Wei\",\"email\":\"li@example.com\",\"phone\":null,"
            + "\"postalAddress\":{\"city\":\"Shanghai\"}}";

    static WebhookDispatcher.Due request(Boolean keptMarketing, OffsetDateTime marketingAt, String profile) {
        return request(keptMarketing, marketingAt, profile, false);
    }

    static WebhookDispatcher.Due request(Boolean keptMarketing, OffsetDateTime marketingAt, String profile, boolean erased) {
        String payload = dev.crmsuite.platform.events.EventJson.write(new CloudEvent("1.0", "e-2", "/crm/customer-service",
                WebhookRecipients.DELIVERY_REQUESTED, "c-1", T, "application/json", null, JsonNodeFactory.instance.objectNode()
                .put("deliveryId", "d-1").put("customerId", "c-1").put("kind", "NEWSLETTER").put("deliveryPartner", PARTNER)));
        return new WebhookDispatcher.Due(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), "https://x.example", java.util.List.of("s"),
                payload, 0, "partner:" + PARTNER, null, null, keptMarketing, marketingAt, profile, erased, T);
    }

    @Test
    void aDeliveryRequestIsSentWithTheRecipientOfTheProfileCopy() {
        var decision = WebhookConsentAtSend.decide(request(true, T.minusDays(1), PROFILE), NOW);
        assertThat(decision.withheldBecause()).isNull();
        var recipient = dev.crmsuite.platform.events.EventJson.parse(decision.payload()).data().path("recipient");
        assertThat(recipient.path("displayName").asText()).isEqualTo("Li Wei");
        assertThat(recipient.path("email").asText()).isEqualTo("li@example.com");
        assertThat(recipient.get("phone").isNull()).isTrue();
        assertThat(recipient.at("/postalAddress/city").asText()).isEqualTo("Shanghai");
        assertThat(dev.crmsuite.platform.events.EventJson.parse(decision.payload()).data().path("deliveryId").asText()).isEqualTo("d-1");
    }

    @Test
    void aDeliveryRequestOfAnErasedCustomerIsWithheld() {
        var decision = WebhookConsentAtSend.decide(request(true, T.minusDays(1), null, true), NOW);
        assertThat(decision.payload()).isNull();
        assertThat(decision.deferred()).isFalse();
        assertThat(decision.withheldBecause()).contains("erased");
    }

    @Test
    void aDeliveryRequestWaitsForAProfileNotKeptYetThenIsWithheld() {
        var early = WebhookConsentAtSend.decide(request(true, T.minusDays(1), null), T.plusSeconds(5));
        assertThat(early.deferred()).isTrue();
        assertThat(early.payload()).isNull();
        var late = WebhookConsentAtSend.decide(request(true, T.minusDays(1), null), T.plus(WebhookConsentAtSend.PROFILE_GRACE));
        assertThat(late.deferred()).isFalse();
        assertThat(late.withheldBecause()).contains("no profile");
    }

    @Test
    void aDeliveryRequestIsWithheldWhenMarketingConsentWasWithdrawnAfterIt() {
        assertThat(WebhookConsentAtSend.decide(request(false, T.plusSeconds(1), PROFILE), NOW).payload()).isNull();
        assertThat(WebhookConsentAtSend.decide(request(false, T, PROFILE), NOW).payload()).isNull();
        // A refusal kept from before the request: the newer grant the request was made under is not kept yet.
        assertThat(WebhookConsentAtSend.decide(request(false, T.minusSeconds(1), PROFILE), NOW).payload()).isNotNull();
        assertThat(WebhookConsentAtSend.decide(request(null, null, PROFILE), NOW).payload()).isNotNull();
    }

    @Test
    void otherEventsAreSentAsStoredWithoutAnyProfile() {
        String payload = dev.crmsuite.platform.events.EventJson.write(event(T, true));
        var due = new WebhookDispatcher.Due(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), "https://x.example",
                java.util.List.of("s"), payload, 0, "user:desk", true, T.minusDays(1), false, T.plusDays(1), null, false, T);
        assertThat(WebhookConsentAtSend.decide(due, NOW).payload()).isEqualTo(payload);
    }
}
