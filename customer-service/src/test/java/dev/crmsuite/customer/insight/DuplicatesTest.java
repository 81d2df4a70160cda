package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Duplicate candidates on real PostgreSQL: on create, on demand, as a list of pairs, and who sees what. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class DuplicatesTest {

    @jakarta.inject.Inject
    RiskAssessments assessments;

    static String partner() {
        return "Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-dup", Scopes.CUSTOMERS_READ, Scopes.CUSTOMERS_WRITE);
    }

    /** A phone no other test uses. */
    static String phone() {
        return "+86139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
    }

    static Response register(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/customers");
    }

    @Test
    void a_create_that_looks_like_an_existing_customer_is_registered_with_a_warning() {
        String phone = phone();
        String name = Api.unique("Wang Fang");
        String first = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone + "\"}");
        Response second = register("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone + "\"}");
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.header(PossibleDuplicatesOnCreate.HEADER)).isEqualTo(first);
        String secondId = second.path("id");

        Response candidates = given().get("/api/v1/customers/" + secondId + "/duplicates");
        assertThat(candidates.statusCode()).isEqualTo(200);
        assertThat(candidates.<List<String>>path("items.customerId")).containsExactly(first);
        // same phone 0.6 + same name 0.4 x 1.0
        assertThat(candidates.<Float>path("items[0].score")).isEqualTo(1.0f);
        assertThat(candidates.<List<String>>path("items[0].matches.field")).containsExactly("phone", "name");
        assertThat(candidates.<String>path("items[0].matches[0].detail")).isEqualTo(phone);

        // an unrelated customer gets no warning
        Response unrelated = register("{\"name\":\"" + Api.unique("Zhao Lei") + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone() + "\"}");
        assertThat(unrelated.statusCode()).isEqualTo(201);
        assertThat(unrelated.header(PossibleDuplicatesOnCreate.HEADER)).isNull();
    }

    @Test
    void the_warning_header_is_documented_on_the_registration() {
        com.fasterxml.jackson.databind.JsonNode doc = dev.crmsuite.platform.testing.TopicRecords.parse(
                given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        com.fasterxml.jackson.databind.JsonNode header = doc.at("/paths/~1api~1v1~1customers/post/responses/201/headers/"
                + PossibleDuplicatesOnCreate.HEADER);
        assertThat(header.path("description").asText()).contains("comma-separated");
        assertThat(header.at("/schema/type").toString()).contains("string");
        for (String list : List.of("~1api~1v1~1customers~1{id}~1duplicates", "~1api~1v1~1customers~1duplicate-candidates",
                "~1api~1v1~1analytics~1at-risk")) {
            assertThat(doc.at("/paths/" + list + "/get/responses/200/content/application~1json/schema").isMissingNode()).as(list).isFalse();
        }
    }

    @Test
    void gmail_spellings_names_and_addresses_are_found_on_demand() {
        String local = "dup" + UUID.randomUUID().toString().substring(0, 8);
        String a = Api.register("{\"name\":\"" + Api.unique("Chen Jing") + "\",\"email\":\"" + local + "@gmail.com\"}");
        String b = Api.register("{\"name\":\"" + Api.unique("Sun Hao") + "\",\"email\":\"" + local.substring(0, 3) + "." + local.substring(3)
                + "+shop@gmail.com\"}");
        Response found = given().get("/api/v1/customers/" + b + "/duplicates");
        assertThat(found.<List<String>>path("items.customerId")).containsExactly(a);
        assertThat(found.<List<String>>path("items[0].matches.field")).containsExactly("email");

        String postal = String.valueOf(100000 + (int) (Math.random() * 800000));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String c = Api.register("{\"name\":\"Liu Yang " + suffix + "\",\"email\":\"" + Api.email() + "\",\"address\":{\"line1\":\"8 Century Avenue\",\"postalCode\":\"" + postal + "\"}}");
        String d = Api.register("{\"name\":\"Liu Yan " + suffix + "\",\"email\":\"" + Api.email() + "\",\"address\":{\"line1\":\"8, century avenue\",\"postalCode\":\"" + postal + "\"}}");
        Response byAddress = given().get("/api/v1/customers/" + d + "/duplicates");
        assertThat(byAddress.<List<String>>path("items.customerId")).containsExactly(c);
        assertThat(byAddress.<List<String>>path("items[0].matches.field")).containsExactly("name", "address");
    }

    @Test
    void a_mailbox_look_up_takes_pattern_characters_as_they_are() {
        // "_" matches any character in a LIKE pattern: the look-up is a range of the addresses, so
        // ab_x... finds its own mailbox and not abzx...
        String rest = UUID.randomUUID().toString().substring(0, 8);
        String same = Api.register("{\"name\":\"" + Api.unique("Zhou Min") + "\",\"email\":\"ab_" + rest + "@gmail.com\"}");
        Api.register("{\"name\":\"" + Api.unique("Gao Lei") + "\",\"email\":\"abz" + rest + "@gmail.com\"}");
        String tagged = Api.register("{\"name\":\"" + Api.unique("Ma Tao") + "\",\"email\":\"ab_" + rest + "+news@gmail.com\"}");
        Response found = given().get("/api/v1/customers/" + tagged + "/duplicates");
        assertThat(found.<List<String>>path("items.customerId")).containsExactly(same);
        assertThat(found.<List<String>>path("items[0].matches.field")).containsExactly("email");
    }

    @Test
    void a_look_that_finds_the_same_writes_nothing_and_a_changed_pair_is_rewritten_or_removed() throws Exception {
        String phone = phone();
        String name = Api.unique("Gao Yun");
        String first = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone + "\"}");
        String second = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone + "\"}");
        String row = storedPair(first, second);
        assertThat(row).as("the pair found on create").isNotNull();

        for (String asked : List.of(first, second, first)) {
            given().get("/api/v1/customers/" + asked + "/duplicates").then().statusCode(200)
                    .body("items.customerId", org.hamcrest.Matchers.hasItem(asked.equals(first) ? second : first));
            // the same row version (xmin) and foundAt: nothing was written
            assertThat(storedPair(first, second)).isEqualTo(row);
        }

        // another name: the score drops (phone only), so the pair is rewritten on the next look
        String etag = given().get("/api/v1/customers/" + second).then().statusCode(200).extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"name\":\"" + Api.unique("Xu Ming") + "\"}")
                .patch("/api/v1/customers/" + second).then().statusCode(200);
        Response after = given().get("/api/v1/customers/" + first + "/duplicates");
        assertThat(after.<List<String>>path("items.customerId")).containsExactly(second);
        assertThat(after.<List<String>>path("items[0].matches.field")).containsExactly("phone");
        String rewritten = storedPair(first, second);
        assertThat(rewritten).isNotEqualTo(row).contains(after.<Object>path("items[0].score").toString());

        // another phone too: no longer alike, and the stored pair goes
        etag = given().get("/api/v1/customers/" + second).then().statusCode(200).extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"phones\":[{\"number\":\"" + phone() + "\"}]}")
                .patch("/api/v1/customers/" + second).then().statusCode(200);
        assertThat(given().get("/api/v1/customers/" + second + "/duplicates").<List<String>>path("items.customerId")).doesNotContain(first);
        assertThat(storedPair(first, second)).isNull();
    }

    /** The stored pair's row version, score and foundAt, or null when no pair is stored. */
    private static String storedPair(String a, String b) throws Exception {
        try (Connection c = PostgresDatabase.connect();
             PreparedStatement s = c.prepareStatement("select xmin::text || ' ' || score || ' ' || found_at from duplicate_candidate"
                     + " where customer_id = least(?, ?) and other_id = greatest(?, ?)")) {
            UUID x = UUID.fromString(a);
            UUID y = UUID.fromString(b);
            s.setObject(1, x);
            s.setObject(2, y);
            s.setObject(3, x);
            s.setObject(4, y);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void merged_and_erased_customers_are_never_candidates_and_pairs_list_live_customers() throws Exception {
        String phone = phone();
        String name = Api.unique("Huang Min");
        String kept = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone + "\"}");
        String merged = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone + "\"}");
        String erased = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone + "\"}");
        assertThat(pairsWith(kept)).contains(merged, erased);

        given().contentType(ContentType.JSON).body("{\"targetCustomerId\":\"" + kept + "\"}")
                .post("/api/v1/customers/" + merged + "/merge").then().statusCode(200);
        given().post("/api/v1/customers/" + erased + "/erasure").then().statusCode(200);
        assertThat(pairsWith(kept)).doesNotContain(merged, erased);
        // the daily sweep forgets them, so an erased customer's phone does not stay in a pair's evidence
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(assessments::forgetGoneCustomers);
        try (Connection c = PostgresDatabase.connect();
             PreparedStatement s = c.prepareStatement("select count(*) from duplicate_candidate where ? in (customer_id, other_id) or ? in (customer_id, other_id)")) {
            s.setObject(1, UUID.fromString(merged));
            s.setObject(2, UUID.fromString(erased));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }

        String again = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone + "\"}");
        assertThat(given().get("/api/v1/customers/" + again + "/duplicates").<List<String>>path("items.customerId")).containsExactly(kept);
        // asking about a merged customer answers as reading it does
        given().redirects().follow(false).get("/api/v1/customers/" + merged + "/duplicates").then().statusCode(308);
    }

    @Test
    void a_partner_never_sees_candidates_hidden_from_it() {
        String phone = phone();
        String name = Api.unique("Zhou Li");
        String hidden = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone
                + "\",\"consents\":{\"partnerSharing\":false}}");
        String visible = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone
                + "\",\"consents\":{\"partnerSharing\":true}}");
        Response created = given().header("Authorization", partner()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone + "\",\"consents\":{\"partnerSharing\":true}}")
                .post("/api/v1/customers");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.header(PossibleDuplicatesOnCreate.HEADER)).isEqualTo(visible);
        String mine = created.path("id");
        assertThat(given().header("Authorization", partner()).get("/api/v1/customers/" + mine + "/duplicates")
                .<List<String>>path("items.customerId")).containsExactly(visible);
        assertThat(given().get("/api/v1/customers/" + mine + "/duplicates").<List<String>>path("items.customerId"))
                .containsExactlyInAnyOrder(visible, hidden);
        given().header("Authorization", partner()).get("/api/v1/customers/" + hidden + "/duplicates").then().statusCode(404);
        given().header("Authorization", partner()).get("/api/v1/customers/duplicate-candidates").then().statusCode(403);
    }

    @Test
    void the_pairs_list_pages_best_first_and_refuses_bad_input() {
        String phone = phone();
        Api.register("{\"name\":\"" + Api.unique("Page A") + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone + "\"}");
        Api.register("{\"name\":\"" + Api.unique("Page B") + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone + "\"}");
        Api.register("{\"name\":\"" + Api.unique("Page C") + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"" + phone + "\"}");
        List<Float> scores = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page = given().queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/customers/duplicate-candidates");
            assertThat(page.statusCode()).isEqualTo(200);
            scores.addAll(page.path("items.score"));
            List<String> a = page.path("items.customer.id");
            List<String> b = page.path("items.other.id");
            for (int i = 0; i < a.size(); i++) {
                seen.add(a.get(i) + "/" + b.get(i));
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < scores.size(); i++) {
            assertThat(scores.get(i)).isLessThanOrEqualTo(scores.get(i - 1));
        }
        given().queryParam("limit", 0).get("/api/v1/customers/duplicate-candidates").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("cursor", "bm9wZQ").get("/api/v1/customers/duplicate-candidates").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void java_trigram_similarity_agrees_with_pg_trgm() throws Exception {
        String[][] pairs = {{"Wang Fang", "Wang Fan"}, {"Li Wei", "wei li"}, {"Acme Trading Co.", "ACME Trading Company"},
                {"Zhang Min", "Li Wei"}, {"O'Brien", "OBrien"}};
        try (Connection c = PostgresDatabase.connect();
             PreparedStatement s = c.prepareStatement("select similarity(?, ?)")) {
            for (String[] p : pairs) {
                s.setString(1, p[0]);
                s.setString(2, p[1]);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertThat(Trigrams.similarity(p[0], p[1])).as(p[0] + " ~ " + p[1])
                            .isCloseTo(rs.getDouble(1), org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    @Test
    void the_backtest_reports_precision_and_recall_to_an_admin() {
        Response r = given().queryParam("customers", 300).queryParam("seed", 42).get("/api/v1/analytics/backtests/duplicates");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.<Integer>path("duplicates")).isEqualTo(100);
        assertThat(r.<Float>path("recall")).isEqualTo(0.8f);
        assertThat(r.<Float>path("precision")).isGreaterThanOrEqualTo(0.9f);
        given().queryParam("customers", 5).get("/api/v1/analytics/backtests/duplicates").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + InternalTokens.staff(Api.AUDIENCE, Scopes.CUSTOMERS_READ, Scopes.CUSTOMERS_WRITE))
                .get("/api/v1/analytics/backtests/duplicates").then().statusCode(403);
    }

    static List<String> pairsWith(String id) {
        given().get("/api/v1/customers/" + id + "/duplicates").then().statusCode(200);
        List<String> others = new ArrayList<>();
        String cursor = null;
        do {
            Response page = given().queryParam("limit", 200).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/customers/duplicate-candidates");
            List<String> a = page.path("items.customer.id");
            List<String> b = page.path("items.other.id");
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).equals(id)) {
                    others.add(b.get(i));
                } else if (b.get(i).equals(id)) {
                    others.add(a.get(i));
                }
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return others;
    }
}
