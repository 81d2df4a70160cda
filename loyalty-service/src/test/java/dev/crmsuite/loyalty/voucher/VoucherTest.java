package dev.crmsuite.loyalty.voucher;

import dev.crmsuite.loyalty.support.Loyalty;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Vouchers: issue, redeem once (the second is 409), cancel, batches, bad input. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class VoucherTest {

    @Inject
    ControllableClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    String until(Duration fromNow) {
        return clock.instant().plus(fromNow).toString();
    }

    @Test
    void a_voucher_redeems_once_and_the_second_use_is_409() {
        String customer = Loyalty.member();
        String code = given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"kind\":\"VALUE\",\"value\":10.00,\"validUntil\":\"" + until(Duration.ofDays(30)) + "\"}")
                .post(BASE + "/vouchers").then().statusCode(201)
                .body("status", equalTo("ISSUED")).body("currency", equalTo("CNY"))
                .extract().path("code");
        given().contentType(ContentType.JSON).body("{\"customerId\":\"" + UUID.randomUUID() + "\"}")
                .post(BASE + "/vouchers/" + code + "/redemption").then().statusCode(422).body("errors.field", hasItem("customerId"));
        given().contentType(ContentType.JSON).body("{\"customerId\":\"" + customer + "\",\"orderRef\":\"o-1\"}")
                .post(BASE + "/vouchers/" + code.toLowerCase() + "/redemption").then().statusCode(200)
                .body("status", equalTo("REDEEMED")).body("orderRef", equalTo("o-1"));
        given().contentType(ContentType.JSON).body("{\"customerId\":\"" + customer + "\"}")
                .post(BASE + "/vouchers/" + code + "/redemption").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/voucher-already-redeemed"));
        given().contentType(ContentType.JSON).body("{}").post(BASE + "/vouchers/" + code + "/cancellation").then().statusCode(409);
        given().queryParam("customerId", customer).get(BASE + "/vouchers").then().statusCode(200).body("items.code", hasItem(code));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> types = TopicRecords.eventsFor("crm.loyalty", customer).stream().map(e -> e.get("type").asText()).toList();
            assertThat(types).contains("crm.voucher.issued.v1", "crm.voucher.redeemed.v1");
        });
    }

    @Test
    void a_cancelled_voucher_cannot_be_redeemed() {
        String code = given().contentType(ContentType.JSON)
                .body("{\"kind\":\"PERCENTAGE\",\"value\":15,\"validUntil\":\"" + until(Duration.ofDays(5)) + "\"}")
                .post(BASE + "/vouchers").then().statusCode(201).extract().path("code");
        given().contentType(ContentType.JSON).body("{\"reason\":\"issued by mistake\"}")
                .post(BASE + "/vouchers/" + code + "/cancellation").then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().contentType(ContentType.JSON).body("{}").post(BASE + "/vouchers/" + code + "/redemption")
                .then().statusCode(409).body("type", equalTo("https://crmsuite.dev/problems/voucher-cancelled"));
    }

    @Test
    void a_voucher_outside_its_validity_dates_is_refused() {
        String code = given().contentType(ContentType.JSON)
                .body("{\"kind\":\"VALUE\",\"value\":5,\"validFrom\":\"" + until(Duration.ofDays(2)) + "\",\"validUntil\":\""
                        + until(Duration.ofDays(3)) + "\"}")
                .post(BASE + "/vouchers").then().statusCode(201).extract().path("code");
        given().contentType(ContentType.JSON).body("{}").post(BASE + "/vouchers/" + code + "/redemption")
                .then().statusCode(422).body("type", equalTo("https://crmsuite.dev/problems/voucher-not-valid-now"));
        given().get(BASE + "/vouchers/" + code).then().statusCode(200).body("status", equalTo("ISSUED"));
    }

    @Test
    void a_batch_issues_distinct_unassigned_codes() {
        var batch = given().contentType(ContentType.JSON)
                .body("{\"count\":25,\"kind\":\"VALUE\",\"value\":2.50,\"validUntil\":\"" + until(Duration.ofDays(60)) + "\"}")
                .post(BASE + "/vouchers/batches").then().statusCode(201).body("count", equalTo(25)).extract().jsonPath();
        List<String> codes = batch.getList("vouchers.code");
        assertThat(codes).hasSize(25).doesNotHaveDuplicates();
        given().queryParam("batchId", batch.getString("batchId")).queryParam("limit", 200).get(BASE + "/vouchers")
                .then().statusCode(200).body("items.size()", equalTo(25));
        given().contentType(ContentType.JSON).body("{}").post(BASE + "/vouchers/" + codes.getFirst() + "/redemption")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("{}").post(BASE + "/vouchers/" + codes.getFirst() + "/redemption")
                .then().statusCode(409);
    }

    @Test
    void bad_voucher_input_names_the_field() {
        given().contentType(ContentType.JSON).body("{\"kind\":\"VALUE\",\"value\":0,\"validUntil\":\"" + until(Duration.ofDays(1)) + "\"}")
                .post(BASE + "/vouchers").then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("value"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"PERCENTAGE\",\"value\":120,\"validUntil\":\"" + until(Duration.ofDays(1)) + "\"}")
                .post(BASE + "/vouchers").then().statusCode(400).body("errors.field", hasItem("value"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"VALUE\",\"value\":5,\"validUntil\":\"" + Instant.parse("2000-01-01T00:00:00Z") + "\"}")
                .post(BASE + "/vouchers").then().statusCode(400).body("errors.field", hasItem("validUntil"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"GIFT\",\"value\":5,\"validUntil\":\"" + until(Duration.ofDays(1)) + "\"}")
                .post(BASE + "/vouchers").then().statusCode(400).body("errors.field", hasItem("kind"));
        given().contentType(ContentType.JSON).body("{\"count\":0,\"kind\":\"VALUE\",\"value\":5,\"validUntil\":\"" + until(Duration.ofDays(1)) + "\"}")
                .post(BASE + "/vouchers/batches").then().statusCode(400).body("errors.field", hasItem("count"));
        given().contentType(ContentType.JSON).body("{}").post(BASE + "/vouchers/NOSUCHCODE/redemption").then().statusCode(404);
    }

    /** Issue 16 item 5: an expired voucher showed ISSUED; a bound voucher without customerId blamed "another customer". */
    @Test
    void an_expired_voucher_shows_expired_and_a_bound_one_asks_for_its_customer() {
        String customer = Loyalty.member();
        String code = given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"kind\":\"VALUE\",\"value\":5,\"validUntil\":\"" + until(Duration.ofDays(1)) + "\"}")
                .post(BASE + "/vouchers").then().statusCode(201).body("status", equalTo("ISSUED")).extract().path("code");
        given().contentType(ContentType.JSON).body("{}").post(BASE + "/vouchers/" + code + "/redemption")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/voucher-customer-required"))
                .body("detail", org.hamcrest.Matchers.containsString("bound to a customer"))
                .body("detail", org.hamcrest.Matchers.containsString("customerId is required"))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("another customer")))
                .body("errors.field", hasItem("customerId"));
        ControllableClock.advance(Duration.ofDays(2));
        try {
            given().get(BASE + "/vouchers/" + code).then().statusCode(200).body("status", equalTo("EXPIRED"));
            given().queryParam("customerId", customer).get(BASE + "/vouchers").then().statusCode(200)
                    .body("items.find { it.code == '" + code + "' }.status", equalTo("EXPIRED"));
            given().contentType(ContentType.JSON).body("{\"customerId\":\"" + customer + "\"}")
                    .post(BASE + "/vouchers/" + code + "/redemption")
                    .then().statusCode(422).body("type", equalTo("https://crmsuite.dev/problems/voucher-not-valid-now"));
        } finally {
            ControllableClock.reset();
        }
    }
}
