package dev.crmsuite.survey.invitation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import dev.crmsuite.survey.support.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Invitations from the other services' events over the real broker: each trigger, redelivery, consent, budget, schedule. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class InvitationTriggersTest {

    @Inject
    PeriodicSurveys periodic;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void retire() {
        Fixtures.retireAll();
    }

    @Test
    void a_purchase_above_the_minimum_invites_after_the_delay_and_a_redelivery_changes_nothing() {
        String survey = Fixtures.publish(Fixtures.survey("After purchase", Fixtures.NPS_SURVEY_QUESTIONS,
                "[{\"on\":\"PURCHASE_RECORDED\",\"delay\":\"P2D\",\"minimumAmount\":100}]"));
        String customer = Fixtures.registerCustomer(true);

        Fixtures.purchase(customer, "99.99"); // below the minimum: no trigger at all
        String eventId = TopicRecords.newId();
        String purchasedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String purchase = TopicRecords.cloudEvent(eventId, "/crm/customer-service", "crm.purchase.recorded.v1", customer, """
                {"purchaseId":"%s","customerId":"%s","amount":250.00,"currency":"EUR","purchasedAt":"%s","items":[]}"""
                .formatted(UUID.randomUUID(), customer, purchasedAt));
        TopicRecords.send("crm.customers", customer, purchase);
        TopicRecords.send("crm.customers", customer, purchase); // redelivered, as after a relay crash

        Map<String, Object> invitation = Fixtures.awaitInvitations(customer, 1).getFirst();
        assertThat(invitation.get("surveyId")).isEqualTo(survey);
        assertThat(invitation.get("triggerEventId")).isEqualTo(eventId);
        assertThat(invitation.get("triggerEventType")).isEqualTo("crm.purchase.recorded.v1");
        assertThat(invitation.get("status")).isEqualTo("SCHEDULED");
        assertThat(OffsetDateTime.parse((String) invitation.get("sendAt")).toInstant())
                .isEqualTo(Instant.parse(purchasedAt).plus(Duration.ofDays(2)));
        assertThat(OffsetDateTime.parse((String) invitation.get("expiresAt")).toInstant())
                .isEqualTo(Instant.parse(purchasedAt).plus(Duration.ofDays(16)));
        assertThat((String) invitation.get("token")).hasSizeGreaterThanOrEqualTo(43);

        // A later event on the same partition proves both copies and the small purchase were processed.
        Fixtures.barrier("crm.customers", customer);
        assertThat(Fixtures.invitations(customer)).hasSize(1);
        List<JsonNode> created = Fixtures.awaitSurveyEvents("crm.survey.invitation.created.v1",
                d -> customer.equals(d.path("customerId").asText()));
        assertThat(created).hasSize(1);
        JsonNode data = created.getFirst().get("data");
        assertThat(created.getFirst().get("subject").asText()).isEqualTo(customer);
        assertThat(data.get("invitationId").asText()).isEqualTo(invitation.get("id"));
        assertThat(data.get("surveyId").asText()).isEqualTo(survey);
        assertThat(data.get("triggerEventId").asText()).isEqualTo(eventId);
        assertThat(OffsetDateTime.parse(data.get("expiresAt").asText()).toInstant())
                .isEqualTo(Instant.parse(purchasedAt).plus(Duration.ofDays(16)));
    }

    @Test
    void a_resolved_complaint_invites_and_remembers_the_complaint() {
        String survey = Fixtures.publish(Fixtures.survey("Your complaint", Fixtures.NPS_SURVEY_QUESTIONS,
                "[{\"on\":\"COMPLAINT_RESOLVED\"}]"));
        String customer = Fixtures.registerCustomer(true);
        String complaint = UUID.randomUUID().toString();
        String eventId = Fixtures.complaintResolved(customer, complaint);
        Map<String, Object> invitation = Fixtures.awaitInvitations(customer, 1).getFirst();
        assertThat(invitation.get("surveyId")).isEqualTo(survey);
        assertThat(invitation.get("complaintId")).isEqualTo(complaint);
        assertThat(invitation.get("triggerEventId")).isEqualTo(eventId);
        assertThat(invitation.get("triggerEventType")).isEqualTo("crm.complaint.resolved.v1");
        assertThat(invitation.get("status")).isEqualTo("OPEN");
    }

    @Test
    void a_lost_customer_gets_the_exit_survey() {
        String survey = Fixtures.publish(Fixtures.survey("Why did you leave?", Fixtures.NPS_SURVEY_QUESTIONS,
                "[{\"on\":\"CUSTOMER_MARKED_LOST\",\"delay\":\"PT1H\"}]"));
        String customer = Fixtures.registerCustomer(true);
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.marked-lost.v1", customer,
                "{\"customerId\":\"" + customer + "\",\"reasonCode\":\"PRICE\",\"reasonText\":\"too dear\",\"lostAt\":\"" + Instant.now() + "\"}"));
        Map<String, Object> invitation = Fixtures.awaitInvitations(customer, 1).getFirst();
        assertThat(invitation.get("surveyId")).isEqualTo(survey);
        assertThat(invitation.get("triggerEventType")).isEqualTo("crm.customer.marked-lost.v1");
        assertThat(invitation.get("status")).isEqualTo("SCHEDULED");
        assertThat(Fixtures.queryString("select stage from known_customer where customer_id = '" + customer + "'")).isEqualTo("LOST");
    }

    @Test
    void the_contact_budget_skips_a_second_invitation_with_the_reason() {
        String first = Fixtures.publish(Fixtures.survey("Budget A", Fixtures.NPS_SURVEY_QUESTIONS, "[{\"on\":\"PURCHASE_RECORDED\"}]"));
        String second = Fixtures.publish(Fixtures.survey("Budget B", Fixtures.NPS_SURVEY_QUESTIONS, "[{\"on\":\"COMPLAINT_RESOLVED\"}]"));
        String customer = Fixtures.registerCustomer(true);
        Fixtures.purchase(customer, "10.00");
        Fixtures.awaitInvitations(customer, 1);
        String eventId = Fixtures.complaintResolved(customer, UUID.randomUUID().toString());
        List<Map<String, Object>> all = Fixtures.awaitInvitations(customer, 2);
        Map<String, Object> skipped = all.getFirst();
        assertThat(skipped.get("surveyId")).isEqualTo(second);
        assertThat(skipped.get("status")).isEqualTo("SKIPPED");
        assertThat(skipped.get("skipReason")).isEqualTo("CONTACT_BUDGET_EXHAUSTED");
        assertThat(skipped.get("token")).isNull();
        assertThat(all.get(1).get("surveyId")).isEqualTo(first);
        assertThat(all.get(1).get("status")).isEqualTo("OPEN");

        given().queryParam("customerId", customer).queryParam("status", "SKIPPED").get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].surveyId", equalTo(second));
        List<JsonNode> events = Fixtures.awaitSurveyEvents("crm.survey.invitation.skipped.v1",
                d -> customer.equals(d.path("customerId").asText()));
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("data").get("reason").asText()).isEqualTo("CONTACT_BUDGET_EXHAUSTED");
        assertThat(events.getFirst().get("data").get("surveyId").asText()).isEqualTo(second);
        assertThat(events.getFirst().get("data").get("triggerEventId").asText()).isEqualTo(eventId);
    }

    @Test
    void a_campaign_delivery_in_the_budget_period_uses_the_one_contact_budget() {
        // %test: crm.contact.budget.max-contacts=1 per P30D, counted across the suite.
        String survey = Fixtures.publish(Fixtures.survey("After a campaign", Fixtures.NPS_SURVEY_QUESTIONS,
                "[{\"on\":\"COMPLAINT_RESOLVED\"}]"));
        String customer = Fixtures.registerCustomer(true);
        String delivery = UUID.randomUUID().toString();
        Fixtures.campaignDeliveryRequested(customer, delivery, Instant.now().minus(Duration.ofDays(3)));
        Fixtures.campaignDeliveryRequested(customer, delivery, Instant.now().minus(Duration.ofDays(3))); // redelivered
        // A delivery older than the period does not count, for anyone.
        String earlier = Fixtures.registerCustomer(true);
        Fixtures.campaignDeliveryRequested(earlier, UUID.randomUUID().toString(), Instant.now().minus(Duration.ofDays(31)));
        Fixtures.barrier("crm.customers", customer);
        Fixtures.barrier("crm.customers", earlier);
        assertThat(Fixtures.queryLong("select count(*) from contact_log where source_id = '" + delivery + "'")).isEqualTo(1);

        String eventId = Fixtures.complaintResolved(customer, UUID.randomUUID().toString());
        Map<String, Object> skipped = Fixtures.awaitInvitations(customer, 1).getFirst();
        assertThat(skipped.get("surveyId")).isEqualTo(survey);
        assertThat(skipped.get("status")).isEqualTo("SKIPPED");
        assertThat(skipped.get("skipReason")).isEqualTo("CONTACT_BUDGET_EXHAUSTED");
        List<JsonNode> events = Fixtures.awaitSurveyEvents("crm.survey.invitation.skipped.v1",
                d -> customer.equals(d.path("customerId").asText()));
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("data").get("reason").asText()).isEqualTo("CONTACT_BUDGET_EXHAUSTED");
        assertThat(events.getFirst().get("data").get("triggerEventId").asText()).isEqualTo(eventId);

        Fixtures.complaintResolved(earlier, UUID.randomUUID().toString());
        assertThat(Fixtures.awaitInvitations(earlier, 1).getFirst().get("status")).isEqualTo("OPEN");
    }

    @Test
    void customers_without_marketing_consent_are_not_invited() {
        String survey = Fixtures.publish(Fixtures.survey("Consent", Fixtures.NPS_SURVEY_QUESTIONS, "[{\"on\":\"PURCHASE_RECORDED\"}]"));
        String customer = Fixtures.registerCustomer(false);
        Fixtures.purchase(customer, "10.00");
        Map<String, Object> skipped = Fixtures.awaitInvitations(customer, 1).getFirst();
        assertThat(skipped.get("surveyId")).isEqualTo(survey);
        assertThat(skipped.get("status")).isEqualTo("SKIPPED");
        assertThat(skipped.get("skipReason")).isEqualTo("NO_MARKETING_CONSENT");
        assertThat(Fixtures.awaitSurveyEvents("crm.survey.invitation.skipped.v1",
                d -> customer.equals(d.path("customerId").asText()) && "NO_MARKETING_CONSENT".equals(d.path("reason").asText())))
                .hasSize(1);

        // Consent given later (crm.customer.updated.v1) makes the next purchase an invitation.
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.updated.v1", customer, """
                        {"customerId":"%s","kind":"PERSON","consents":{"marketing":true,"partnerSharing":false},
                         "segment":"KEY_ACCOUNT","valueTier":"A","stage":"REPEAT_BUYER","changedFields":["consents"],"updatedAt":"%s"}"""
                        .formatted(customer, Instant.now())));
        Fixtures.purchase(customer, "10.00");
        Map<String, Object> invited = Fixtures.awaitInvitations(customer, 2).getFirst();
        assertThat(invited.get("status")).isEqualTo("OPEN");
        assertThat(Fixtures.queryString("select segment from known_customer where customer_id = '" + customer + "'"))
                .isEqualTo("KEY_ACCOUNT");
    }

    @Test
    void the_periodic_survey_invites_long_standing_customers_once_per_period() {
        String survey = Fixtures.publish(Fixtures.survey("Relationship NPS", Fixtures.NPS_SURVEY_QUESTIONS,
                "[{\"on\":\"PERIODIC\",\"everyMonths\":6}]"));
        String longStanding = Fixtures.registerCustomer(true, "RELATIONAL", "2024-03-01T00:00:00Z");
        String newcomer = Fixtures.registerCustomer(true, "RELATIONAL", Instant.now().toString());
        String noConsent = Fixtures.registerCustomer(false, "RELATIONAL", "2024-03-01T00:00:00Z");

        assertThat(periodic.run()).isGreaterThanOrEqualTo(1);
        List<Map<String, Object>> invited = Fixtures.invitations(longStanding);
        assertThat(invited).hasSize(1);
        assertThat(invited.getFirst().get("surveyId")).isEqualTo(survey);
        assertThat(invited.getFirst().get("triggerEventType")).isEqualTo("PERIODIC");
        assertThat(Fixtures.invitations(newcomer)).isEmpty();
        assertThat(Fixtures.invitations(noConsent)).isEmpty();

        // The next pass (another replica, or the next hour) finds nobody due again.
        periodic.run();
        assertThat(Fixtures.invitations(longStanding)).hasSize(1);
        assertThat(Fixtures.awaitSurveyEvents("crm.survey.invitation.created.v1",
                d -> longStanding.equals(d.path("customerId").asText()))).hasSize(1);
    }

    @Test
    void only_one_replica_runs_the_periodic_pass_at_a_time() throws Exception {
        Fixtures.publish(Fixtures.survey("Relationship NPS, one replica", Fixtures.NPS_SURVEY_QUESTIONS,
                "[{\"on\":\"PERIODIC\",\"everyMonths\":3}]"));
        String due = Fixtures.registerCustomer(true, "RELATIONAL", "2025-01-01T00:00:00Z");
        // Another replica is mid-pass: it holds the job's advisory lock in its open transaction.
        try (java.sql.Connection other = PostgresDatabase.connect()) {
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, PeriodicSurveys.LOCK_KEY);
                lock.execute();
            }
            assertThat(periodic.run()).isEqualTo(-1);
            assertThat(Fixtures.invitations(due)).isEmpty();
            other.rollback();
        }
        assertThat(periodic.run()).isGreaterThanOrEqualTo(1);
        assertThat(Fixtures.invitations(due)).hasSize(1);
    }

    @Test
    void a_trigger_event_naming_no_customer_is_dead_lettered_and_the_partition_moves_on() {
        Fixtures.publish(Fixtures.survey("Poison", Fixtures.NPS_SURVEY_QUESTIONS, "[{\"on\":\"COMPLAINT_RESOLVED\"}]"));
        String key = "not-a-customer-" + UUID.randomUUID();
        TopicRecords.send("crm.complaints", key, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/complaint-service",
                "crm.complaint.resolved.v1", key, "{\"complaintId\":\"" + UUID.randomUUID() + "\",\"resolvedAt\":\"" + Instant.now() + "\"}"));
        var dead = TopicRecords.await("crm.complaints.dlq", Duration.ofSeconds(30), r -> key.equals(r.key()));
        assertThat(dead).hasSize(1);
        assertThat(TopicRecords.header(dead.getFirst(), "dlq-consumer")).isEqualTo("survey-service.survey-inbound");
        assertThat(TopicRecords.header(dead.getFirst(), "dlq-reason")).contains("names no customer id");
        Fixtures.barrier("crm.complaints", key); // later records of the partition are still applied
    }

    @Test
    void the_staff_list_filters_and_pages() {
        String survey = Fixtures.publish(Fixtures.survey("Paging", Fixtures.NPS_SURVEY_QUESTIONS, "[{\"on\":\"PURCHASE_RECORDED\"}]"));
        String a = Fixtures.registerCustomer(true);
        String b = Fixtures.registerCustomer(true);
        Fixtures.purchase(a, "1.00");
        Fixtures.purchase(b, "1.00");
        Fixtures.awaitInvitations(a, 1);
        Fixtures.awaitInvitations(b, 1);
        var first = given().queryParam("surveyId", survey).queryParam("limit", 1).get("/api/v1/survey-invitations");
        first.then().statusCode(200).body("items", hasSize(1));
        String cursor = first.path("nextCursor");
        assertThat(cursor).isNotNull();
        var second = given().queryParam("surveyId", survey).queryParam("limit", 1).queryParam("cursor", cursor)
                .get("/api/v1/survey-invitations");
        second.then().statusCode(200).body("items", hasSize(1)).body("nextCursor", org.hamcrest.Matchers.nullValue());
        assertThat(List.of(first.<String>path("items[0].customerId"), second.<String>path("items[0].customerId")))
                .containsExactlyInAnyOrder(a, b);
        given().queryParam("surveyId", survey).queryParam("status", "OPEN").get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items", hasSize(2));
        given().queryParam("surveyId", survey).queryParam("status", "ANSWERED").get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items", hasSize(0));
        given().queryParam("status", "NOPE").get("/api/v1/survey-invitations").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        given().queryParam("customerId", "nope").get("/api/v1/survey-invitations").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("customerId"));
    }
}
