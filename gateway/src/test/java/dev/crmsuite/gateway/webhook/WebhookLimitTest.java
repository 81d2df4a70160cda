package dev.crmsuite.gateway.webhook;

import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.AtOnce;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * One caller holds a bounded number of subscriptions: every event is offered to every matching one,
 * so an unbounded number would let one partner multiply the suite's deliveries.
 */
@QuarkusTest
@TestProfile(WebhookLimitTest.ThreePerOwner.class)
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class WebhookLimitTest {

    public static class ThreePerOwner implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.gateway.webhooks.max-subscriptions-per-owner", "3");
        }
    }

    static Supplier<RequestSpecification> partner(String name) {
        String key = given().header("Authorization", Credentials.admin()).contentType(ContentType.JSON)
                .body("{\"partner\":\"" + name + "\",\"scopes\":[\"webhooks:manage\"],\"requestsPerMinute\":1000}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("apiKey");
        return () -> given().header("X-API-Key", key);
    }

    static int subscribe(Supplier<RequestSpecification> as, int i) {
        return as.get().contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/limit-" + i + "\",\"eventTypes\":[\"crm.limit-test.v1\"]}")
                .post("/api/v1/webhooks").then().extract().statusCode();
    }

    @Test
    void past_the_limit_a_subscription_is_409_until_one_is_deleted() {
        var partner = partner("Hook collector");
        for (int i = 0; i < 3; i++) {
            assertThat(subscribe(partner, i)).isEqualTo(201);
        }
        partner.get().contentType(ContentType.JSON).body("{\"url\":\"http://127.0.0.1:9/limit-x\",\"eventTypes\":[\"crm.limit-test.v1\"]}")
                .post("/api/v1/webhooks").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/too-many-subscriptions"));
        // Another caller has room of its own.
        assertThat(subscribe(partner("Someone else"), 0)).isEqualTo(201);
        String first = partner.get().get("/api/v1/webhooks").then().statusCode(200).extract().path("items[0].id");
        partner.get().delete("/api/v1/webhooks/" + first).then().statusCode(204);
        assertThat(subscribe(partner, 9)).isEqualTo(201);
    }

    @Test
    void creates_sent_at_once_never_pass_the_limit() throws Exception {
        var partner = partner("Hook flood");
        List<Integer> statuses = AtOnce.run(8, i -> subscribe(partner, i));
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(3);
        List<String> held = partner.get().queryParam("limit", 200).get("/api/v1/webhooks").then().statusCode(200).extract().path("items.id");
        assertThat(held).hasSize(3);
    }
}
