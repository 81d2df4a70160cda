package dev.crmsuite.customer.referral;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.AtOnce;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.crmsuite.customer.support.Api.purchase;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Referrals: who brought whom, and the referral revenue in the referrer's lifetime value. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ReferralTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static io.restassured.response.ValidatableResponse refer(String referrer, String referred) {
        return given().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + referred + "\",\"note\":\"neighbour\"}")
                .post("/api/v1/customers/" + referrer + "/referrals").then();
    }

    @Test
    void referral_revenue_feeds_the_referrers_lifetime_value() {
        String referrer = Api.register();
        String referred = Api.register();
        purchase(referrer, "OWN-1", "4500.00", false, null);
        refer(referrer, referred).statusCode(201).body("referrerId", equalTo(referrer)).body("referredId", equalTo(referred));
        purchase(referred, "REF-1", "5000.00", false, null);

        given().get("/api/v1/customers/" + referrer).then()
                .body("value.lifetimeValue.annualOwnRevenue", equalTo(4500.00f))
                .body("value.lifetimeValue.annualReferralRevenue", equalTo(5000.00f))
                .body("value.lifetimeValue.value", equalTo(95000.00f))
                .body("value.lifetimeValue.formula", equalTo("(4500.00 + 5000.00) x 10"));
        given().get("/api/v1/customers/" + referrer + "/referrals").then().statusCode(200)
                .body("referred.referredId", contains(referred))
                .body("annualReferralRevenue", equalTo(5000.00f));
        given().get("/api/v1/customers/" + referred + "/referrals").then().body("referredBy.referrerId", equalTo(referrer));

        List<JsonNode> recorded = Api.events(referrer, "crm.referral.recorded.v1", 1);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.getFirst().get("referredId").asText()).isEqualTo(referred);
        assertThat(recorded.getFirst().get("recordedAt").asText()).isNotBlank();
    }

    @Test
    void bad_referrals_are_refused_naming_the_field() {
        String a = Api.register();
        String b = Api.register();
        refer(a, a).statusCode(422).body("errors.field", hasItem("referredCustomerId"));
        refer(a, UUID.randomUUID().toString()).statusCode(422).body("errors.field", hasItem("referredCustomerId"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/customers/" + a + "/referrals").then()
                .statusCode(400).body("errors.field", hasItem("referredCustomerId"));
        given().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"nope\"}").post("/api/v1/customers/" + a + "/referrals").then()
                .statusCode(400).body("errors.field", hasItem("referredCustomerId"));
        refer(a, b).statusCode(201);
        refer(Api.register(), b).statusCode(409).body("referrerId", equalTo(a));
        refer(b, a).statusCode(422);
        refer(UUID.randomUUID().toString(), b).statusCode(404);
    }

    @Test
    void a_referral_can_never_close_a_circle_not_even_two_sent_at_once() throws Exception {
        // Down a chain: A brought B, B brought C; C cannot have brought A.
        String a = Api.register();
        String b = Api.register();
        String c = Api.register();
        refer(a, b).statusCode(201);
        refer(b, c).statusCode(201);
        refer(c, a).statusCode(422).body("type", equalTo("https://crmsuite.dev/problems/referral-cycle"));
        // At once, each the other's referrer: one is recorded, the other is the circle.
        for (int round = 0; round < 5; round++) {
            String x = Api.register();
            String y = Api.register();
            List<Integer> statuses = AtOnce.run(2, i -> refer(i == 0 ? x : y, i == 0 ? y : x).extract().statusCode());
            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(201, 422);
        }
    }
}
