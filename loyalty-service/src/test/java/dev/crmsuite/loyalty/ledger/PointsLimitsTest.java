package dev.crmsuite.loyalty.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.loyalty.support.Loyalty;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Issue 16 item 1: every points input has a business maximum and no sum ever wraps or answers 500. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class PointsLimitsTest {

    @Test
    void a_bonus_of_long_max_on_a_balance_of_one_is_400_naming_points_and_changes_nothing() {
        String customer = Loyalty.member();
        Loyalty.bonus(customer, 1);
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"BONUS\",\"points\":9223372036854775807,\"reason\":\"overflow\"}")
                .post(BASE + "/accounts/" + customer + "/adjustments")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("points"));
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"ADJUST\",\"points\":-9223372036854775808,\"reason\":\"underflow\"}")
                .post(BASE + "/accounts/" + customer + "/adjustments")
                .then().statusCode(400).body("errors.field", hasItem("points"));
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"BONUS\",\"points\":" + (PointsLimits.MAX_POINTS + 1) + ",\"reason\":\"just over\"}")
                .post(BASE + "/accounts/" + customer + "/adjustments")
                .then().statusCode(400).body("errors.field", hasItem("points"));
        given().get(BASE + "/accounts/" + customer).then().statusCode(200).body("balance", equalTo(1));
        assertThat(Loyalty.ledgerSum(customer)).isEqualTo(1);
        long liability = given().get(BASE + "/analytics").then().statusCode(200)
                .extract().jsonPath().getLong("liability.points");
        assertThat(liability).isPositive();
    }

    @Test
    void a_credit_beyond_the_balance_maximum_is_409_and_never_wraps() throws Exception {
        String customer = Loyalty.member();
        Loyalty.bonus(customer, 10);
        setBalance(customer, PointsLimits.MAX_BALANCE - 5);
        given().contentType(ContentType.JSON).body("{\"kind\":\"BONUS\",\"points\":10,\"reason\":\"over the top\"}")
                .post(BASE + "/accounts/" + customer + "/adjustments")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/balance-limit"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"BONUS\",\"points\":5,\"reason\":\"to the top\"}")
                .post(BASE + "/accounts/" + customer + "/adjustments")
                .then().statusCode(201).body("balanceAfter", equalTo(PointsLimits.MAX_BALANCE));
        long liability = given().get(BASE + "/analytics").then().statusCode(200)
                .extract().jsonPath().getLong("liability.points");
        assertThat(liability).isGreaterThanOrEqualTo(PointsLimits.MAX_BALANCE);
        setBalance(customer, 10);
    }

    @Test
    void a_reward_costing_long_max_is_refused_and_a_costly_reward_times_two_is_409_not_500() {
        given().contentType(ContentType.JSON).body("{\"name\":\"Moon\",\"pointsCost\":9223372036854775807}")
                .post(BASE + "/rewards").then().statusCode(400).body("errors.field", hasItem("pointsCost"));
        String reward = given().contentType(ContentType.JSON)
                .body("{\"name\":\"Island\",\"pointsCost\":" + PointsLimits.MAX_POINTS + "}")
                .post(BASE + "/rewards").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"pointsCost\":9223372036854775807}")
                .patch(BASE + "/rewards/" + reward).then().statusCode(400).body("errors.field", hasItem("pointsCost"));
        String customer = Loyalty.member();
        Loyalty.bonus(customer, 100);
        given().contentType(ContentType.JSON).body("{\"rewardId\":\"" + reward + "\",\"quantity\":2}")
                .post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"rewardId\":\"" + reward + "\",\"quantity\":2147483647}")
                .post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(400).body("errors.field", hasItem("quantity"));
        given().contentType(ContentType.JSON).body("{\"points\":9223372036854775807}")
                .post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(400).body("errors.field", hasItem("points"));
        given().contentType(ContentType.JSON).body("{\"amount\":1e30}")
                .post(BASE + "/rules/simulate").then().statusCode(400).body("errors.field", hasItem("amount"));
        given().get(BASE + "/accounts/" + customer).then().body("balance", equalTo(100));
    }

    @Test
    void the_document_states_every_maximum() throws Exception {
        JsonNode schemas = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString()).path("components").path("schemas");
        assertThat(schemas.at("/Adjustment/properties/points/maximum").asLong()).isEqualTo(PointsLimits.MAX_POINTS);
        assertThat(schemas.at("/Adjustment/properties/points/minimum").asLong()).isEqualTo(-PointsLimits.MAX_POINTS);
        assertThat(schemas.at("/NewReward/properties/pointsCost/maximum").asLong()).isEqualTo(PointsLimits.MAX_POINTS);
        assertThat(schemas.at("/RewardChange/properties/pointsCost/maximum").asLong()).isEqualTo(PointsLimits.MAX_POINTS);
        assertThat(schemas.at("/RedemptionRequest/properties/quantity/maximum").asInt()).isEqualTo(PointsLimits.MAX_QUANTITY);
        assertThat(schemas.at("/RedemptionRequest/properties/points/maximum").asLong()).isEqualTo(PointsLimits.MAX_POINTS);
        assertThat(schemas.at("/NewVoucher/properties/value/maximum").isMissingNode()).isFalse();
        assertThat(schemas.at("/SimulationRequest/properties/amount/maximum").isMissingNode()).isFalse();
        assertThat(schemas.at("/RuleDefinition/properties/pointsPerUnit/maximum").isMissingNode()).isFalse();
    }

    private static void setBalance(String customer, long balance) throws Exception {
        try (Connection c = PostgresDatabase.connect();
             PreparedStatement s = c.prepareStatement("update loyalty_account set balance = ? where customer_id = ?")) {
            s.setLong(1, balance);
            s.setObject(2, UUID.fromString(customer));
            s.executeUpdate();
        }
    }
}
