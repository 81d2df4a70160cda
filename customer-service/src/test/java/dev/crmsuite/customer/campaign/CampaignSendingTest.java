package dev.crmsuite.customer.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sending on real PostgreSQL and Kafka, on a controlled clock: exclusions counted by reason, the
 * holdout reproduced from the seed, quiet-hours deferral and the later request, recurring runs,
 * an interrupted run resumed without doubles, and the events as docs/asyncapi.yaml documents them.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CampaignSendingTest {

    /** 12:00 in Shanghai (the default zone): outside quiet hours. */
    static final Instant NOON_SHANGHAI = Instant.parse("2031-05-06T04:00:00Z");

    @Inject
    CampaignSending sending;
    @Inject
    EntityManager em;

    @AfterEach
    void realTime() {
        ControllableClock.useRealTime();
    }

    static List<JsonNode> deliveries(String campaignId, String... query) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 200);
            for (int i = 0; i + 1 < query.length; i += 2) {
                request.queryParam(query[i], query[i + 1]);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonNode page = TopicRecords.parse(request.get("/api/v1/campaigns/" + campaignId + "/deliveries").then().statusCode(200)
                    .extract().asString());
            page.get("items").forEach(all::add);
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    static List<JsonNode> campaignEvents(String campaignId, String type, int min) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<JsonNode> found = TopicRecords.eventsFor("crm.customers", campaignId).stream()
                    .filter(e -> type.equals(e.get("type").asText())).toList();
            if (found.size() >= min || System.nanoTime() > deadline) {
                return found;
            }
            org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        }
    }

    /** The whole CloudEvents of {@code type} about a customer (subject = customer id). */
    static List<JsonNode> envelopes(String customerId, String type, int min) {
        return campaignEvents(customerId, type, min);
    }

    static String status(String campaignId) {
        return given().get("/api/v1/campaigns/" + campaignId).then().statusCode(200).extract().path("status");
    }

    @Test
    void exclusions_are_counted_by_reason_the_holdout_follows_the_seed_and_the_rest_is_requested_once() {
        ControllableClock.set(NOON_SHANGHAI);
        String tag = Api.unique("send").toLowerCase();
        UUID audience = CampaignFixtures.audience(em, tag);
        List<String> eligible = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            eligible.add(CampaignFixtures.customer(tag, true, true, false));
        }
        String noConsent = CampaignFixtures.customer(tag, false, true, false);
        String noEmail = CampaignFixtures.customer(tag, true, false, true);
        String exhausted = CampaignFixtures.customer(tag, true, true, false);
        CampaignFixtures.contacts(em, exhausted, 4, OffsetDateTime.parse("2031-05-01T00:00:00Z"));
        // Contacts older than the budget period (P30D) no longer count.
        String oldContacts = CampaignFixtures.customer(tag, true, true, false);
        CampaignFixtures.contacts(em, oldContacts, 4, OffsetDateTime.parse("2031-03-01T00:00:00Z"));
        eligible.add(oldContacts);
        CampaignFixtures.customer(Api.unique("other").toLowerCase(), true, true, false); // not in the audience

        String id = CampaignFixtures.campaign(audience, "NEWSLETTER", ",\"holdoutShare\":0.3,\"holdoutSeed\":424242");
        CampaignFixtures.schedule(id, "{}");
        List<JsonNode> scheduled = campaignEvents(id, CampaignEvents.SCHEDULED, 1);
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.getFirst().get("subject").asText()).isEqualTo(id);
        assertThat(scheduled.getFirst().get("data").get("audienceId").asText()).isEqualTo(audience.toString());
        assertThat(scheduled.getFirst().get("data").get("recurrence").isNull()).isTrue();

        sending.sweep();
        assertThat(status(id)).isEqualTo("SENT");

        List<JsonNode> rows = deliveries(id);
        assertThat(rows).hasSize(28);
        Map<String, String> statusOf = rows.stream().collect(Collectors.toMap(r -> r.get("customerId").asText(),
                r -> r.get("status").asText() + (r.get("exclusionReason").isNull() ? "" : ":" + r.get("exclusionReason").asText())));
        assertThat(statusOf.get(noConsent)).isEqualTo("EXCLUDED:NO_MARKETING_CONSENT");
        assertThat(statusOf.get(noEmail)).isEqualTo("EXCLUDED:NO_CONTACT_ADDRESS");
        assertThat(statusOf.get(exhausted)).isEqualTo("EXCLUDED:CONTACT_BUDGET_EXHAUSTED");
        // The holdout is exactly the eligible customers the seeded draw puts below the share: reproducible from the seed.
        Set<String> expectedHoldout = eligible.stream().filter(c -> Holdout.heldOut(424242L, UUID.fromString(c), 0.3))
                .collect(Collectors.toSet());
        Set<String> holdout = statusOf.entrySet().stream().filter(e -> e.getValue().equals("HOLDOUT")).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(holdout).isEqualTo(expectedHoldout).isNotEmpty();
        Set<String> requested = statusOf.entrySet().stream().filter(e -> e.getValue().equals("REQUESTED")).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(requested).hasSize(eligible.size() - expectedHoldout.size());
        assertThat(deliveries(id, "status", "EXCLUDED", "exclusionReason", "NO_MARKETING_CONSENT")).hasSize(1);
        assertThat(deliveries(id, "status", "HOLDOUT")).hasSize(expectedHoldout.size());

        JsonNode sent = campaignEvents(id, CampaignEvents.SENT, 1).getFirst();
        assertThat(sent.get("subject").asText()).isEqualTo(id);
        JsonNode d = sent.get("data");
        assertThat(d.get("runNumber").asInt()).isEqualTo(1);
        assertThat(d.get("kind").asText()).isEqualTo("NEWSLETTER");
        assertThat(d.get("audienceSize").asLong()).isEqualTo(28);
        assertThat(d.get("requested").asLong()).isEqualTo(requested.size());
        assertThat(d.get("deferred").asLong()).isZero();
        assertThat(d.get("holdout").asLong()).isEqualTo(expectedHoldout.size());
        assertThat(d.get("excluded").get("NO_MARKETING_CONSENT").asLong()).isEqualTo(1);
        assertThat(d.get("excluded").get("NO_CONTACT_ADDRESS").asLong()).isEqualTo(1);
        assertThat(d.get("excluded").get("CONTACT_BUDGET_EXHAUSTED").asLong()).isEqualTo(1);
        assertThat(d.get("sentAt").asText()).isEqualTo("2031-05-06T04:00:00Z");

        String one = requested.iterator().next();
        List<JsonNode> events = Api.events(one, CampaignEvents.DELIVERY_REQUESTED, 1);
        assertThat(events).hasSize(1);
        JsonNode e = events.getFirst();
        assertThat(e.get("campaignId").asText()).isEqualTo(id);
        assertThat(e.get("customerId").asText()).isEqualTo(one);
        assertThat(e.get("kind").asText()).isEqualTo("NEWSLETTER");
        assertThat(e.get("subject").asText()).isEqualTo("Hello");
        assertThat(e.get("templateKey").asText()).isEqualTo("newsletter/test");
        assertThat(e.get("variables").get("season").asText()).isEqualTo("spring");
        // No recipient: the deliverer resolves the address from the profile's personal record when it sends.
        assertThat(e.has("recipient")).isFalse();
        assertThat(e.toString()).doesNotContain("@example.com");
        assertThat(Api.personal(one, "customer", one, 1).getLast().data().get("email").asText()).contains("@example.com");
        assertThat(e.get("event").isNull()).isTrue();
        assertThat(e.get("rsvpToken").isNull()).isTrue();
        assertThat(e.get("deliveryPartner").isNull()).isTrue();
        assertThat(e.get("requestedAt").asText()).isEqualTo("2031-05-06T04:00:00Z");
        assertThat(Api.events(expectedHoldout.iterator().next(), CampaignEvents.DELIVERY_REQUESTED, 0)).isEmpty();
        assertThat(Api.events(noConsent, CampaignEvents.DELIVERY_REQUESTED, 0)).isEmpty();

        // Published exactly as docs/asyncapi.yaml documents them.
        assertThat(DocumentedEvents.violations(scheduled.getFirst())).isEmpty();
        assertThat(DocumentedEvents.violations(sent)).isEmpty();
        assertThat(DocumentedEvents.violations(envelopes(one, CampaignEvents.DELIVERY_REQUESTED, 1).getFirst())).isEmpty();
        assertThat(envelopes(one, CampaignEvents.DELIVERY_REQUESTED, 1).getFirst().get("subject").asText()).isEqualTo(one);

        // Every request is a contact in the one log the budget counts.
        long logged = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from contact_log where source = 'campaign' and customer_id in (select customer_id from campaign_delivery "
                        + "where campaign_id = ?1)").setParameter(1, UUID.fromString(id)).getSingleResult()).longValue());
        assertThat(logged).isEqualTo(requested.size());
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/campaigns/" + id + "/cancellation").then().statusCode(409);
    }

    @Test
    void inside_quiet_hours_a_delivery_is_deferred_and_requested_when_they_end() {
        // 22:00 in Shanghai, 15:00 in Berlin (CEST).
        ControllableClock.set(Instant.parse("2031-05-06T14:00:00Z"));
        String tag = Api.unique("quiet").toLowerCase();
        UUID audience = CampaignFixtures.audience(em, tag);
        String shanghai = CampaignFixtures.customer(tag, true, true, false);
        String berlin = CampaignFixtures.customer(tag, true, true, false);
        CampaignFixtures.timeZone(em, berlin, "Europe/Berlin");
        String id = CampaignFixtures.campaign(audience, "OFFER", ",\"holdoutShare\":0");
        CampaignFixtures.schedule(id, "{}");
        sending.sweep();

        Map<String, JsonNode> rows = deliveries(id).stream().collect(Collectors.toMap(r -> r.get("customerId").asText(), r -> r));
        assertThat(rows.get(berlin).get("status").asText()).isEqualTo("REQUESTED");
        assertThat(rows.get(shanghai).get("status").asText()).isEqualTo("DEFERRED");
        assertThat(rows.get(shanghai).get("dueAt").asText()).isEqualTo("2031-05-07T00:00:00Z");
        JsonNode sent = campaignEvents(id, CampaignEvents.SENT, 1).getFirst().get("data");
        assertThat(sent.get("requested").asLong()).isEqualTo(1);
        assertThat(sent.get("deferred").asLong()).isEqualTo(1);
        assertThat(Api.events(shanghai, CampaignEvents.DELIVERY_REQUESTED, 0)).isEmpty();

        ControllableClock.set(Instant.parse("2031-05-06T23:59:00Z"));
        sending.sweep();
        assertThat(deliveries(id, "status", "DEFERRED")).hasSize(1);

        ControllableClock.set(Instant.parse("2031-05-07T00:00:30Z"));
        sending.sweep();
        JsonNode later = deliveries(id).stream().filter(r -> r.get("customerId").asText().equals(shanghai)).findFirst().orElseThrow();
        assertThat(later.get("status").asText()).isEqualTo("REQUESTED");
        assertThat(later.get("requestedAt").asText()).isEqualTo("2031-05-07T00:00:30Z");
        List<JsonNode> events = Api.events(shanghai, CampaignEvents.DELIVERY_REQUESTED, 1);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("deliveryId").asText()).isEqualTo(later.get("id").asText());
        assertThat(events.getFirst().has("recipient")).isFalse();
        // Sweeping again requests nothing twice.
        sending.sweep();
        assertThat(Api.events(shanghai, CampaignEvents.DELIVERY_REQUESTED, 2)).hasSize(1);
    }

    @Test
    void a_customer_who_withdraws_consent_while_deferred_is_not_contacted() {
        ControllableClock.set(Instant.parse("2031-05-08T14:00:00Z"));
        String tag = Api.unique("withdraw").toLowerCase();
        UUID audience = CampaignFixtures.audience(em, tag);
        String customer = CampaignFixtures.customer(tag, true, true, false);
        String id = CampaignFixtures.campaign(audience, "OFFER", ",\"holdoutShare\":0");
        CampaignFixtures.schedule(id, "{}");
        sending.sweep();
        assertThat(deliveries(id, "status", "DEFERRED")).hasSize(1);
        String etag = given().get("/api/v1/customers/" + customer).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"consents\":{\"marketing\":false}}")
                .patch("/api/v1/customers/" + customer).then().statusCode(200);
        ControllableClock.set(Instant.parse("2031-05-09T01:00:00Z"));
        sending.sweep();
        assertThat(deliveries(id).getFirst().get("exclusionReason").asText()).isEqualTo("NO_MARKETING_CONSENT");
        assertThat(Api.events(customer, CampaignEvents.DELIVERY_REQUESTED, 0)).isEmpty();
    }

    @Test
    void a_recurring_newsletter_schedules_its_next_run_until_recur_until() {
        ControllableClock.set(Instant.parse("2031-06-02T04:00:00Z"));
        String tag = Api.unique("recur").toLowerCase();
        UUID audience = CampaignFixtures.audience(em, tag);
        String first = CampaignFixtures.customer(tag, true, true, false);
        String id = CampaignFixtures.campaign(audience, "NEWSLETTER",
                ",\"holdoutShare\":0,\"recurrence\":\"P1D\",\"recurUntil\":\"2031-06-03T16:00:00Z\"");
        CampaignFixtures.schedule(id, "{}");
        assertThat(campaignEvents(id, CampaignEvents.SCHEDULED, 1).getFirst().get("data").get("recurrence").asText()).isEqualTo("P1D");
        sending.sweep();
        assertThat(status(id)).isEqualTo("SCHEDULED");
        // The audience is evaluated at each run: a customer who joins it in between gets the second one.
        String second = CampaignFixtures.customer(tag, true, true, false);
        ControllableClock.set(Instant.parse("2031-06-02T20:00:00Z"));
        sending.sweep();
        assertThat(deliveries(id, "run", "2")).isEmpty();

        ControllableClock.set(Instant.parse("2031-06-03T04:00:00Z"));
        sending.sweep();
        assertThat(status(id)).isEqualTo("SENT");
        assertThat(deliveries(id, "run", "1")).extracting(r -> r.get("customerId").asText()).containsExactly(first);
        assertThat(deliveries(id, "run", "2")).extracting(r -> r.get("customerId").asText()).containsExactlyInAnyOrder(first, second);
        List<JsonNode> sent = campaignEvents(id, CampaignEvents.SENT, 2);
        assertThat(sent).extracting(e -> e.get("data").get("runNumber").asInt()).containsExactly(1, 2);
        assertThat(Api.events(first, CampaignEvents.DELIVERY_REQUESTED, 2)).hasSize(2);
        // The next run (2031-06-04T04:00Z) would be after recurUntil: none was created.
        long runs = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from campaign_run where campaign_id = ?1").setParameter(1, UUID.fromString(id)).getSingleResult()).longValue());
        assertThat(runs).isEqualTo(2);
    }

    @Test
    void a_recurring_newsletter_cancelled_between_runs_sends_no_further_run() {
        ControllableClock.set(Instant.parse("2031-07-02T04:00:00Z"));
        String tag = Api.unique("stop").toLowerCase();
        UUID audience = CampaignFixtures.audience(em, tag);
        String customer = CampaignFixtures.customer(tag, true, true, false);
        String id = CampaignFixtures.campaign(audience, "NEWSLETTER", ",\"holdoutShare\":0,\"recurrence\":\"P1W\"");
        CampaignFixtures.schedule(id, "{}");
        sending.sweep();
        given().contentType(ContentType.JSON).body("{\"reason\":\"newsletter discontinued\"}").post("/api/v1/campaigns/" + id + "/cancellation")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("CANCELLED"))
                .body("cancelReason", org.hamcrest.Matchers.equalTo("newsletter discontinued"));
        JsonNode cancelled = campaignEvents(id, CampaignEvents.CANCELLED, 1).getFirst();
        assertThat(cancelled.get("subject").asText()).isEqualTo(id);
        assertThat(cancelled.get("data").get("reason").asText()).isEqualTo("newsletter discontinued");
        assertThat(cancelled.get("data").get("campaignId").asText()).isEqualTo(id);
        assertThat(cancelled.get("data").has("cancelledAt")).isTrue();
        assertThat(DocumentedEvents.violations(cancelled)).isEmpty();
        ControllableClock.set(Instant.parse("2031-07-10T04:00:00Z"));
        sending.sweep();
        assertThat(deliveries(id, "run", "2")).isEmpty();
        assertThat(Api.events(customer, CampaignEvents.DELIVERY_REQUESTED, 2)).hasSize(1);
        assertThat(status(id)).isEqualTo("CANCELLED");
    }

    @Test
    void an_interrupted_run_resumes_after_the_last_page_without_contacting_anyone_twice() {
        ControllableClock.set(NOON_SHANGHAI.plus(Duration.ofDays(40)));
        String tag = Api.unique("resume").toLowerCase();
        UUID audience = CampaignFixtures.audience(em, tag);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            customers.add(CampaignFixtures.customer(tag, true, true, false));
        }
        String id = CampaignFixtures.campaign(audience, "OFFER", ",\"holdoutShare\":0");
        CampaignFixtures.schedule(id, "{}");
        UUID run = QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery("select id from campaign_run where campaign_id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult());
        // One page (crm.campaign.sending.page-size=7 in tests) and then the process "dies".
        assertThat(sending.send(run, 1)).isFalse();
        assertThat(deliveries(id)).hasSize(7);
        assertThat(status(id)).isEqualTo("SENDING");
        // A one-off campaign being sent cannot be cancelled any more.
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/campaigns/" + id + "/cancellation").then().statusCode(409);

        sending.sweep();
        sending.sweep();
        List<JsonNode> rows = deliveries(id);
        assertThat(rows).extracting(r -> r.get("customerId").asText()).containsExactlyInAnyOrderElementsOf(customers);
        assertThat(status(id)).isEqualTo("SENT");
        for (String c : customers) {
            assertThat(Api.events(c, CampaignEvents.DELIVERY_REQUESTED, 1)).hasSize(1);
        }
        assertThat(campaignEvents(id, CampaignEvents.SENT, 1)).hasSize(1);
        assertThat(campaignEvents(id, CampaignEvents.SENT, 1).getFirst().get("data").get("requested").asLong()).isEqualTo(17);
    }

    @Test
    void an_event_invitation_carries_the_event_and_an_rsvp_token_kept_only_as_its_hash() {
        ControllableClock.set(NOON_SHANGHAI.plus(Duration.ofDays(60)));
        String tag = Api.unique("invite").toLowerCase();
        UUID audience = CampaignFixtures.audience(em, tag);
        String customer = CampaignFixtures.customer(tag, true, true, false);
        String id = CampaignFixtures.campaign(audience, "EVENT_INVITATION", ",\"holdoutShare\":0,\"deliveryPartner\":\"partner-mailer\","
                + "\"event\":{\"title\":\"Summer evening\",\"startsAt\":\"2031-07-20T10:00:00Z\",\"endsAt\":\"2031-07-20T13:00:00Z\","
                + "\"location\":\"Flagship store\"}");
        CampaignFixtures.schedule(id, "{}");
        sending.sweep();
        JsonNode e = Api.events(customer, CampaignEvents.DELIVERY_REQUESTED, 1).getFirst();
        assertThat(e.get("kind").asText()).isEqualTo("EVENT_INVITATION");
        assertThat(e.get("event").get("title").asText()).isEqualTo("Summer evening");
        assertThat(OffsetDateTime.parse(e.get("event").get("startsAt").asText()).toInstant()).isEqualTo(Instant.parse("2031-07-20T10:00:00Z"));
        assertThat(e.get("event").get("location").asText()).isEqualTo("Flagship store");
        assertThat(e.get("deliveryPartner").asText()).isEqualTo("partner-mailer");
        assertThat(DocumentedEvents.violations(envelopes(customer, CampaignEvents.DELIVERY_REQUESTED, 1).getFirst())).isEmpty();
        String token = e.get("rsvpToken").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        String stored = QuarkusTransaction.requiringNew().call(() -> HexFormat.of().formatHex((byte[]) em.createNativeQuery(
                "select rsvp_token_hash from campaign_delivery where id = ?1").setParameter(1, UUID.fromString(e.get("deliveryId").asText()))
                .getSingleResult()));
        assertThat(stored).isEqualTo(HexFormat.of().formatHex(RsvpTokens.hash(token)));
    }

    @Test
    void a_letter_goes_to_customers_with_a_postal_address_only() {
        ControllableClock.set(NOON_SHANGHAI.plus(Duration.ofDays(80)));
        String tag = Api.unique("letter").toLowerCase();
        UUID audience = CampaignFixtures.audience(em, tag);
        String withAddress = CampaignFixtures.customer(tag, true, false, true);
        String emailOnly = CampaignFixtures.customer(tag, true, true, false);
        String id = CampaignFixtures.campaign(audience, "LETTER", ",\"holdoutShare\":0");
        CampaignFixtures.schedule(id, "{}");
        sending.sweep();
        Map<String, String> statusOf = deliveries(id).stream().collect(Collectors.toMap(r -> r.get("customerId").asText(),
                r -> r.get("status").asText() + (r.get("exclusionReason").isNull() ? "" : ":" + r.get("exclusionReason").asText())));
        assertThat(statusOf).containsEntry(withAddress, "REQUESTED").containsEntry(emailOnly, "EXCLUDED:NO_CONTACT_ADDRESS");
        JsonNode e = Api.events(withAddress, CampaignEvents.DELIVERY_REQUESTED, 1).getFirst();
        // A LETTER needs the postal address: the kind says so, the profile's personal record holds it.
        assertThat(e.get("kind").asText()).isEqualTo("LETTER");
        assertThat(e.has("recipient")).isFalse();
        assertThat(Api.personal(withAddress, "customer", withAddress, 1).getLast().data().get("postalAddress").get("postalCode").asText())
                .isEqualTo("200120");
        assertThat(DocumentedEvents.violations(envelopes(withAddress, CampaignEvents.DELIVERY_REQUESTED, 1).getFirst())).isEmpty();
    }

    @Test
    void a_survey_invitation_counts_against_the_same_budget_once() {
        ControllableClock.set(NOON_SHANGHAI.plus(Duration.ofDays(100)));
        String tag = Api.unique("survey").toLowerCase();
        UUID audience = CampaignFixtures.audience(em, tag);
        String customer = CampaignFixtures.customer(tag, true, true, false);
        CampaignFixtures.contacts(em, customer, 3, OffsetDateTime.parse("2031-08-13T00:00:00Z"));
        String invitation = UUID.randomUUID().toString();
        String data = "{\"invitationId\":\"" + invitation + "\",\"surveyId\":\"" + UUID.randomUUID() + "\",\"customerId\":\"" + customer
                + "\",\"triggerEventId\":\"t-1\",\"expiresAt\":null,\"sendAt\":\"" + NOON_SHANGHAI.plus(Duration.ofDays(99)) + "\"}";
        String eventId = TopicRecords.newId();
        // Delivered twice (a redelivery): counted once.
        TopicRecords.send("crm.surveys", customer, TopicRecords.cloudEvent(eventId, "/crm/survey-service", SurveyInvitationContacts.TYPE, customer, data));
        TopicRecords.send("crm.surveys", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/survey-service", SurveyInvitationContacts.TYPE,
                customer, data));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                !em.createNativeQuery("select 1 from contact_log where source = 'survey' and source_id = ?1").setParameter(1, invitation)
                        .getResultList().isEmpty()));
        org.awaitility.Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        long surveys = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from contact_log where source = 'survey' and customer_id = ?1").setParameter(1, UUID.fromString(customer))
                .getSingleResult()).longValue());
        assertThat(surveys).isEqualTo(1);

        String id = CampaignFixtures.campaign(audience, "OFFER", ",\"holdoutShare\":0");
        CampaignFixtures.schedule(id, "{}");
        sending.sweep();
        assertThat(deliveries(id).getFirst().get("exclusionReason").asText()).isEqualTo("CONTACT_BUDGET_EXHAUSTED");
    }
}
