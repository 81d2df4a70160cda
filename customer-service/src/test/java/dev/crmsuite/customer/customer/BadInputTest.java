package dev.crmsuite.customer.customer;

import dev.crmsuite.customer.support.Api;
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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Paging parameters and unknown ids on every list and sub-resource: 400 naming the parameter, 404 for the unknown. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class BadInputTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void paging_parameters_are_checked_on_every_list() {
        String id = Api.register();
        for (String path : List.of("/history", "/purchases", "/touchpoints", "/timeline", "/follow-ups")) {
            given().queryParam("limit", 0).get("/api/v1/customers/" + id + path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("limit"));
            given().queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/customers/" + id + path).then().statusCode(400)
                    .body("errors.field", hasItem("cursor"));
        }
        given().queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/follow-ups").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
    }

    @Test
    void unknown_customers_are_404_on_every_sub_resource() {
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("", "/history", "/purchases", "/touchpoints", "/timeline", "/follow-ups", "/referrals", "/export")) {
            given().get("/api/v1/customers/" + unknown + path).then().statusCode(404).contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body("{\"stage\":\"TRUSTING\",\"reason\":\"x\"}").put("/api/v1/customers/" + unknown + "/stage")
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"keyAccount\":false}").put("/api/v1/customers/" + unknown + "/segmentation")
                .then().statusCode(404);
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{}").patch("/api/v1/customers/" + unknown)
                .then().statusCode(404);
        given().get("/api/v1/customers/not-a-uuid").then().statusCode(404);
    }

    @Test
    void ids_are_read_in_their_canonical_form_only() {
        String referrer = Api.register();
        String referred = Api.register();
        // In a body: no trimming, no short groups, no other encodings; 400 naming the field, nothing recorded.
        for (String spelling : List.of(" " + referred, referred + " ", "1-1-1-1-1", referred.replace("-", ""),
                java.util.Base64.getEncoder().encodeToString(new byte[16]))) {
            given().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + spelling + "\"}")
                    .post("/api/v1/customers/" + referrer + "/referrals").then().statusCode(400)
                    .body("errors.field", hasItem("referredCustomerId"));
        }
        given().get("/api/v1/customers/" + referrer + "/referrals").then().body("referred.size()", equalTo(0));
        // In a path: another spelling names no customer (the router's 404, not a lookup of the id it would parse to).
        given().get("/api/v1/customers/1-1-1-1-1").then().statusCode(404)
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("00000001-0001")));
        given().get("/api/v1/customers/" + referrer.toUpperCase()).then().statusCode(200).body("id", equalTo(referrer));
    }

    @Test
    void a_merged_id_redirects_on_sub_resources_too() {
        String source = Api.register();
        String target = Api.register();
        given().contentType(ContentType.JSON).body("{\"targetCustomerId\":\"" + target + "\"}").post("/api/v1/customers/" + source + "/merge")
                .then().statusCode(200);
        for (String path : List.of("/timeline", "/history", "/touchpoints", "/follow-ups", "/referrals", "/export")) {
            given().redirects().follow(false).get("/api/v1/customers/" + source + path).then().statusCode(308)
                    .header("Location", endsWith("/api/v1/customers/" + target + path))
                    .body("survivingCustomerId", equalTo(target));
        }
    }
}
