package dev.crmsuite.gateway.access;

import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

/**
 * The API key and webhook lists are keyset paginated like every list of the suite: {items, nextCursor},
 * no Link header. Following nextCursor gives every item once, in creation order.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class ListPagesTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification admin() {
        return given().header("Authorization", JwtKeys.bearer("admin-1", "admin"));
    }

    /** Ids of every item, following nextCursor from the first page of {@code path}; each page holds at most {@code limit}. */
    static List<String> walk(Supplier<RequestSpecification> as, String path, int limit, List<Integer> sizes) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as.get().queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(path).then().statusCode(200).header("Link", nullValue())
                    .body("$", hasKey("items")).body("$", hasKey("nextCursor")).extract();
            List<String> got = page.path("items.id");
            assertThat(got.size()).isBetween(1, limit);
            ids.addAll(got);
            sizes.add(got.size());
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void api_key_pages_have_no_overlap_and_no_gap() {
        for (int i = 0; i < 3; i++) {
            admin().contentType(ContentType.JSON).body("{\"partner\":\"Paged " + i + "\",\"scopes\":[\"customers:read\"],\"requestsPerMinute\":10}")
                    .post("/api/v1/admin/api-keys").then().statusCode(201);
        }
        List<String> whole = admin().queryParam("limit", 200).get("/api/v1/admin/api-keys").then().statusCode(200)
                .extract().path("items.id");
        assertThat(whole).hasSizeGreaterThanOrEqualTo(3).hasSizeLessThan(200);
        List<Integer> sizes = new ArrayList<>();
        assertThat(walk(ListPagesTest::admin, "/api/v1/admin/api-keys", 2, sizes)).isEqualTo(whole);
        assertThat(sizes).hasSize((whole.size() + 1) / 2);

        admin().queryParam("cursor", "bm90IGEgY3Vyc29y").get("/api/v1/admin/api-keys").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        admin().queryParam("limit", 0).get("/api/v1/admin/api-keys").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
    }

    @Test
    void webhook_pages_have_no_overlap_and_no_gap() {
        String key = admin().contentType(ContentType.JSON)
                .body("{\"partner\":\"Many hooks\",\"scopes\":[\"webhooks:manage\"],\"requestsPerMinute\":1000}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("apiKey");
        Supplier<RequestSpecification> partner = () -> given().header("X-API-Key", key);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(partner.get().contentType(ContentType.JSON)
                    .body("{\"url\":\"http://127.0.0.1:9/hook-" + i + "\",\"eventTypes\":[\"crm.paging-test.v1\"]}")
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id"));
        }
        List<Integer> sizes = new ArrayList<>();
        List<String> whole = partner.get().queryParam("limit", 200).get("/api/v1/webhooks").then().statusCode(200)
                .extract().path("items.id");
        assertThat(whole).containsExactlyInAnyOrderElementsOf(created); // only this partner's, and all of them
        assertThat(walk(partner, "/api/v1/webhooks", 2, sizes)).isEqualTo(whole);
        assertThat(sizes).containsExactly(2, 2, 1);
        partner.get().queryParam("cursor", "%%%").get("/api/v1/webhooks").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        created.forEach(id -> partner.get().delete("/api/v1/webhooks/" + id).then().statusCode(204));
    }
}
