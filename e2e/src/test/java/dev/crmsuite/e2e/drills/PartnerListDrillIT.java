package dev.crmsuite.e2e.drills;

import dev.crmsuite.e2e.RunningSuite;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static dev.crmsuite.e2e.drills.Drills.issueKey;
import static dev.crmsuite.e2e.drills.Drills.register;
import static dev.crmsuite.e2e.drills.Drills.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Drill 7, API1:2023 on lists: a partner's customer list and search hold only customers who
 * consented to partner sharing (the single-customer paths already answer 404 for the others).
 * Ordinary partner calls, so they go through the validating proxy.
 */
@ExtendWith(RunningSuite.class)
class PartnerListDrillIT {

    static final String ADMIN = "drill7-list-admin";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void a_partners_list_and_search_never_return_a_customer_who_did_not_consent() {
        String consenting = register(ADMIN, "Drill Seven List Open", true);
        String privateCustomer = register(ADMIN, "Drill Seven List Private", false);
        String key = issueKey(ADMIN, "Drill 7 list dealer", List.of("customers:read"))[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                partner(key).get("/api/v1/customers/" + consenting).then().statusCode(200).body("id", equalTo(consenting)));
        assertThat(partner(key).queryParam("limit", 200).get("/api/v1/customers").then().statusCode(200).extract().asString())
                .doesNotContain(privateCustomer);
        assertThat(partner(key).queryParam("q", "Drill Seven List").get("/api/v1/customers").then().statusCode(200).extract().asString())
                .contains(consenting).doesNotContain(privateCustomer);
    }
}
