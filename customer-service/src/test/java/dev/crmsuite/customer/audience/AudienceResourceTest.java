package dev.crmsuite.customer.audience;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The audience API: saving, reading, listing, changing (merge patch with If-Match), deleting and
 * previewing; every kind of caller; and odd inputs, each answered with problem+json, never 500.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AudienceResourceTest {

    static final String PROBLEM = "application/problem+json";
    static final String AUD = Api.AUDIENCE;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static ExtractableResponse<Response> create(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/audiences").then().statusCode(201).extract();
    }

    static String createId(String filter) {
        return create("{\"name\":\"" + Api.unique("Audience") + "\",\"filter\":" + filter + "}").path("id");
    }

    static String etag(String id) {
        return given().get("/api/v1/audiences/" + id).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void an_audience_is_saved_read_listed_changed_and_deleted() {
        String name = Api.unique("Lapsed gold");
        var created = given().contentType(ContentType.JSON).header("Authorization", Api.staffActing("zhang.min"))
                .body("{\"name\":\"  " + name + " \",\"description\":\"bought last year, not lately\",\"filter\":{\"loyaltyTiers\":[\"GOLD\"],"
                        + "\"tags\":{\"anyOf\":[\"Golf\",\"golf\"]},\"lastPurchase\":{\"after\":\"2030-04-01T00:00:00Z\",\"noneInLastDays\":90},"
                        + "\"lifetimeValue\":{\"min\":10000.00}}}")
                .post("/api/v1/audiences").then().statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("name", equalTo(name))
                .body("createdBy", equalTo("zhang.min"))
                .body("filter.tags.anyOf", equalTo(List.of("golf")))
                .body("filter.loyaltyTiers", equalTo(List.of("GOLD")))
                .body("filter.lastPurchase.noneInLastDays", equalTo(90))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/audiences/" + id);

        given().get("/api/v1/audiences/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("description", equalTo("bought last year, not lately"))
                .body("filter.lifetimeValue.min", equalTo(10000.00f));
        given().queryParam("limit", 200).get("/api/v1/audiences").then().statusCode(200).body("items.id", hasItem(id));

        // merge patch: objects of the filter merge, null removes, lists are replaced
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"description\":null,\"filter\":{\"loyaltyTiers\":[\"SILVER\",\"GOLD\"],\"tags\":null,\"lastPurchase\":{\"after\":null}}}")
                .patch("/api/v1/audiences/" + id).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("description", nullValue())
                .body("filter.loyaltyTiers", equalTo(List.of("SILVER", "GOLD")))
                .body("filter.tags", nullValue())
                .body("filter.lastPurchase.after", nullValue())
                .body("filter.lastPurchase.noneInLastDays", equalTo(90))
                .body("filter.lifetimeValue.min", equalTo(10000.00f));
        // a patch that changes nothing keeps the version
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"name\":\"" + name + "\"}")
                .patch("/api/v1/audiences/" + id).then().statusCode(200).header("ETag", "\"1\"");
        // a stale or missing If-Match
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{\"name\":\"x\"}").patch("/api/v1/audiences/" + id)
                .then().statusCode(412).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"name\":\"x\"}").patch("/api/v1/audiences/" + id).then().statusCode(428).contentType(PROBLEM);
        given().header("If-Match", "\"0\"").delete("/api/v1/audiences/" + id).then().statusCode(412).contentType(PROBLEM);
        given().delete("/api/v1/audiences/" + id).then().statusCode(428).contentType(PROBLEM);

        given().header("If-Match", "\"1\"").delete("/api/v1/audiences/" + id).then().statusCode(204);
        given().get("/api/v1/audiences/" + id).then().statusCode(404).contentType(PROBLEM);
        given().get("/api/v1/audiences/" + id + "/preview").then().statusCode(404).contentType(PROBLEM);
        given().header("If-Match", "*").delete("/api/v1/audiences/" + id).then().statusCode(404);
        given().queryParam("limit", 200).get("/api/v1/audiences").then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
        // the name is free again
        create("{\"name\":\"" + name + "\"}");
    }

    @Test
    void names_are_unique_among_live_audiences_case_insensitively() {
        String name = Api.unique("Newsletter readers");
        String first = create("{\"name\":\"" + name + "\"}").path("id");
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name.toUpperCase() + "\"}").post("/api/v1/audiences")
                .then().statusCode(409).contentType(PROBLEM).body("existingAudienceId", equalTo(first));
        String second = create("{\"name\":\"" + Api.unique("Other") + "\"}").path("id");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{\"name\":\"" + name.toLowerCase() + "\"}")
                .patch("/api/v1/audiences/" + second).then().statusCode(409).contentType(PROBLEM);
        // renaming an audience to another spelling of its own name is fine
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{\"name\":\"" + name.toLowerCase() + "\"}")
                .patch("/api/v1/audiences/" + first).then().statusCode(200).body("name", equalTo(name.toLowerCase()));
    }

    @Test
    void a_retried_create_with_the_same_idempotency_key_answers_the_first_audience() {
        String key = Api.unique("key");
        String body = "{\"name\":\"" + Api.unique("Retried") + "\",\"filter\":{\"segments\":[\"RELATIONAL\"]}}";
        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/audiences")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/audiences")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"name\":\"" + Api.unique("Else") + "\"}")
                .post("/api/v1/audiences").then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void an_audience_a_campaign_still_to_be_sent_uses_cannot_be_deleted() {
        String id = createId("{}");
        String draft = campaign(id, "DRAFT");
        given().header("If-Match", "\"0\"").delete("/api/v1/audiences/" + id).then().statusCode(409).contentType(PROBLEM)
                .body("campaignIds", equalTo(List.of(draft)));
        for (String status : List.of("SCHEDULED", "SENDING")) {
            AudienceMembersTest.sql("update campaign set status = ? where id = ?::uuid", status, draft);
            given().header("If-Match", "\"0\"").delete("/api/v1/audiences/" + id).then().statusCode(409);
        }
        AudienceMembersTest.sql("update campaign set status = 'SENT' where id = ?::uuid", draft);
        campaign(id, "CANCELLED");
        given().header("If-Match", "\"0\"").delete("/api/v1/audiences/" + id).then().statusCode(204);
    }

    @Test
    void the_preview_counts_the_members_and_shows_the_first_of_them() {
        String tag = Api.unique("preview").toLowerCase();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            customers.add(Api.register("{\"name\":\"Preview " + i + "\",\"email\":\"" + Api.email() + "\",\"tags\":[\"" + tag + "\"]}"));
        }
        AudienceMembersTest.sql("update customer set loyalty_tier = 'GOLD', segment = 'RELATIONAL', value_tier = 'B' where id = ?::uuid",
                customers.getFirst());
        String id = createId("{\"tags\":{\"allOf\":[\"" + tag + "\"]}}");
        var all = given().get("/api/v1/audiences/" + id + "/preview").then().statusCode(200)
                .body("count", equalTo(3)).body("members.size()", equalTo(3)).extract();
        List<String> ids = all.path("members.id");
        assertThat(ids).isSorted().containsExactlyInAnyOrderElementsOf(customers);
        given().get("/api/v1/audiences/" + id + "/preview").then()
                .body("members.find { it.id == '" + customers.getFirst() + "' }.loyaltyTier", equalTo("GOLD"))
                .body("members.find { it.id == '" + customers.getFirst() + "' }.segment", equalTo("RELATIONAL"))
                .body("members.find { it.id == '" + customers.getFirst() + "' }.valueTier", equalTo("B"))
                .body("members.find { it.id == '" + customers.getFirst() + "' }.stage", equalTo("PROSPECT"))
                .body("members.find { it.id == '" + customers.getFirst() + "' }.displayName", equalTo("Preview 0"));
        given().queryParam("limit", 2).get("/api/v1/audiences/" + id + "/preview").then().statusCode(200)
                .body("count", equalTo(3)).body("members.id", equalTo(ids.subList(0, 2)));
    }

    @Test
    void lists_page_newest_first_without_repeats() {
        for (int i = 0; i < 3; i++) {
            createId("{}");
        }
        var first = given().queryParam("limit", 2).get("/api/v1/audiences").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("nextCursor", notNullValue()).extract();
        List<String> seen = new ArrayList<>(first.<List<String>>path("items.id"));
        List<String> next = given().queryParam("limit", 2).queryParam("cursor", first.<String>path("nextCursor")).get("/api/v1/audiences")
                .then().statusCode(200).extract().path("items.id");
        assertThat(next).doesNotContainAnyElementsOf(seen);
        List<String> created = first.path("items.createdAt");
        assertThat(created.stream().map(java.time.OffsetDateTime::parse).toList()).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void odd_inputs_are_problems_naming_the_field_never_500() {
        String ok = "{\"name\":\"" + Api.unique("Odd") + "\",\"filter\":%s}";
        record Case(String filter, int status, String field) {
        }
        List<Case> cases = List.of(
                new Case("{\"segments\":[\"VIP\"]}", 400, "filter.segments"),
                new Case("{\"segments\":\"RELATIONAL\"}", 400, "filter.segments"),
                new Case("{\"valueTiers\":[\"D\"]}", 400, "filter.valueTiers"),
                new Case("{\"stages\":[42]}", 400, "filter.stages"),
                new Case("{\"loyaltyTiers\":[\"DIAMOND\"]}", 400, "filter.loyaltyTiers"),
                new Case("{\"segments\":[null]}", 400, "filter.segments"),
                new Case("{\"tags\":{\"allOf\":[\"<b>\"]}}", 400, "filter.tags.allOf[0]"),
                new Case("{\"tags\":{\"anyOf\":" + jsonList(21) + "}}", 400, "filter.tags.anyOf"),
                new Case("{\"tags\":[\"vip\"]}", 400, "filter.tags"),
                new Case("{\"attributes\":{\"bad key\":\"x\"}}", 400, "filter.attributes"),
                new Case("{\"attributes\":{\"store\":{\"nested\":1}}}", 400, "filter.attributes.store"),
                new Case("{\"lastPurchase\":{\"after\":\"yesterday\"}}", 400, "filter.lastPurchase.after"),
                new Case("{\"lastPurchase\":{\"noneInLastDays\":0}}", 400, "filter.lastPurchase.noneInLastDays"),
                new Case("{\"lastPurchase\":{\"noneInLastDays\":\"ninety\"}}", 400, "filter.lastPurchase.noneInLastDays"),
                new Case("{\"lifetimeValue\":{\"min\":-1}}", 400, "filter.lifetimeValue.min"),
                new Case("{\"lifetimeValue\":{\"max\":1e13}}", 400, "filter.lifetimeValue.max"),
                new Case("{\"lifetimeValue\":{\"min\":\"lots\"}}", 400, "filter.lifetimeValue.min"),
                new Case("{\"unknown\":true}", 400, "filter.unknown"),
                new Case("{\"lastPurchase\":{\"after\":\"2030-01-01T00:00:00Z\",\"before\":\"2029-01-01T00:00:00Z\"}}", 422, "filter.lastPurchase"),
                new Case("{\"lifetimeValue\":{\"min\":100,\"max\":99.99}}", 422, "filter.lifetimeValue"));
        for (Case c : cases) {
            given().contentType(ContentType.JSON).body(ok.formatted(c.filter())).post("/api/v1/audiences").then()
                    .statusCode(c.status()).contentType(PROBLEM).body("errors.field", hasItem(startsWith(c.field())));
        }
        given().contentType(ContentType.JSON).body("{\"filter\":{}}").post("/api/v1/audiences").then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"name\":\"" + "x".repeat(101) + "\"}").post("/api/v1/audiences").then().statusCode(400)
                .contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"name\":\"a\u0000b\"}").post("/api/v1/audiences").then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("[]").post("/api/v1/audiences").then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{").post("/api/v1/audiences").then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.TEXT).body("name").post("/api/v1/audiences").then().statusCode(415).contentType(PROBLEM);

        String id = createId("{}");
        for (String patch : List.of("[]", "\"x\"", "{", "{\"name\":null}", "{\"name\":\" \"}", "{\"filter\":{\"stages\":[\"NOPE\"]}}", "{\"color\":1}")) {
            given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body(patch).patch("/api/v1/audiences/" + id)
                    .then().statusCode(400).contentType(PROBLEM);
        }
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"filter\":{\"lifetimeValue\":{\"min\":5,\"max\":1}}}").patch("/api/v1/audiences/" + id).then().statusCode(422);
        given().contentType(ContentType.TEXT).header("If-Match", "\"0\"").body("{}").patch("/api/v1/audiences/" + id).then().statusCode(415)
                .contentType(PROBLEM);
        given().get("/api/v1/audiences/" + id).then().header("ETag", "\"0\"");

        for (String limit : List.of("0", "201", "-1", "ten")) {
            given().queryParam("limit", limit).get("/api/v1/audiences/" + id + "/preview").then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("limit"));
            given().queryParam("limit", limit).get("/api/v1/audiences").then().statusCode(400).contentType(PROBLEM);
        }
        given().queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/audiences").then().statusCode(400).body("errors.field", hasItem("cursor"));
        String unknown = UUID.randomUUID().toString();
        given().get("/api/v1/audiences/" + unknown).then().statusCode(404).contentType(PROBLEM);
        given().get("/api/v1/audiences/" + unknown + "/preview").then().statusCode(404).contentType(PROBLEM);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{}").patch("/api/v1/audiences/" + unknown).then().statusCode(404);
        given().header("If-Match", "\"0\"").delete("/api/v1/audiences/" + unknown).then().statusCode(404);
        given().get("/api/v1/audiences/not-a-uuid").then().statusCode(404);
    }

    @Test
    void each_kind_of_caller_gets_what_its_permission_says() {
        String id = createId("{}");
        String none = InternalTokens.NO_TOKEN;
        String partner = "Bearer " + InternalTokens.partner(AUD, "p-all", Scopes.GRANTABLE_TO_PARTNERS.toArray(String[]::new));
        String viewer = "Bearer " + InternalTokens.staff(AUD, Scopes.CUSTOMERS_READ, Scopes.CAMPAIGNS_READ);
        String customerStaff = "Bearer " + InternalTokens.staff(AUD, Scopes.CUSTOMERS_READ, Scopes.CUSTOMERS_WRITE);
        String staff = "Bearer " + InternalTokens.staff(AUD, Scopes.GRANTABLE_TO_PARTNERS.toArray(String[]::new));
        String admin = "Bearer " + InternalTokens.admin(AUD);
        String body = "{\"name\":\"%s\"}";

        for (String reader : List.of(none, partner)) {
            int status = reader.equals(none) ? 401 : 403;
            given().header("Authorization", reader).get("/api/v1/audiences").then().statusCode(status).contentType(PROBLEM);
            given().header("Authorization", reader).get("/api/v1/audiences/" + id).then().statusCode(status).contentType(PROBLEM);
            given().header("Authorization", reader).get("/api/v1/audiences/" + id + "/preview").then().statusCode(status).contentType(PROBLEM);
            given().header("Authorization", reader).contentType(ContentType.JSON).body(body.formatted(Api.unique("x"))).post("/api/v1/audiences")
                    .then().statusCode(status).contentType(PROBLEM);
            given().header("Authorization", reader).header("If-Match", "\"0\"").contentType(ContentType.JSON).body("{\"name\":\"y\"}")
                    .patch("/api/v1/audiences/" + id).then().statusCode(status).contentType(PROBLEM);
            given().header("Authorization", reader).header("If-Match", "\"0\"").delete("/api/v1/audiences/" + id).then().statusCode(status);
        }
        // a viewer reads; staff without the campaign scopes reads nothing; neither changes anything
        given().header("Authorization", viewer).get("/api/v1/audiences").then().statusCode(200);
        given().header("Authorization", viewer).get("/api/v1/audiences/" + id).then().statusCode(200);
        given().header("Authorization", viewer).get("/api/v1/audiences/" + id + "/preview").then().statusCode(200);
        given().header("Authorization", customerStaff).get("/api/v1/audiences/" + id).then().statusCode(403).contentType(PROBLEM);
        for (String refused : List.of(viewer, customerStaff)) {
            given().header("Authorization", refused).contentType(ContentType.JSON).body(body.formatted(Api.unique("x"))).post("/api/v1/audiences")
                    .then().statusCode(403).contentType(PROBLEM);
            given().header("Authorization", refused).header("If-Match", "\"0\"").contentType(ContentType.JSON).body("{\"name\":\"y\"}")
                    .patch("/api/v1/audiences/" + id).then().statusCode(403);
            given().header("Authorization", refused).header("If-Match", "\"0\"").delete("/api/v1/audiences/" + id).then().statusCode(403);
        }
        given().get("/api/v1/audiences/" + id).then().statusCode(200).header("ETag", "\"0\"");
        // staff and admin do everything
        for (String writer : List.of(staff, admin)) {
            String own = given().header("Authorization", writer).contentType(ContentType.JSON).body(body.formatted(Api.unique("w")))
                    .post("/api/v1/audiences").then().statusCode(201).extract().path("id");
            given().header("Authorization", writer).get("/api/v1/audiences/" + own + "/preview").then().statusCode(200);
            given().header("Authorization", writer).header("If-Match", "\"0\"").contentType("application/merge-patch+json")
                    .body("{\"description\":\"changed\"}").patch("/api/v1/audiences/" + own).then().statusCode(200)
                    .body("description", equalTo("changed"));
            given().header("Authorization", writer).header("If-Match", "\"1\"").delete("/api/v1/audiences/" + own).then().statusCode(204);
        }
    }

    /** A campaign of {@code status} that uses the audience, written straight into its table. */
    static String campaign(String audienceId, String status) {
        String id = UUID.randomUUID().toString();
        AudienceMembersTest.sql("""
                insert into campaign (id, version, name, kind, status, audience_id, subject, template_key, holdout_seed, created_by,
                                      created_at, updated_at)
                values (?::uuid, 0, ?, 'NEWSLETTER', ?, ?::uuid, 'subject', 'newsletter/test', 1, 'test', now(), now())""",
                id, Api.unique("campaign"), status, audienceId);
        return id;
    }

    static String jsonList(int n) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add("\"t" + i + "\"");
        }
        return "[" + String.join(",", values) + "]";
    }
}
