package dev.crmsuite.survey.response;

import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import dev.crmsuite.survey.support.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Erasure removes free text, every link to the customer and their campaign contacts; a merge moves responses, invitations and contacts to the survivor. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class PrivacyTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void retire() {
        Fixtures.retireAll();
    }

    static String submit(String token, String answers) {
        return Fixtures.asCustomer().contentType(ContentType.JSON).body("{\"answers\":" + answers + "}")
                .post("/api/v1/survey-invitations/" + token + "/responses").then().statusCode(201).extract().path("responseId");
    }

    @Test
    void erasure_deletes_free_text_and_the_link_to_the_customer() throws Exception {
        Fixtures.Invited invited = Fixtures.invite(Fixtures.NPS_SURVEY_QUESTIONS);
        String responseId = submit(invited.token(), "{\"recommend\":3,\"why\":\"My neighbour Mr Smith was rude\"}");
        String customer = invited.customerId();
        // The answer closes the loop, but the customer's words never go into the event log (kept forever).
        assertThat(Fixtures.awaitSurveyEvents("crm.survey.unhappy-response.v1", d -> responseId.equals(d.path("responseId").asText())))
                .singleElement().satisfies(e -> assertThat(e.toString()).doesNotContain("Mr Smith"));
        // survey-service records nothing on crm.surveys.personal today; a key it had recorded is still tombstoned.
        String key = customer + "/survey-comment/" + responseId;
        try (var c = PostgresDatabase.connect(); var s = c.prepareStatement("""
                insert into personal_record (record_key, topic, customer_id, recorded_at) values (?, 'crm.surveys.personal', ?, now())""")) {
            s.setString(1, key);
            s.setObject(2, UUID.fromString(customer));
            s.executeUpdate();
        }
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.erased.v1", customer, "{\"customerId\":\"" + customer + "\",\"erasedAt\":\"" + Instant.now() + "\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Fixtures.queryLong("select count(*) from known_customer where customer_id = '" + customer + "'") == 0);

        assertThat(Fixtures.queryLong("select count(*) from survey_answer where response_id = '" + responseId
                + "' and question_type = 'FREE_TEXT'")).isZero();
        assertThat(Fixtures.queryLong("select count(*) from survey_answer where response_id = '" + responseId
                + "' and question_key = 'recommend' and score = 3")).isEqualTo(1);
        assertThat(Fixtures.queryLong("select count(*) from survey_response where id = '" + responseId
                + "' and customer_id is null and invitation_id is null")).isEqualTo(1);
        assertThat(Fixtures.queryLong("select count(*) from invitation where customer_id = '" + customer + "'")).isZero();
        assertThat(Fixtures.queryLong("select count(*) from invitation where id = '" + invited.invitationId() + "'")).isEqualTo(1);
        assertThat(Fixtures.queryLong("select count(*) from personal_record where customer_id = '" + customer + "'")).isZero();
        var tombstones = TopicRecords.await("crm.surveys.personal", Duration.ofSeconds(20), r -> key.equals(r.key()));
        assertThat(tombstones).singleElement().satisfies(r -> assertThat(r.value()).isNull());
    }

    @Test
    void erasure_voids_invitations_not_answered_yet() {
        Fixtures.Invited invited = Fixtures.invite(Fixtures.NPS_SURVEY_QUESTIONS);
        String customer = invited.customerId();
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.erased.v1", customer, "{\"customerId\":\"" + customer + "\",\"erasedAt\":\"" + Instant.now() + "\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Fixtures.queryLong("select count(*) from known_customer where customer_id = '" + customer + "'") == 0);
        Fixtures.asCustomer().get("/api/v1/survey-invitations/" + invited.token()).then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(Fixtures.queryLong("select count(*) from invitation where id = '" + invited.invitationId()
                + "' and token is null and customer_id is null")).isEqualTo(1);
    }

    @Test
    void a_merge_moves_responses_and_invitations_to_the_surviving_customer() {
        Fixtures.Invited invited = Fixtures.invite(Fixtures.NPS_SURVEY_QUESTIONS);
        String responseId = submit(invited.token(), "{\"recommend\":9}");
        String source = invited.customerId();
        String target = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", target, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.merged.v1", target, "{\"sourceCustomerId\":\"" + source + "\",\"targetCustomerId\":\"" + target
                        + "\",\"mergedAt\":\"" + Instant.now() + "\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Fixtures.queryLong("select count(*) from survey_response where id = '" + responseId + "' and customer_id = '" + target + "'") == 1);
        assertThat(Fixtures.invitations(target)).hasSize(1);
        assertThat(Fixtures.invitations(source)).isEmpty();
        // The survivor inherits the copy (and the consent) the survey service knew.
        assertThat(Fixtures.queryLong("select count(*) from known_customer where customer_id = '" + target + "' and marketing_consent"))
                .isEqualTo(1);
        assertThat(Fixtures.queryLong("select count(*) from known_customer where customer_id = '" + source + "'")).isZero();
    }

    @Test
    void campaign_contacts_follow_a_merge_and_go_with_an_erasure() {
        String source = Fixtures.registerCustomer(true);
        String target = Fixtures.registerCustomer(true);
        String delivery = UUID.randomUUID().toString();
        Fixtures.campaignDeliveryRequested(source, delivery, Instant.now());
        Fixtures.barrier("crm.customers", source);
        TopicRecords.send("crm.customers", target, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.merged.v1", target, "{\"sourceCustomerId\":\"" + source + "\",\"targetCustomerId\":\"" + target
                        + "\",\"mergedAt\":\"" + Instant.now() + "\"}"));
        // The survivor's budget counts the duplicate's campaign contact.
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.queryLong(
                "select count(*) from contact_log where source_id = '" + delivery + "' and customer_id = '" + target + "'") == 1);
        TopicRecords.send("crm.customers", target, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.erased.v1", target, "{\"customerId\":\"" + target + "\",\"erasedAt\":\"" + Instant.now() + "\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Fixtures.queryLong("select count(*) from contact_log where customer_id = '" + target + "'") == 0);
    }
}
