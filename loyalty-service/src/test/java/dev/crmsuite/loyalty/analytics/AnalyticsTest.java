package dev.crmsuite.loyalty.analytics;

import dev.crmsuite.loyalty.support.Loyalty;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/** Analytics move by exactly what a member does (figures are read before and after). */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AnalyticsTest {

    @Inject
    ControllableClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    JsonPath analytics() {
        return given().queryParam("from", clock.instant().minus(Duration.ofDays(1)).toString())
                .queryParam("to", clock.instant().plus(Duration.ofDays(1)).toString())
                .queryParam("period", "DAY")
                .get(BASE + "/analytics").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void liability_flows_and_members_per_tier_reflect_the_ledger() {
        JsonPath before = analytics();
        String customer = Loyalty.member();
        Loyalty.bonus(customer, 1_000);
        given().contentType(ContentType.JSON).body("{\"points\":400}").post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(201);
        JsonPath after = analytics();

        assertThat(after.getLong("liability.points") - before.getLong("liability.points")).isEqualTo(600);
        assertThat(after.getLong("total.earned") - before.getLong("total.earned")).isEqualTo(1_000);
        assertThat(after.getLong("total.redeemed") - before.getLong("total.redeemed")).isEqualTo(400);
        assertThat(after.getLong("membersPerTier.MEMBER") - before.getLong("membersPerTier.MEMBER")).isEqualTo(1);
        assertThat(after.getDouble("redemptionRate")).isBetween(0.0, 1.0);
        assertThat(after.getList("periods")).isNotEmpty();
        assertThat(after.getString("liability.currency")).isEqualTo("CNY");
    }

    @Test
    void bad_dates_are_400_naming_the_parameter() {
        given().queryParam("from", "yesterday").get(BASE + "/analytics").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        given().queryParam("period", "YEAR").get(BASE + "/analytics").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("period"));
    }
}
