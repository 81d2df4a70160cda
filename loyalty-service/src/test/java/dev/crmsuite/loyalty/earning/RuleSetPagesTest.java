package dev.crmsuite.loyalty.earning;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/** The list of rule versions is keyset paginated: an array body (as in v1) and a Link rel="next" header. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class RuleSetPagesTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void following_the_next_links_reads_every_version_once_newest_first() {
        // Two versions that take over far in the future: they make the list longer without changing
        // the rules other tests price purchases with.
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body("{\"rules\":{\"pointsPerUnit\":1,\"minimumPurchase\":0},"
                    + "\"effectiveFrom\":\"2100-01-0" + (i + 1) + "T00:00:00Z\",\"note\":\"paging test\"}")
                    .post(BASE + "/rules").then().statusCode(201);
        }
        List<Integer> all = given().queryParam("limit", 200).get(BASE + "/rules").then().statusCode(200)
                .extract().jsonPath().getList("version", Integer.class);
        assertThat(all).hasSizeGreaterThanOrEqualTo(3);

        List<Integer> walked = new ArrayList<>();
        String next = BASE + "/rules?limit=2";
        int pages = 0;
        while (next != null) {
            Response page = given().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().response();
            List<Integer> versions = page.jsonPath().getList("version", Integer.class);
            assertThat(versions).hasSizeBetween(1, 2);
            walked.addAll(versions);
            pages++;
            String link = page.header("Link");
            if (link == null) {
                next = null;
            } else {
                Matcher m = NEXT.matcher(link);
                assertThat(m.find()).as("Link header %s", link).isTrue();
                next = m.group(1);
                assertThat(next).startsWith(BASE + "/rules?").contains("limit=2").contains("cursor=");
            }
        }
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
}
