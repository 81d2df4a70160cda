package dev.crmsuite.survey.score;

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
import java.time.YearMonth;
import java.time.ZoneOffset;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** NPS, CSAT, CES, dimensions, response rate and breakdowns over a known set of real responses. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ScoresTest {

    static final String QUESTIONS = """
            [{"key":"recommend","type":"NPS","text":"Recommend us?","required":true},
             {"key":"satisfied","type":"CSAT","text":"Satisfied?","required":true},
             {"key":"effort","type":"CES","text":"Effort?","required":true},
             {"key":"staff","type":"RATING","dimension":"STAFF","text":"Staff?","required":true},
             {"key":"why","type":"FREE_TEXT","text":"Why?"}]""";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void retire() {
        Fixtures.retireAll();
    }

    static String invitedToken(String customer) {
        Fixtures.purchase(customer, "30.00");
        return (String) Fixtures.awaitInvitations(customer, 1).getFirst().get("token");
    }

    static void answer(String token, String answers) {
        given().contentType(ContentType.JSON).body("{\"answers\":" + answers + "}")
                .post("/api/v1/survey-invitations/" + token + "/responses").then().statusCode(201);
    }

    @Test
    void scores_of_a_known_set() {
        String survey = Fixtures.publish(Fixtures.survey("Scores", QUESTIONS, "[{\"on\":\"PURCHASE_RECORDED\"}]"));
        String c1 = Fixtures.registerCustomer(true, "RELATIONAL", Instant.now().toString());
        String c2 = Fixtures.registerCustomer(true, "RELATIONAL", Instant.now().toString());
        String c3 = Fixtures.registerCustomer(true, "TRANSACTIONAL", Instant.now().toString());
        String c4 = Fixtures.registerCustomer(true, "TRANSACTIONAL", Instant.now().toString());
        String c5 = Fixtures.registerCustomer(true, "TRANSACTIONAL", Instant.now().toString());
        TopicRecords.send("crm.loyalty", c1, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/loyalty-service",
                "crm.tier.changed.v1", c1, "{\"customerId\":\"" + c1 + "\",\"tier\":\"GOLD\",\"previousTier\":\"SILVER\",\"changedAt\":\"" + Instant.now() + "\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "GOLD".equals(Fixtures.queryString("select loyalty_tier from known_customer where customer_id = '" + c1 + "'")));

        answer(invitedToken(c1), "{\"recommend\":10,\"satisfied\":5,\"effort\":2,\"staff\":5}");
        answer(invitedToken(c2), "{\"recommend\":9,\"satisfied\":4,\"effort\":3,\"staff\":4}");
        answer(invitedToken(c3), "{\"recommend\":7,\"satisfied\":3,\"effort\":5,\"staff\":3}");
        answer(invitedToken(c4), "{\"recommend\":3,\"satisfied\":1,\"effort\":6,\"staff\":2,\"why\":\"late\"}");
        invitedToken(c5); // invited, never answers

        String month = YearMonth.now(ZoneOffset.UTC).toString();
        given().get("/api/v1/surveys/" + survey + "/results").then().statusCode(200)
                .body("surveyId", equalTo(survey)).body("bucket", equalTo("MONTH"))
                .body("overall.responses", equalTo(4))
                // NPS: promoters 10, 9 (2 of 4 = 50%) minus detractors 3 (1 of 4 = 25%) = 25.0
                .body("overall.nps.score", equalTo(25.0f)).body("overall.nps.promoters", equalTo(2))
                .body("overall.nps.passives", equalTo(1)).body("overall.nps.detractors", equalTo(1))
                // CSAT: 5 and 4 of four answers = 50.0
                .body("overall.csat.score", equalTo(50.0f)).body("overall.csat.satisfied", equalTo(2))
                // CES: (2 + 3 + 5 + 6) / 4 = 4.0; STAFF: (5 + 4 + 3 + 2) / 4 = 3.5
                .body("overall.ces.average", equalTo(4.0f)).body("overall.dimensions.STAFF.average", equalTo(3.5f))
                .body("responseRate.invited", equalTo(5)).body("responseRate.responded", equalTo(4))
                .body("responseRate.percent", equalTo(80.0f))
                .body("trend", hasSize(1)).body("trend[0].period", equalTo(month))
                .body("trend[0].scores.nps.score", equalTo(25.0f))
                .body("bySegment.RELATIONAL.nps.score", equalTo(100.0f))
                .body("bySegment.TRANSACTIONAL.nps.score", equalTo(-50.0f))
                .body("bySegment.TRANSACTIONAL.csat.score", equalTo(0.0f))
                .body("byValueTier.A.responses", equalTo(4))
                .body("byLifecycleStage.TRUSTING.responses", equalTo(4))
                .body("byLoyaltyTier.GOLD.responses", equalTo(1)).body("byLoyaltyTier.UNKNOWN.responses", equalTo(3));

        given().queryParam("surveyId", survey).queryParam("bucket", "WEEK").get("/api/v1/analytics/satisfaction")
                .then().statusCode(200).body("overall.nps.score", equalTo(25.0f)).body("bucket", equalTo("WEEK"))
                .body("trend", hasSize(1));
        given().get("/api/v1/analytics/satisfaction").then().statusCode(200);
    }

    @Test
    void breakdowns_keep_the_customer_as_they_were_when_they_answered() {
        Fixtures.Invited invited = Fixtures.invite(QUESTIONS, false, "TRANSACTIONAL");
        answer(invited.token(), "{\"recommend\":8,\"satisfied\":4,\"effort\":1,\"staff\":4}");
        String customer = invited.customerId();
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.segment-changed.v1", customer, "{\"customerId\":\"" + customer
                        + "\",\"segment\":\"KEY_ACCOUNT\",\"previousSegment\":\"TRANSACTIONAL\",\"valueTier\":\"B\",\"lifetimeValue\":100000,\"changedAt\":\""
                        + Instant.now() + "\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "KEY_ACCOUNT".equals(Fixtures.queryString("select segment from known_customer where customer_id = '" + customer + "'")));
        given().get("/api/v1/surveys/" + invited.surveyId() + "/results").then().statusCode(200)
                .body("overall.responses", equalTo(1))
                .body("bySegment.TRANSACTIONAL.responses", equalTo(1)).body("bySegment.KEY_ACCOUNT", org.hamcrest.Matchers.nullValue())
                .body("byValueTier.A.responses", equalTo(1));
    }

    @Test
    void bad_report_parameters_are_problems() {
        given().queryParam("bucket", "DAY").get("/api/v1/analytics/satisfaction").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("bucket"));
        given().queryParam("from", "2026-12-01").queryParam("to", "2026-11-01").get("/api/v1/analytics/satisfaction")
                .then().statusCode(400).body("errors.field", contains("from"));
        given().queryParam("from", "yesterday").get("/api/v1/analytics/satisfaction")
                .then().statusCode(400).body("errors.field", contains("from"));
        given().get("/api/v1/surveys/" + java.util.UUID.randomUUID() + "/results").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
