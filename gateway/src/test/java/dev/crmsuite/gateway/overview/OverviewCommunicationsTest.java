package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.security.Caller;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The communications and risk sections, folded without Quarkus, Kafka or a database. */
class OverviewCommunicationsTest {

    static final String C = "7d8f1c2e-0000-4000-8000-000000000002";

    static CloudEvent event(String type, String at, String json) {
        return new CloudEvent("1.0", UUID.randomUUID().toString(), "/crm/customer-service", type, C, OffsetDateTime.parse(at),
                "application/json", null, OverviewProjectionTest.parse(json));
    }

    static CloudEvent requested(String delivery, String kind, String requestedAt, String startsAt) {
        return event(OverviewCommunications.REQUESTED, requestedAt, "{\"deliveryId\":\"" + delivery + "\",\"campaignId\":\"camp-"
                + delivery + "\",\"runId\":\"r\",\"customerId\":\"" + C + "\",\"kind\":\"" + kind + "\",\"subject\":\"About " + delivery
                + "\",\"templateKey\":\"tpl\",\"variables\":{\"voucher\":\"SECRET-1\"},\"recipient\":{\"displayName\":\"Li Wei\","
                + "\"email\":\"li@example.com\",\"phone\":\"+8613800000000\",\"postalAddress\":{\"city\":\"Shanghai\"}},"
                + "\"event\":" + (startsAt == null ? "null" : "{\"title\":\"Show " + delivery + "\",\"startsAt\":\"" + startsAt
                + "\",\"endsAt\":\"" + startsAt + "\",\"location\":\"Pudong\"}")
                + ",\"rsvpToken\":" + (startsAt == null ? "null" : "\"tok-" + delivery + "\"")
                + ",\"deliveryPartner\":null,\"requestedAt\":\"" + requestedAt + "\"}");
    }

    static CloudEvent reported(String delivery, String report, String at) {
        return event(OverviewCommunications.REPORTED, at, "{\"deliveryId\":\"" + delivery + "\",\"campaignId\":\"camp-" + delivery
                + "\",\"customerId\":\"" + C + "\",\"report\":\"" + report + "\",\"occurredAt\":\"" + at + "\",\"bounceReason\":null}");
    }

    static CloudEvent rsvp(String delivery, String answer, String at) {
        return event(OverviewCommunications.RSVP, at, "{\"deliveryId\":\"" + delivery + "\",\"campaignId\":\"camp-" + delivery
                + "\",\"customerId\":\"" + C + "\",\"rsvp\":\"" + answer + "\",\"recordedAt\":\"" + at + "\"}");
    }

    static CloudEvent attended(String delivery, String at) {
        return event(OverviewCommunications.ATTENDED, at, "{\"deliveryId\":\"" + delivery + "\",\"campaignId\":\"camp-" + delivery
                + "\",\"customerId\":\"" + C + "\",\"eventTitle\":\"Show\",\"attendedAt\":\"" + at + "\"}");
    }

    static ObjectNode fold(List<CloudEvent> events) {
        ObjectNode doc = OverviewProjection.empty(C);
        events.forEach(e -> assertThat(OverviewProjection.apply(doc, e)).isTrue());
        return doc;
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.path("deliveryId").asText()));
        return out;
    }

    @Test
    void last_holds_the_five_latest_with_their_status_first_open_rsvp_and_attendance() {
        ObjectNode doc = fold(List.of(
                requested("d1", "NEWSLETTER", "2030-01-01T09:00:00Z", null),
                requested("d2", "LETTER", "2030-01-02T09:00:00Z", null),
                reported("d1", "DELIVERED", "2030-01-02T10:00:00Z"),
                requested("d3", "OFFER", "2030-01-03T09:00:00Z", null),
                requested("d4", "NEWSLETTER", "2030-01-04T09:00:00Z", null),
                reported("d4", "BOUNCED", "2030-01-04T09:05:00Z"),
                requested("d5", "NEWSLETTER", "2030-01-05T09:00:00Z", null),
                reported("d5", "DELIVERED", "2030-01-05T09:01:00Z"),
                reported("d5", "OPENED", "2030-01-05T12:00:00Z"),
                reported("d5", "OPENED", "2030-01-06T12:00:00Z"),
                reported("d5", "CLICKED", "2030-01-06T12:01:00Z"),
                requested("d6", "EVENT_INVITATION", "2030-01-06T09:00:00Z", "2030-03-01T10:00:00Z"),
                rsvp("d6", "ACCEPTED", "2030-01-07T09:00:00Z"),
                attended("d6", "2030-03-01T10:30:00Z"),
                // d1 left the list: a late report about it changes nothing shown.
                reported("d1", "OPENED", "2030-03-02T09:00:00Z")));
        JsonNode last = doc.at("/communications/last");
        assertThat(ids(last)).containsExactly("d6", "d5", "d4", "d3", "d2");
        assertThat(last.get(1).path("status").asText()).isEqualTo("DELIVERED");
        assertThat(last.get(1).path("openedAt").asText()).isEqualTo("2030-01-05T12:00:00Z");
        assertThat(last.get(2).path("status").asText()).isEqualTo("BOUNCED");
        assertThat(last.get(3).path("status").asText()).isEqualTo("REQUESTED");
        assertThat(last.get(3).has("openedAt")).isFalse();
        JsonNode invitation = last.get(0);
        assertThat(invitation.path("kind").asText()).isEqualTo("EVENT_INVITATION");
        assertThat(invitation.path("campaignId").asText()).isEqualTo("camp-d6");
        assertThat(invitation.path("subject").asText()).isEqualTo("About d6");
        assertThat(invitation.path("requestedAt").asText()).isEqualTo("2030-01-06T09:00:00Z");
        assertThat(invitation.path("rsvp").asText()).isEqualTo("ACCEPTED");
        assertThat(invitation.path("attendedAt").asText()).isEqualTo("2030-03-01T10:30:00Z");
        assertThat(doc.at("/communications/asOf").asText()).isEqualTo("2030-03-02T09:00Z");
        // Nothing of the recipient, the variables or the RSVP capability reaches the document.
        assertThat(doc.toString()).doesNotContain("li@example.com", "SECRET-1", "tok-", "Shanghai", "+8613800000000");
    }

    @Test
    void a_replayed_request_is_not_listed_twice() {
        CloudEvent once = requested("d1", "NEWSLETTER", "2030-01-01T09:00:00Z", null);
        ObjectNode doc = fold(List.of(once, reported("d1", "DELIVERED", "2030-01-01T09:01:00Z"), once));
        assertThat(ids(doc.at("/communications/last"))).containsExactly("d1");
    }

    @Test
    void open_invitations_are_the_undeclined_ones_still_to_come_soonest_first() {
        ObjectNode doc = fold(List.of(
                requested("late", "EVENT_INVITATION", "2030-01-01T09:00:00Z", "2030-06-01T10:00:00Z"),
                requested("soon", "EVENT_INVITATION", "2030-01-02T09:00:00Z", "2030-04-01T10:00:00+08:00"),
                requested("declined", "EVENT_INVITATION", "2030-01-03T09:00:00Z", "2030-05-01T10:00:00Z"),
                // Sent after its event had started (a late run): never open.
                requested("past", "EVENT_INVITATION", "2030-01-04T09:00:00Z", "2030-01-04T08:00:00Z"),
                requested("news", "NEWSLETTER", "2030-01-05T09:00:00Z", null),
                rsvp("declined", "DECLINED", "2030-01-06T09:00:00Z"),
                rsvp("soon", "ACCEPTED", "2030-01-07T09:00:00Z")));
        JsonNode open = doc.at("/communications/openInvitations");
        assertThat(ids(open)).containsExactly("soon", "late");
        assertThat(open.get(0).path("rsvp").asText()).isEqualTo("ACCEPTED");
        assertThat(open.get(1).has("rsvp")).isFalse();
        assertThat(open.get(0).path("campaignId").asText()).isEqualTo("camp-soon");
        assertThat(open.get(0).path("event").toString())
                .isEqualTo("{\"title\":\"Show soon\",\"startsAt\":\"2030-04-01T10:00:00+08:00\",\"location\":\"Pudong\"}");
        assertThat(doc.at("/communications/last/2/rsvp").asText()).isEqualTo("DECLINED");

        // What is still to come depends on the read: as of the read's time, not as of the last event.
        ObjectNode read = doc.deepCopy();
        OverviewCommunications.asOfRead(read, OffsetDateTime.parse("2030-04-01T02:00:00Z")); // = 10:00 in Shanghai: started
        assertThat(ids(read.at("/communications/openInvitations"))).containsExactly("late");
        read = doc.deepCopy();
        OverviewCommunications.asOfRead(read, OffsetDateTime.parse("2030-04-01T01:59:59Z"));
        assertThat(ids(read.at("/communications/openInvitations"))).containsExactly("soon", "late");
        read = doc.deepCopy();
        OverviewCommunications.asOfRead(read, OffsetDateTime.parse("2030-07-01T00:00:00Z"));
        assertThat(read.at("/communications/openInvitations").isEmpty()).isTrue();
        assertThat(ids(read.at("/communications/last"))).hasSize(5);
    }

    @Test
    void invitations_whose_event_started_before_a_later_event_leave_the_document() {
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(requested("i" + (100 + i), "EVENT_INVITATION", "2030-01-01T09:00:00Z", "2030-02-" + (10 + i % 18) + "T10:00:00Z"));
        }
        ObjectNode doc = fold(events);
        assertThat(doc.at("/communications/openInvitations").size()).isEqualTo(OverviewCommunications.OPEN_INVITATIONS);
        OverviewProjection.apply(doc, requested("after", "NEWSLETTER", "2030-03-01T00:00:00Z", null));
        assertThat(doc.at("/communications/openInvitations").isEmpty()).as("all started before this request").isTrue();
    }

    @Test
    void the_log_keeps_only_what_the_section_shows_and_folds_to_the_same_document() {
        CloudEvent published = requested("d1", "EVENT_INVITATION", "2030-01-01T09:00:00Z", "2030-04-01T10:00:00Z");
        CloudEvent logged = OverviewCommunications.logged(published);
        String json = EventJson.write(logged);
        assertThat(json).doesNotContain("tok-d1", "li@example.com", "SECRET-1", "recipient", "variables", "templateKey",
                "rsvpToken", "deliveryPartner", "endsAt");
        assertThat(logged.id()).isEqualTo(published.id());
        assertThat(logged.time()).isEqualTo(published.time());
        assertThat(fold(List.of(logged))).isEqualTo(fold(List.of(published)));
        CloudEvent report = reported("d1", "DELIVERED", "2030-01-01T09:01:00Z");
        assertThat(OverviewCommunications.logged(report)).isSameAs(report);
    }

    @Test
    void the_section_is_for_callers_with_campaigns_read_only() {
        ObjectNode doc = fold(List.of(
                event("crm.customer.registered.v1", "2030-01-01T08:00:00Z", "{\"name\":\"Li Wei\"}"),
                requested("d1", "NEWSLETTER", "2030-01-01T09:00:00Z", null)));
        ObjectNode partner = doc.deepCopy();
        OverviewSections.keepReadable(partner, new Caller("partner:k", Caller.Kind.PARTNER, "k", "Acme", Set.of("customers:read")));
        assertThat(partner.has("communications")).isFalse();
        assertThat(partner.path("lastEventAt").asText()).as("its time left out too").isEqualTo("2030-01-01T08:00Z");
        ObjectNode reader = doc.deepCopy();
        OverviewSections.keepReadable(reader, new Caller("partner:k", Caller.Kind.PARTNER, "k", "Acme",
                Set.of("customers:read", "campaigns:read")));
        assertThat(reader.has("communications")).isTrue();
        assertThat(reader.path("lastEventAt").asText()).isEqualTo("2030-01-01T09:00Z");
    }

    @Test
    void risk_shows_the_latest_assessment_and_erasure_removes_everything() {
        ObjectNode doc = fold(List.of(
                event("crm.customer.risk-changed.v1", "2030-01-01T09:00:00Z", "{\"customerId\":\"" + C + "\",\"level\":\"MEDIUM\","
                        + "\"previousLevel\":null,\"reasons\":[\"no purchase for 62 days, usually every 30\"],\"recencyDays\":62,"
                        + "\"assessedAt\":\"2030-01-01T09:00:00Z\"}"),
                event("crm.customer.risk-changed.v1", "2030-02-01T09:00:00Z", "{\"customerId\":\"" + C + "\",\"level\":\"HIGH\","
                        + "\"previousLevel\":\"MEDIUM\",\"reasons\":[\"no purchase for 94 days, usually every 30\",\"last NPS 3\"],"
                        + "\"assessedAt\":\"2030-02-01T09:00:00Z\"}")));
        assertThat(doc.at("/risk/level").asText()).isEqualTo("HIGH");
        assertThat(doc.at("/risk/previousLevel").asText()).isEqualTo("MEDIUM");
        assertThat(doc.at("/risk/reasons").size()).isEqualTo(2);
        assertThat(doc.at("/risk/assessedAt").asText()).isEqualTo("2030-02-01T09:00:00Z");
        assertThat(doc.at("/risk").has("recencyDays")).isFalse();
        OverviewProjection.apply(doc, requested("d1", "NEWSLETTER", "2030-02-02T09:00:00Z", null));
        OverviewProjection.apply(doc, event("crm.customer.erased.v1", "2030-02-03T09:00:00Z", "{\"erasedAt\":\"2030-02-03T09:00:00Z\"}"));
        assertThat(doc.has("risk") || doc.has("communications")).isFalse();
        OverviewProjection.apply(doc, requested("d2", "NEWSLETTER", "2030-02-04T09:00:00Z", null));
        assertThat(doc.has("communications")).as("nothing shown again after erasure").isFalse();
    }
}
