package dev.crmsuite.customer.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The check the campaign tests rely on finds what breaks a documented message (it is not vacuous). */
class DocumentedEventsTest {

    static JsonNode event(String data) throws Exception {
        return new ObjectMapper().readTree("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/crm/customer-service\","
                + "\"type\":\"crm.campaign.sent.v1\",\"subject\":\"5b0d7c1e-3f2a-4d6b-9c8e-1a2b3c4d5e6f\",\"time\":\"2031-05-06T04:00:00Z\","
                + "\"datacontenttype\":\"application/json\",\"data\":" + data + "}");
    }

    static final String GOOD = "{\"campaignId\":\"5b0d7c1e-3f2a-4d6b-9c8e-1a2b3c4d5e6f\",\"runId\":\"5b0d7c1e-3f2a-4d6b-9c8e-1a2b3c4d5e60\","
            + "\"runNumber\":1,\"kind\":\"NEWSLETTER\",\"audienceSize\":3,\"requested\":1,\"deferred\":0,\"holdout\":1,"
            + "\"excluded\":{\"NO_MARKETING_CONSENT\":1},\"sentAt\":\"2031-05-06T04:00:00Z\"}";

    @Test
    void a_documented_event_passes_and_broken_ones_fail() throws Exception {
        assertThat(DocumentedEvents.violations(event(GOOD))).isEmpty();
        assertThat(DocumentedEvents.violations(event(GOOD.replace("\"runNumber\":1,", "")))).isNotEmpty();
        assertThat(DocumentedEvents.violations(event(GOOD.replace("NEWSLETTER", "FAX")))).isNotEmpty();
        assertThat(DocumentedEvents.violations(event(GOOD.replace("NO_MARKETING_CONSENT", "BORED")))).isNotEmpty();
        assertThat(DocumentedEvents.violations(event(GOOD.replace("\"requested\":1", "\"requested\":\"one\"")))).isNotEmpty();
    }
}
