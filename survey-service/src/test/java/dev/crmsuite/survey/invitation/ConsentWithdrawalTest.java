package dev.crmsuite.survey.invitation;

import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import dev.crmsuite.survey.support.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Withdrawing marketing consent (or erasure) stops the invitations not sent yet, at once; sent ones stay answerable. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ConsentWithdrawalTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void retire() {
        Fixtures.retireAll();
    }

    @Test
    void a_withdrawal_skips_the_scheduled_invitation_and_leaves_the_open_one_answerable() {
        Fixtures.publish(Fixtures.survey("Withdrawal", Fixtures.NPS_SURVEY_QUESTIONS,
                "[{\"on\":\"PURCHASE_RECORDED\",\"delay\":\"P2D\"}]"));
        // Two customers (the test budget allows one contact per period): one purchase now (sent in two
        // days), one three days ago (sent already).
        String scheduled = Fixtures.registerCustomer(true);
        String open = Fixtures.registerCustomer(true);
        purchase(scheduled, Instant.now());
        purchase(open, Instant.now().minus(Duration.ofDays(3)));
        assertThat(Fixtures.awaitInvitations(scheduled, 1).getFirst().get("status")).isEqualTo("SCHEDULED");
        Map<String, Object> sent = Fixtures.awaitInvitations(open, 1).getFirst();
        assertThat(sent.get("status")).isEqualTo("OPEN");

        withdrawConsent(scheduled);
        withdrawConsent(open);
        Fixtures.barrier("crm.customers", scheduled);
        Fixtures.barrier("crm.customers", open);

        Map<String, Object> skipped = Fixtures.invitations(scheduled).getFirst();
        assertThat(skipped.get("status")).isEqualTo("SKIPPED");
        assertThat(skipped.get("skipReason")).isEqualTo("NO_MARKETING_CONSENT");
        assertThat(skipped.get("token")).isNull();
        assertThat(Fixtures.invitations(open).getFirst().get("status")).isEqualTo("OPEN");
        Fixtures.asCustomer().get("/api/v1/survey-invitations/" + sent.get("token")).then().statusCode(200);
        // The consent was applied in the same transaction.
        assertThat(Fixtures.queryLong("select count(*) from known_customer where customer_id = '" + scheduled
                + "' and not marketing_consent")).isEqualTo(1);
    }

    @Test
    void an_erasure_skips_the_scheduled_invitation() {
        Fixtures.publish(Fixtures.survey("Erased before sending", Fixtures.NPS_SURVEY_QUESTIONS,
                "[{\"on\":\"PURCHASE_RECORDED\",\"delay\":\"P2D\"}]"));
        String customer = Fixtures.registerCustomer(true);
        purchase(customer, Instant.now());
        String id = (String) Fixtures.awaitInvitations(customer, 1).getFirst().get("id");
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.erased.v1", customer, "{\"customerId\":\"" + customer + "\",\"erasedAt\":\"" + Instant.now() + "\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Fixtures.queryLong("select count(*) from known_customer where customer_id = '" + customer + "'") == 0);
        assertThat(Fixtures.queryLong("select count(*) from invitation where id = '" + id + "' and status = 'SKIPPED'"
                + " and skip_reason = 'NO_MARKETING_CONSENT' and token is null and customer_id is null")).isEqualTo(1);
    }

    private static void purchase(String customer, Instant purchasedAt) {
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.purchase.recorded.v1", customer, """
                        {"purchaseId":"%s","customerId":"%s","amount":20.00,"currency":"EUR","purchasedAt":"%s","items":[]}"""
                        .formatted(UUID.randomUUID(), customer, purchasedAt.truncatedTo(ChronoUnit.SECONDS))));
    }

    private static void withdrawConsent(String customer) {
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.updated.v1", customer, """
                        {"customerId":"%s","kind":"PERSON","consents":{"marketing":false,"partnerSharing":false},
                         "segment":"RELATIONAL","valueTier":"A","stage":"TRUSTING","changedFields":["consents"],"updatedAt":"%s"}"""
                        .formatted(customer, Instant.now())));
    }
}
