package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The projection is a pure fold over events: checked here without Quarkus, Kafka or a database. */
class OverviewProjectionTest {

    static final String C = "7d8f1c2e-0000-4000-8000-000000000001";
    int minute;

    CloudEvent event(String type, String json) {
        return new CloudEvent("1.0", UUID.randomUUID().toString(), "/test", type, C,
                OffsetDateTime.parse("2026-11-22T10:00:00Z").plusMinutes(minute++), "application/json", null,
                parse(json));
    }

    static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    ObjectNode fold(List<CloudEvent> events) {
        ObjectNode doc = OverviewProjection.empty(C);
        events.forEach(e -> OverviewProjection.apply(doc, e));
        return doc;
    }

    @Test
    void builds_every_section_from_the_services_events() {
        ObjectNode doc = fold(List.of(
                event("crm.customer.registered.v1", "{\"name\":\"Li Wei\",\"email\":\"li@example.com\",\"consents\":{\"marketing\":true,\"partnerSharing\":false},\"registeredAt\":\"2026-11-22T10:00:00Z\"}"),
                event("crm.customer.segment-changed.v1", "{\"segment\":\"RELATIONAL\",\"valueTier\":\"A\",\"lifetimeValue\":100000}"),
                event("crm.purchase.recorded.v1", "{\"purchaseId\":\"p1\",\"amount\":500.0,\"currency\":\"CNY\",\"purchasedAt\":\"2026-11-22T10:02:00Z\"}"),
                event("crm.points.earned.v1", "{\"points\":500,\"balance\":500,\"expiringNext\":{\"points\":500,\"on\":\"2028-11-22\"}}"),
                event("crm.tier.changed.v1", "{\"tier\":\"SILVER\",\"previousTier\":\"MEMBER\"}"),
                event("crm.complaint.filed.v1", "{\"complaintId\":\"k1\",\"category\":\"DELIVERY\",\"priority\":\"HIGH\",\"respondBy\":\"2026-11-23T10:00:00Z\"}"),
                event("crm.complaint.filed.v1", "{\"complaintId\":\"k2\",\"category\":\"BILLING\",\"priority\":\"LOW\"}"),
                event("crm.complaint.resolved.v1", "{\"complaintId\":\"k1\",\"resolvedAt\":\"2026-11-22T11:00:00Z\",\"firstContactResolution\":true,\"compensationPoints\":50}"),
                event("crm.survey.response.submitted.v1", "{\"nps\":9,\"submittedAt\":\"2026-11-22T12:00:00Z\"}"),
                event("crm.survey.response.submitted.v1", "{\"nps\":4,\"csat\":2,\"submittedAt\":\"2026-11-22T13:00:00Z\"}"),
                event("crm.follow-up.scheduled.v1", "{\"followUpId\":\"f2\",\"dueAt\":\"2027-02-20T09:00:00Z\",\"owner\":\"am-1\"}"),
                event("crm.follow-up.scheduled.v1", "{\"followUpId\":\"f1\",\"dueAt\":\"2026-11-29T09:00:00Z\",\"owner\":\"am-1\"}"),
                event("crm.follow-up.completed.v1", "{\"followUpId\":\"f1\",\"outcome\":\"happy\"}"),
                event("crm.touchpoint.logged.v1", "{\"touchpointId\":\"t1\",\"channel\":\"PHONE\",\"occurredAt\":\"2026-11-22T09:00:00Z\"}"),
                event("crm.customer.stage-changed.v1", "{\"stage\":\"TRUSTING\",\"previousStage\":\"HESITANT\"}")));

        // Personal fields an older event still carries are not folded in (they come from the personal copy at read time).
        assertThat(doc.at("/profile").has("name")).isFalse();
        assertThat(doc.at("/profile/consents/marketing").asBoolean()).isTrue();
        assertThat(doc.at("/followUps/lastCompleted").has("outcome")).isFalse();
        assertThat(doc.at("/value/segment").asText()).isEqualTo("RELATIONAL");
        assertThat(doc.at("/value/lifetimeValue").asInt()).isEqualTo(100000);
        assertThat(doc.at("/value/lastPurchase/purchaseId").asText()).isEqualTo("p1");
        assertThat(doc.at("/loyalty/balance").asInt()).isEqualTo(500);
        assertThat(doc.at("/loyalty/tier").asText()).isEqualTo("SILVER");
        assertThat(doc.at("/loyalty/expiringNext/on").asText()).isEqualTo("2028-11-22");
        assertThat(doc.at("/complaints/openCount").asInt()).isEqualTo(1);
        assertThat(doc.at("/complaints/open/0/complaintId").asText()).isEqualTo("k2");
        assertThat(doc.at("/complaints/lastResolution/firstContactResolution").asBoolean()).isTrue();
        assertThat(doc.at("/surveys/lastNps/score").asInt()).isEqualTo(4);
        assertThat(doc.at("/surveys/lastCsat/score").asInt()).isEqualTo(2);
        assertThat(doc.at("/surveys/npsTrend").toString()).isEqualTo("[9,4]");
        assertThat(doc.at("/followUps/next").size()).isEqualTo(1);
        assertThat(doc.at("/followUps/next/0/followUpId").asText()).isEqualTo("f2");
        assertThat(doc.at("/touchpoints/recent/0/channel").asText()).isEqualTo("PHONE");
        assertThat(doc.at("/lifecycle/stage").asText()).isEqualTo("TRUSTING");
        assertThat(doc.at("/loyalty/asOf").asText()).isEqualTo("2026-11-22T10:04Z");
        assertThat(doc.has("lastEventAt")).isTrue();
    }

    @Test
    void value_carries_lifetime_value_and_the_revenue_of_the_twelve_months_before_the_read() {
        ObjectNode doc = fold(List.of(
                event("crm.customer.segment-changed.v1", "{\"segment\":\"RELATIONAL\",\"valueTier\":\"A\",\"lifetimeValue\":3000.00}"),
                event("crm.purchase.recorded.v1", "{\"purchaseId\":\"p0\",\"amount\":400.00,\"currency\":\"CNY\",\"purchasedAt\":\"2025-06-01T10:00:00Z\"}"),
                event("crm.purchase.recorded.v1", "{\"purchaseId\":\"p1\",\"amount\":500.00,\"currency\":\"CNY\",\"purchasedAt\":\"2026-03-15T10:00:00Z\"}"),
                event("crm.purchase.recorded.v1", "{\"purchaseId\":\"p2\",\"amount\":250.50,\"currency\":\"CNY\",\"purchasedAt\":\"2026-11-20T10:00:00Z\"}"),
                event("crm.purchase.refunded.v1", "{\"refundId\":\"r1\",\"purchaseId\":\"p2\",\"amount\":50.50,\"purchaseAmount\":250.50,\"currency\":\"CNY\",\"refundedAt\":\"2026-11-21T10:00:00Z\"}")));

        ObjectNode now = doc.deepCopy();
        OverviewRevenue.asOfRead(now, OffsetDateTime.parse("2026-11-22T12:00:00Z"));
        assertThat(now.at("/value/lifetimeValue").decimalValue()).isEqualByComparingTo("3000.00");
        // 2026-11 and the 11 months before: p1 + p2 - r1; p0 (2025-06) is older.
        assertThat(now.at("/value/revenue12Months").decimalValue()).isEqualByComparingTo("700.00");
        assertThat(now.at("/value/lifetimeRevenue").decimalValue()).isEqualByComparingTo("1100.00");
        assertThat(now.at("/value/currency").asText()).isEqualTo("CNY");
        assertThat(now.at("/value/purchaseCount").asInt()).isEqualTo(3);
        assertThat(now.at("/value").has(OverviewRevenue.BUCKETS)).isFalse();
        // Read later, the window moves: from 2026-04 on only p2 - r1 counts.
        ObjectNode later = doc.deepCopy();
        OverviewRevenue.asOfRead(later, OffsetDateTime.parse("2027-03-01T00:00:00Z"));
        assertThat(later.at("/value/revenue12Months").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(later.at("/value/lifetimeRevenue").decimalValue()).isEqualByComparingTo("1100.00");
    }

    @Test
    void the_same_events_always_give_the_same_document() {
        List<CloudEvent> events = List.of(
                event("crm.customer.registered.v1", "{\"name\":\"A\"}"),
                event("crm.points.earned.v1", "{\"balance\":10}"),
                event("crm.complaint.filed.v1", "{\"complaintId\":\"k\"}"));
        assertThat(fold(events)).isEqualTo(fold(events));
    }

    @Test
    void freshness_does_not_depend_on_how_the_topics_interleave() {
        CloudEvent profile = event("crm.customer.registered.v1", "{\"name\":\"A\"}");
        CloudEvent points = event("crm.points.earned.v1", "{\"balance\":10}");
        CloudEvent complaint = event("crm.complaint.filed.v1", "{\"complaintId\":\"k\"}");
        // Live the loyalty topic may be read last; in a replay the complaints topic may be.
        assertThat(fold(List.of(profile, complaint, points))).isEqualTo(fold(List.of(profile, points, complaint)));
    }

    @Test
    void erasure_removes_everything_personal_and_later_events_do_not_bring_it_back() {
        ObjectNode doc = fold(List.of(
                event("crm.customer.registered.v1", "{\"name\":\"Li Wei\",\"email\":\"li@example.com\"}"),
                event("crm.customer.erased.v1", "{\"erasedAt\":\"2026-11-22T11:00:00Z\"}"),
                event("crm.customer.updated.v1", "{\"name\":\"Late Event\"}")));
        assertThat(doc.get("erased").asBoolean()).isTrue();
        assertThat(doc.has("profile")).isFalse();
        assertThat(doc.toString()).doesNotContain("Li Wei").doesNotContain("Late Event");
    }

    @Test
    void events_it_does_not_show_are_ignored() {
        ObjectNode doc = OverviewProjection.empty(C);
        assertThat(OverviewProjection.apply(doc, event("crm.survey.invitation.created.v1", "{}"))).isFalse();
        assertThat(doc.size()).isEqualTo(1);
    }

    @Test
    void personal_fields_are_merged_from_the_copies_by_thing_and_object_id() {
        ObjectNode doc = fold(List.of(
                event("crm.customer.registered.v1", "{\"kind\":\"PERSON\"}"),
                event("crm.touchpoint.logged.v1", "{\"touchpointId\":\"t1\",\"channel\":\"PHONE\",\"occurredAt\":\"2026-11-22T09:00:00Z\"}"),
                event("crm.follow-up.scheduled.v1", "{\"followUpId\":\"f1\",\"dueAt\":\"2026-11-29T09:00:00Z\"}"),
                event("crm.complaint.filed.v1", "{\"complaintId\":\"k1\"}"),
                event("crm.customer.marked-lost.v1", "{\"reasonCode\":\"PRICE\"}")));
        assertThat(OverviewPersonalFields.objectIds(doc)).containsExactlyInAnyOrder(C, "t1", "f1", "k1");
        var copies = new java.util.HashMap<dev.crmsuite.gateway.personal.PersonalCopies.Ref, ObjectNode>();
        copies.put(new dev.crmsuite.gateway.personal.PersonalCopies.Ref("customer", C), (ObjectNode) parse("{\"name\":\"Li Wei\",\"email\":null}"));
        copies.put(new dev.crmsuite.gateway.personal.PersonalCopies.Ref("touchpoint", "t1"), (ObjectNode) parse("{\"summary\":\"called\"}"));
        copies.put(new dev.crmsuite.gateway.personal.PersonalCopies.Ref("follow-up", "f1"), (ObjectNode) parse("{\"reason\":\"sofa\"}"));
        copies.put(new dev.crmsuite.gateway.personal.PersonalCopies.Ref("lost-reason", C), (ObjectNode) parse("{\"reasonText\":\"cheaper\"}"));
        // Same object id, another thing: not mixed up.
        copies.put(new dev.crmsuite.gateway.personal.PersonalCopies.Ref("touchpoint", "k1"), (ObjectNode) parse("{\"summary\":\"wrong\"}"));
        OverviewPersonalFields.merge(doc, copies);
        assertThat(doc.at("/profile/name").asText()).isEqualTo("Li Wei");
        assertThat(doc.at("/profile").has("email")).as("null in the copy: left out").isFalse();
        assertThat(doc.at("/touchpoints/recent/0/summary").asText()).isEqualTo("called");
        assertThat(doc.at("/followUps/next/0/reason").asText()).isEqualTo("sofa");
        assertThat(doc.at("/lifecycle/lost/reasonText").asText()).isEqualTo("cheaper");
        assertThat(doc.at("/complaints/open/0").has("subject")).isFalse();
        assertThat(doc.toString()).doesNotContain("wrong");
    }

    @Test
    void an_erased_document_asks_for_no_copies() {
        ObjectNode doc = fold(List.of(event("crm.customer.registered.v1", "{\"kind\":\"PERSON\"}"),
                event("crm.customer.erased.v1", "{\"erasedAt\":\"2026-11-22T11:00:00Z\"}")));
        assertThat(OverviewPersonalFields.objectIds(doc)).isEmpty();
    }
}
