package dev.crmsuite.survey.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.survey.support.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An exit survey's chosen options reach the lost-customer analysis as
 * crm.survey.exit-reasons.recorded.v1, keyed by the customer; anonymous exit surveys, other triggers
 * and answers without a choice publish nothing.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ExitSurveyTest {

    @jakarta.inject.Inject
    AnonymousResponseEvents anonymousEvents;


    static final String EXIT_QUESTIONS = """
            [{"key":"main-reason","type":"SINGLE_CHOICE","text":"Why did you leave?","options":["price","service","quality"]},
             {"key":"also","type":"MULTIPLE_CHOICE","text":"Anything else?","options":["delivery","price","range"]},
             {"key":"words","type":"FREE_TEXT","text":"Tell us more"}]""";

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

    /** A fresh customer marked lost, and the token of the exit survey invitation that follows. */
    static String lostCustomersToken(String customer) {
        Fixtures.markLost(customer);
        return (String) Fixtures.awaitInvitations(customer, 1).getFirst().get("token");
    }

    @Test
    void a_lost_customers_chosen_options_are_published_as_exit_reasons() {
        String survey = Fixtures.publish(Fixtures.survey("Why did you leave?", EXIT_QUESTIONS, "[{\"on\":\"CUSTOMER_MARKED_LOST\"}]"));
        String customer = Fixtures.registerCustomer(true);
        String responseId = submit(lostCustomersToken(customer),
                "{\"main-reason\":\"price\",\"also\":[\"delivery\",\"price\"],\"words\":\"too dear\"}");

        List<JsonNode> events = Fixtures.awaitSurveyEvents("crm.survey.exit-reasons.recorded.v1",
                d -> responseId.equals(d.path("responseId").asText()));
        assertThat(events).hasSize(1);
        JsonNode event = events.getFirst();
        assertThat(event.get("subject").asText()).isEqualTo(customer);
        JsonNode data = event.get("data");
        assertThat(data.get("surveyId").asText()).isEqualTo(survey);
        assertThat(data.get("customerId").asText()).isEqualTo(customer);
        assertThat(data.get("reasons")).extracting(JsonNode::asText).containsExactly("price", "delivery");
        assertThat(data.get("submittedAt").asText()).isNotBlank();
        assertThat(data.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("responseId", "surveyId", "customerId", "reasons", "submittedAt");
    }

    @Test
    void no_exit_reasons_without_a_choice_anonymously_or_after_another_trigger() {
        Fixtures.publish(Fixtures.survey("Why did you leave?", EXIT_QUESTIONS, "[{\"on\":\"CUSTOMER_MARKED_LOST\"}]"));
        String onlyWords = submit(lostCustomersToken(Fixtures.registerCustomer(true)), "{\"words\":\"no comment\"}");
        Fixtures.retireAll();

        Fixtures.publish("{\"title\":\"Anonymous exit\",\"anonymous\":true,\"questions\":" + EXIT_QUESTIONS
                + ",\"triggers\":[{\"on\":\"CUSTOMER_MARKED_LOST\"}]}");
        String anonymous = submit(lostCustomersToken(Fixtures.registerCustomer(true)), "{\"main-reason\":\"service\"}");
        Fixtures.retireAll();

        Fixtures.Invited afterPurchase = Fixtures.invite(EXIT_QUESTIONS);
        String purchase = submit(afterPurchase.token(), "{\"main-reason\":\"quality\"}");

        // The anonymous response's event is published late, by its job (AnonymousResponseEvents).
        anonymousEvents.publishDue(java.time.Instant.now().plus(java.time.Duration.ofDays(2)));
        for (String responseId : List.of(onlyWords, anonymous, purchase)) {
            Fixtures.awaitSurveyEvents("crm.survey.response.submitted.v1", d -> responseId.equals(d.path("responseId").asText()));
        }
        assertThat(Fixtures.surveyEventsNow("crm.survey.exit-reasons.recorded.v1",
                d -> List.of(onlyWords, anonymous, purchase).contains(d.path("responseId").asText()))).isEmpty();
    }
}
