package dev.crmsuite.survey.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import dev.crmsuite.survey.support.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * A partner sees the invitations of customers who consented to partner sharing and nothing of the
 * others: lists are filtered in the query (full pages, cursors from visible rows), answer links of
 * hidden customers answer exactly like unknown tokens and do nothing, aggregates are staff only.
 * Customers become visible and hidden through real crm.customers events.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class PartnerVisibilityTest {

    private static final String ANSWERS = "{\"answers\":{\"recommend\":4,\"why\":\"late\"}}";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** Four invitations to one survey, oldest first: visible, hidden, visible, hidden. */
    record Invitations(String survey, List<String> customers, List<String> ids, List<String> tokens) {
        String customer(int i) {
            return customers.get(i);
        }
    }

    private static Invitations invite(boolean... sharing) {
        String survey = Fixtures.publish(Fixtures.survey("Partner view", Fixtures.NPS_SURVEY_QUESTIONS, "[{\"on\":\"PURCHASE_RECORDED\"}]"));
        List<String> customers = new java.util.ArrayList<>();
        List<String> ids = new java.util.ArrayList<>();
        List<String> tokens = new java.util.ArrayList<>();
        try {
            for (boolean shares : sharing) {
                String customer = Fixtures.registerCustomerSharing(shares);
                Fixtures.purchase(customer, "30.00");
                // One after the other, so created_at orders them as listed.
                Map<String, Object> invitation = Fixtures.awaitInvitations(customer, 1).getFirst();
                customers.add(customer);
                ids.add((String) invitation.get("id"));
                tokens.add((String) invitation.get("token"));
            }
        } finally {
            Fixtures.retireAll();
        }
        return new Invitations(survey, customers, ids, tokens);
    }

    private static RequestSpecification partner(String... scopes) {
        return given().header("Authorization", "Bearer " + InternalTokens.partner(CallerKind.AUDIENCE, "p1", scopes));
    }

    private static RequestSpecification partner() {
        return partner(Scopes.GRANTABLE_TO_PARTNERS.toArray(String[]::new));
    }

    private static RequestSpecification anonymous() {
        return given().header("Authorization", "Bearer " + InternalTokens.anonymous(CallerKind.AUDIENCE));
    }

    @Test
    void a_partner_pages_through_consenting_customers_only_with_full_pages_and_cursors_of_visible_rows() {
        Invitations inv = invite(true, false, true, false);
        given().queryParam("surveyId", inv.survey()).get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items", hasSize(4));

        Response first = partner().queryParam("surveyId", inv.survey()).queryParam("limit", 1).get("/api/v1/survey-invitations");
        first.then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(inv.ids().get(2)))
                .body("items[0].customerId", equalTo(inv.customer(2)));
        String cursor = first.path("nextCursor");
        assertThat(cursor).isNotNull();
        assertThat(Cursor.decode(cursor, 2).get(1)).isEqualTo(inv.ids().get(2));
        Response second = partner().queryParam("surveyId", inv.survey()).queryParam("limit", 1).queryParam("cursor", cursor)
                .get("/api/v1/survey-invitations");
        second.then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(inv.ids().get(0)))
                .body("nextCursor", nullValue());

        // Two visible rows fill a page of two, and nothing is left for a next page.
        partner().queryParam("surveyId", inv.survey()).queryParam("limit", 2).get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.contains(inv.ids().get(2), inv.ids().get(0)))
                .body("nextCursor", nullValue());
        // Staff see all four, hence a next page after two.
        given().queryParam("surveyId", inv.survey()).queryParam("limit", 2).get("/api/v1/survey-invitations")
                .then().statusCode(200).body("nextCursor", org.hamcrest.Matchers.notNullValue());
        // Status filters combine with the partner filter.
        partner().queryParam("surveyId", inv.survey()).queryParam("status", "OPEN").get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items", hasSize(2));
        // Nothing of a hidden customer anywhere in a partner's answers.
        String all = partner().queryParam("surveyId", inv.survey()).get("/api/v1/survey-invitations").asString();
        assertThat(all).doesNotContain(inv.customer(1)).doesNotContain(inv.customer(3))
                .doesNotContain(inv.ids().get(1)).doesNotContain(inv.ids().get(3));
    }

    @Test
    void answer_tokens_are_listed_only_to_staff_who_may_change_survey_data() {
        Invitations inv = invite(true);
        String token = inv.tokens().getFirst();
        assertThat(token).isNotNull();
        partner().queryParam("customerId", inv.customer(0)).get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].token", nullValue());
        assertThat(partner().queryParam("customerId", inv.customer(0)).get("/api/v1/survey-invitations").asString())
                .doesNotContain(token);
        given().header("Authorization", "Bearer " + InternalTokens.staff(CallerKind.AUDIENCE, Scopes.SURVEYS_READ))
                .queryParam("customerId", inv.customer(0)).get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items[0].token", nullValue());
        given().header("Authorization", "Bearer " + InternalTokens.staff(CallerKind.AUDIENCE, Scopes.SURVEYS_READ, Scopes.SURVEYS_WRITE))
                .queryParam("customerId", inv.customer(0)).get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items[0].token", equalTo(token));
    }

    @Test
    void a_hidden_customer_named_in_the_list_filter_looks_like_an_unknown_one() {
        Invitations inv = invite(false);
        String hidden = partner().queryParam("customerId", inv.customer(0)).get("/api/v1/survey-invitations")
                .then().statusCode(200).extract().asString();
        String unknown = partner().queryParam("customerId", UUID.randomUUID().toString()).get("/api/v1/survey-invitations")
                .then().statusCode(200).extract().asString();
        assertThat(hidden).isEqualTo(unknown);
        // Upper case names the same customer, and is just as hidden.
        partner().queryParam("customerId", inv.customer(0).toUpperCase()).get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items", hasSize(0));
        given().queryParam("customerId", inv.customer(0).toUpperCase()).get("/api/v1/survey-invitations")
                .then().statusCode(200).body("items", hasSize(1));
        // Ids are read strictly: no trimming, no short forms that widen into another id.
        for (String odd : new String[]{" " + inv.customer(0), inv.customer(0) + " ", "1-1-1-1-1", inv.customer(0).replace("-", ""), " "}) {
            partner().queryParam("customerId", odd).get("/api/v1/survey-invitations").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("customerId"));
            given().queryParam("customerId", odd).get("/api/v1/survey-invitations").then().statusCode(400);
        }
    }

    @Test
    void the_answer_link_of_a_hidden_customer_answers_a_partner_like_an_unknown_token_and_does_nothing() {
        Invitations inv = invite(false, true);
        String hiddenToken = inv.tokens().get(0);
        String unknownToken = "A" + hiddenToken.substring(1).replace('A', 'B');

        Response hiddenRead = partner().get("/api/v1/survey-invitations/" + hiddenToken);
        Response unknownRead = partner().get("/api/v1/survey-invitations/" + unknownToken);
        assertSameProblem(hiddenRead, unknownRead, 404);

        Response hiddenAnswer = partner().contentType(ContentType.JSON).body(ANSWERS)
                .post("/api/v1/survey-invitations/" + hiddenToken + "/responses");
        Response unknownAnswer = partner().contentType(ContentType.JSON).body(ANSWERS)
                .post("/api/v1/survey-invitations/" + unknownToken + "/responses");
        assertSameProblem(hiddenAnswer, unknownAnswer, 404);
        // An invalid body is no way to learn more: still the unknown-token answer, not a validation error.
        assertSameProblem(partner().contentType(ContentType.JSON).body("{\"answers\":{\"recommend\":99}}")
                        .post("/api/v1/survey-invitations/" + hiddenToken + "/responses"),
                partner().contentType(ContentType.JSON).body("{\"answers\":{\"recommend\":99}}")
                        .post("/api/v1/survey-invitations/" + unknownToken + "/responses"), 404);

        // Nothing happened: the invitation is still open, no response, no event; the customer can still answer.
        assertThat(Fixtures.queryString("select status from invitation where id = '" + inv.ids().get(0) + "'")).isEqualTo("PENDING");
        assertThat(Fixtures.queryLong("select count(*) from survey_response where invitation_id = '" + inv.ids().get(0) + "'")).isZero();
        assertThat(Fixtures.surveyEventsNow("crm.survey.response.submitted.v1",
                d -> inv.customer(0).equals(d.path("customerId").asText()))).isEmpty();
        anonymous().get("/api/v1/survey-invitations/" + hiddenToken).then().statusCode(200);
        anonymous().contentType(ContentType.JSON).body(ANSWERS).post("/api/v1/survey-invitations/" + hiddenToken + "/responses")
                .then().statusCode(201);

        // The consenting customer's link works for the partner as for anyone.
        partner().get("/api/v1/survey-invitations/" + inv.tokens().get(1)).then().statusCode(200);
        partner().contentType(ContentType.JSON).body(ANSWERS).post("/api/v1/survey-invitations/" + inv.tokens().get(1) + "/responses")
                .then().statusCode(201);
        // Answered now: a hidden answered invitation is still unknown to the partner, not "already answered".
        assertSameProblem(partner().get("/api/v1/survey-invitations/" + hiddenToken), unknownRead, 404);
        partner().get("/api/v1/survey-invitations/" + inv.tokens().get(1)).then().statusCode(409);
    }

    @Test
    void consent_given_and_withdrawn_in_customer_service_shows_and_hides_the_customer() {
        Invitations inv = invite(false);
        String customer = inv.customer(0);
        String token = inv.tokens().getFirst();
        partner().queryParam("customerId", customer).get("/api/v1/survey-invitations").then().statusCode(200).body("items", hasSize(0));
        partner().get("/api/v1/survey-invitations/" + token).then().statusCode(404);

        Fixtures.changePartnerSharing(customer, true);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> partner().queryParam("customerId", customer)
                .get("/api/v1/survey-invitations").then().statusCode(200).body("items", hasSize(1)));
        partner().get("/api/v1/survey-invitations/" + token).then().statusCode(200);

        Fixtures.changePartnerSharing(customer, false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> partner().get("/api/v1/survey-invitations/" + token)
                .then().statusCode(404));
        partner().queryParam("customerId", customer).get("/api/v1/survey-invitations").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void erased_and_merged_away_customers_are_hidden_from_partners() {
        Invitations inv = invite(true, true);
        String erased = inv.customer(0);
        String source = inv.customer(1);
        TopicRecords.send("crm.customers", erased, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.erased.v1", erased, "{\"customerId\":\"" + erased + "\",\"erasedAt\":\"" + Instant.now() + "\"}"));
        // The target consents to nothing: the merged invitation moves to a customer partners may not see.
        String target = Fixtures.registerCustomerSharing(false);
        TopicRecords.send("crm.customers", target, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.merged.v1", target, "{\"sourceCustomerId\":\"" + source + "\",\"targetCustomerId\":\"" + target
                        + "\",\"mergedAt\":\"" + Instant.now() + "\"}"));
        Fixtures.barrier("crm.customers", erased);
        Fixtures.barrier("crm.customers", source);
        Fixtures.barrier("crm.customers", target);
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.queryLong(
                "select count(*) from invitation where customer_id = '" + target + "'") == 1);

        given().queryParam("surveyId", inv.survey()).get("/api/v1/survey-invitations").then().statusCode(200).body("items", hasSize(2));
        partner().queryParam("surveyId", inv.survey()).get("/api/v1/survey-invitations").then().statusCode(200).body("items", hasSize(0));
        partner().get("/api/v1/survey-invitations/" + inv.tokens().get(1)).then().statusCode(404)
                .body("type", equalTo("https://crmsuite.dev/problems/unknown-invitation"));
    }

    @Test
    void aggregates_over_every_customer_are_for_staff_only() {
        Invitations inv = invite(true);
        for (String path : new String[]{"/api/v1/analytics/satisfaction", "/api/v1/surveys/" + inv.survey() + "/results",
                "/api/v1/surveys/" + inv.survey() + "/questions/why/answers"}) {
            partner().get(path).then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("https://crmsuite.dev/problems/forbidden"));
            partner(Scopes.SURVEYS_READ).get(path).then().statusCode(403);
            given().header("Authorization", "Bearer " + InternalTokens.staff(CallerKind.AUDIENCE, Scopes.SURVEYS_READ))
                    .get(path).then().statusCode(200);
        }
        // The questionnaire itself names no customer: partners with the scope may read it.
        partner(Scopes.SURVEYS_READ).get("/api/v1/surveys/" + inv.survey()).then().statusCode(200);
    }

    /** Same status and the same problem, apart from the request id and the path (which holds the id or token asked for). */
    private static void assertSameProblem(Response hidden, Response unknown, int status) {
        hidden.then().statusCode(status).contentType("application/problem+json");
        unknown.then().statusCode(status).contentType("application/problem+json");
        JsonNode a = TopicRecords.parse(hidden.asString());
        JsonNode b = TopicRecords.parse(unknown.asString());
        for (String field : new String[]{"type", "title", "status", "detail", "errors"}) {
            assertThat(a.path(field)).as(field).isEqualTo(b.path(field));
        }
        List<String> names = new java.util.ArrayList<>();
        a.fieldNames().forEachRemaining(names::add);
        List<String> others = new java.util.ArrayList<>();
        b.fieldNames().forEachRemaining(others::add);
        assertThat(names).isEqualTo(others);
    }
}
