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
}
