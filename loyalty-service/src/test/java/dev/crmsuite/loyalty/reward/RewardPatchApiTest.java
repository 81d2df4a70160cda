package dev.crmsuite.loyalty.reward;

import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 16 item 26: PATCH /rewards/{id} follows the suite's one rule for partial updates, JSON Merge Patch sent as
 * application/merge-patch+json or application/json (it accepted only application/json and read null as "unchanged").
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class RewardPatchApiTest {

    static final String MERGE_PATCH = "application/merge-patch+json";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String reward() {
        return given().contentType(ContentType.JSON)
                .body("{\"name\":\"Cinema voucher\",\"description\":\"Valid in all partner cinemas\",\"pointsCost\":1500,\"stock\":10}")
                .post(BASE + "/rewards").then().statusCode(201).extract().path("id");
    }

    static String etag(String reward) {
        return given().get(BASE + "/rewards/" + reward).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void a_merge_patch_replaces_present_members_and_null_removes_optional_ones() {
        String reward = reward();
        given().contentType(MERGE_PATCH).header("If-Match", etag(reward))
                .body("{\"description\":null,\"stock\":null,\"pointsCost\":1800}")
                .patch(BASE + "/rewards/" + reward).then().statusCode(200)
                .body("description", nullValue()).body("stock", nullValue()).body("pointsCost", equalTo(1800))
                .body("name", equalTo("Cinema voucher")).body("active", equalTo(true));
        given().get(BASE + "/rewards/" + reward).then()
                .body("description", nullValue()).body("stock", nullValue()).body("pointsCost", equalTo(1800));
    }

    @Test
    void the_same_patch_is_accepted_as_application_json() {
        String reward = reward();
        given().contentType(ContentType.JSON).header("If-Match", etag(reward)).body("{\"name\":\"Cinema for two\",\"stock\":null}")
                .patch(BASE + "/rewards/" + reward).then().statusCode(200)
                .body("name", equalTo("Cinema for two")).body("stock", nullValue())
                .body("description", equalTo("Valid in all partner cinemas")).body("pointsCost", equalTo(1500));
    }

    @Test
    void null_for_a_required_member_or_a_wrong_type_is_a_400_naming_the_field() {
        String reward = reward();
        String etag = etag(reward);
        for (String media : new String[] {MERGE_PATCH, "application/json"}) {
            given().contentType(media).header("If-Match", etag).body("{\"name\":null}").patch(BASE + "/rewards/" + reward)
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
            given().contentType(media).header("If-Match", etag).body("{\"pointsCost\":null}").patch(BASE + "/rewards/" + reward)
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("pointsCost"));
            given().contentType(media).header("If-Match", etag).body("{\"pointsCost\":\"1800\"}").patch(BASE + "/rewards/" + reward)
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("pointsCost"));
            given().contentType(media).header("If-Match", etag).body("{\"name\":42}").patch(BASE + "/rewards/" + reward)
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
            given().contentType(media).header("If-Match", etag).body("{\"stock\":-1}").patch(BASE + "/rewards/" + reward)
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("stock"));
            given().contentType(media).header("If-Match", etag).body("[]").patch(BASE + "/rewards/" + reward)
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("body"));
            given().contentType(media).header("If-Match", etag).body("{\"name\":").patch(BASE + "/rewards/" + reward)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        // Nothing of the refused patches was applied.
        given().get(BASE + "/rewards/" + reward).then().header("ETag", equalTo(etag))
                .body("name", equalTo("Cinema voucher")).body("pointsCost", equalTo(1500)).body("stock", equalTo(10));
    }

    @Test
    void another_media_type_is_a_415_naming_what_is_accepted() {
        String reward = reward();
        given().contentType(ContentType.TEXT).header("If-Match", etag(reward)).body("stock=5")
                .patch(BASE + "/rewards/" + reward).then().statusCode(415).contentType("application/problem+json")
                .body("detail", allOf(containsString("application/merge-patch+json"), containsString("application/json")));
    }

    @Test
    void without_if_match_it_is_a_428() {
        String reward = reward();
        given().contentType(MERGE_PATCH).body("{\"stock\":5}").patch(BASE + "/rewards/" + reward)
                .then().statusCode(428).contentType("application/problem+json");
    }
}
