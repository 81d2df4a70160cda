package dev.crmsuite.e2e.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema check itself, without the suite: it accepts a good event and names what breaks a bad one. */
class AsyncApiEventsTest {

    static AsyncApiEvents contracts;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void load() throws Exception {
        contracts = AsyncApiEvents.fromRepository();
    }

    static ObjectNode registered() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"specversion":"1.0","id":"5f0c7c52-1d8e-4d1e-9d55-0f5b8a1d2e01","source":"/crm/customer-service",
                 "type":"crm.customer.registered.v1","subject":"0b6f3c2e-8f6a-4b0e-9a51-3c1d2e4f5a6b",
                 "time":"2026-11-22T10:15:30.123456Z","datacontenttype":"application/json","requestid":"r-1",
                 "data":{"customerId":"0b6f3c2e-8f6a-4b0e-9a51-3c1d2e4f5a6b","kind":"PERSON","name":"Li Wei",
                   "email":"li.wei@example.com","phone":"+8613800138000",
                   "consents":{"marketing":true,"partnerSharing":false},"accountManager":null,"segment":null,
                   "valueTier":null,"stage":"PROSPECT","tags":[],"registeredAt":"2026-11-22T10:15:30.123456Z",
                   "someFieldAddedLater":42}}""");
    }

    @Test
    void describes_every_topic_and_puts_each_type_on_its_topic() {
        // At least the 37 types of the first release (types are only ever added); that the list matches
        // docs/event-contracts.md exactly is contracts/check-asyncapi.mjs's job.
        assertThat(contracts.types()).hasSizeGreaterThanOrEqualTo(37).contains("crm.customer.registered.v1", "crm.points.earned.v1",
                "crm.complaint.resolved.v1", "crm.survey.unhappy-response.v1");
        assertThat(contracts.topicOf("crm.purchase.recorded.v1")).isEqualTo("crm.customers");
        assertThat(contracts.topicOf("crm.voucher.issued.v1")).isEqualTo("crm.loyalty");
        assertThat(contracts.topicOf("crm.complaint.escalated.v1")).isEqualTo("crm.complaints");
        assertThat(contracts.topicOf("crm.survey.published.v1")).isEqualTo("crm.surveys");
    }

    @Test
    void a_good_event_with_an_added_data_field_passes() throws Exception {
        assertThat(contracts.violations(registered())).isEmpty();
    }

    @Test
    void a_missing_required_data_field_fails() throws Exception {
        ObjectNode event = registered();
        ((ObjectNode) event.get("data")).remove("registeredAt");
        assertThat(contracts.violations(event)).anyMatch(v -> v.contains("registeredAt"));
    }

    @Test
    void a_value_outside_the_enum_or_of_the_wrong_type_fails() throws Exception {
        ObjectNode event = registered();
        ((ObjectNode) event.get("data")).put("stage", "BEST_FRIEND");
        assertThat(contracts.violations(event)).anyMatch(v -> v.contains("stage"));
        event = registered();
        ((ObjectNode) event.get("data").get("consents")).put("marketing", "yes");
        assertThat(contracts.violations(event)).anyMatch(v -> v.contains("marketing"));
    }

    @Test
    void a_broken_envelope_fails() throws Exception {
        ObjectNode event = registered();
        event.put("specversion", "0.3");
        event.remove("subject");
        assertThat(contracts.violations(event)).anyMatch(v -> v.contains("specversion"))
                .anyMatch(v -> v.contains("subject"));
    }

    @Test
    void an_event_type_the_document_does_not_describe_fails() throws Exception {
        ObjectNode event = registered();
        event.put("type", "crm.customer.teleported.v1");
        assertThat(contracts.violations(event)).containsExactly("'crm.customer.teleported.v1' is not described in docs/asyncapi.yaml");
    }

    @Test
    void the_type_pins_the_data_schema() throws Exception {
        // registered data under the type of another event with other required fields must fail
        ObjectNode event = registered();
        event.put("type", "crm.customer.erased.v1");
        JsonNode data = event.get("data");
        assertThat(data.has("erasedAt")).isFalse();
        assertThat(contracts.violations(event)).anyMatch(v -> v.contains("erasedAt"));
    }
}
