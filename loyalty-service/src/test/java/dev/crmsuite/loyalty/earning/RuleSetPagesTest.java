package dev.crmsuite.loyalty.earning;

import dev.crmsuite.platform.testing.AtOnce;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * The list of rule versions is keyset paginated in the suite's one list shape, {items, nextCursor} (issue 16 item 27:
 * it was a bare array with a Link header, the only loyalty list that differed from what the README describes).
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class RuleSetPagesTest {

    @Test
    void following_next_cursor_reads_every_version_once_newest_first() {
        // Two versions that take over far in the future: they make the list longer without changing
        // the rules other tests price purchases with.
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body("{\"rules\":{\"pointsPerUnit\":1,\"minimumPurchase\":0},"
                    + "\"effectiveFrom\":\"2100-01-0" + (i + 1) + "T00:00:00Z\",\"note\":\"paging test\"}")
                    .post(BASE + "/rules").then().statusCode(201);
        }
        Response full = given().queryParam("limit", 200).get(BASE + "/rules").then().statusCode(200)
                .body("nextCursor", nullValue()).extract().response();
        assertThat(full.header("Link")).isNull();
        List<Integer> all = full.jsonPath().getList("items.version", Integer.class);
        assertThat(all).hasSizeGreaterThanOrEqualTo(3);

        List<Integer> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(BASE + "/rules").then().statusCode(200).extract().response();
            List<Integer> versions = page.jsonPath().getList("items.version", Integer.class);
            assertThat(versions).hasSizeBetween(1, 2);
            assertThat(page.header("Link")).isNull();
            walked.addAll(versions);
            pages++;
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        // No overlap, no gap: the pages together are exactly the full list, in the same order.
        assertThat(walked).isEqualTo(all);
        assertThat(pages).isEqualTo((all.size() + 1) / 2);
        assertThat(walked).isSortedAccordingTo((a, b) -> b - a);
    }

    @Test
    void a_bad_cursor_or_limit_is_a_400_problem() {
        given().queryParam("cursor", "not-a-cursor").get(BASE + "/rules").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("cursor"));
        given().queryParam("limit", 0).get(BASE + "/rules").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("limit"));
        given().queryParam("limit", 201).get(BASE + "/rules").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("limit"));
    }

    @Test
    void versions_published_at_the_same_time_each_get_their_own_number() throws Exception {
        // Publishers at once deadlocked (503) when each first inserted the initial version and then
        // upgraded to the table lock. Far-future versions, so other tests' prices do not change.
        List<Response> answers = AtOnce.run(6, i -> given().contentType(ContentType.JSON)
                .body("{\"rules\":{\"pointsPerUnit\":1,\"minimumPurchase\":0},\"effectiveFrom\":\"2101-01-0" + (i + 1)
                        + "T00:00:00Z\",\"note\":\"published at once\"}")
                .post(BASE + "/rules").then().extract().response());
        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers).extracting(r -> r.path("version")).doesNotHaveDuplicates();
    }
}
