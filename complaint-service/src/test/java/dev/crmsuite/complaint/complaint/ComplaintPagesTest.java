package dev.crmsuite.complaint.complaint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.complaint.testing.Api;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.crmsuite.complaint.testing.Api.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The sub-lists of a complaint (comments, audit, assignments, pauses) and the unknown-customer report
 * are keyset paginated in the suite's one list shape, {items, nextCursor} (no bare array, no Link
 * header). Following nextCursor gives every item once, in order; tags are capped, so one page holds them all.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ComplaintPagesTest {

    @Inject
    ControllableClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void monday() {
        clock.set(Api.berlin("2026-11-30T10:00"));
    }

    @Test
    void comments_pages_have_no_overlap_and_no_gap() {
        String id = Api.fileId(Api.newCustomer(), "PHONE", "SERVICE");
        for (int i = 1; i <= 5; i++) {
            clock.advance(i == 3 ? Duration.ZERO : Duration.ofMinutes(1)); // two comments at the same instant: seq orders them
            given().contentType(ContentType.JSON).body("{\"body\":\"note " + i + "\",\"visibility\":\""
                    + (i % 2 == 0 ? "CUSTOMER" : "INTERNAL") + "\"}").post(BASE + "/" + id + "/comments").then().statusCode(201);
        }
        List<Integer> sizes = new ArrayList<>();
        assertThat(bodies(Api.walk(BASE + "/" + id + "/comments?limit=2", 2, sizes)))
                .containsExactly("note 1", "note 2", "note 3", "note 4", "note 5");
        assertThat(sizes).containsExactly(2, 2, 1);
        // The filter applies on every page.
        assertThat(bodies(Api.walk(BASE + "/" + id + "/comments?visibility=CUSTOMER&limit=1", 1)))
                .containsExactly("note 2", "note 4");
    }

    @Test
    void audit_assignments_and_pauses_pages_add_up_to_the_whole_list() {
        String id = Api.fileId(Api.newCustomer(), "PHONE", "SERVICE");
        Api.act(id, "acknowledge").statusCode(200);
        Api.act(id, "start").statusCode(200);
        for (int i = 0; i < 3; i++) {
            Api.act(id, "wait-on-customer").statusCode(200);
            clock.advance(Duration.ofMinutes(30));
            Api.act(id, "start").statusCode(200);
        }
        for (String who : List.of("ben", "cho", "ann")) { // care handlers: the complaint is SERVICE
            given().contentType(ContentType.JSON).body("{\"assignee\":\"" + who + "\"}").post(BASE + "/" + id + "/assignment")
                    .then().statusCode(200);
        }

        List<JsonNode> pauses = Api.walk(BASE + "/" + id + "/pauses?limit=2", 2);
        assertThat(pauses).hasSize(3).allSatisfy(p -> assertThat(p.path("businessSeconds").asLong()).isEqualTo(1800));

        List<String> holders = Api.walk(BASE + "/" + id + "/assignments?limit=2", 2).stream()
                .map(h -> h.path("assignee").asText()).toList();
        assertThat(holders).hasSizeGreaterThanOrEqualTo(4).endsWith("ben", "cho", "ann");

        List<String> whole = given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .extract().jsonPath().getList("items.action");
        assertThat(whole.size()).isGreaterThan(6);
        List<Integer> sizes = new ArrayList<>();
        List<String> paged = Api.walk(BASE + "/" + id + "/audit?limit=3", 3, sizes).stream().map(e -> e.path("action").asText()).toList();
        assertThat(paged).isEqualTo(whole);
        assertThat(sizes).hasSize((whole.size() + 2) / 3);
    }

    @Test
    void the_unknown_customer_report_pages_in_first_filed_order() {
        for (int i = 0; i < 3; i++) {
            Api.fileId(Api.newCustomer(), "WEB", "SERVICE");
            clock.advance(Duration.ofMinutes(1));
        }
        List<JsonNode> all = Api.walk(BASE + "/unknown-customers?olderThan=PT0S&limit=2", 2);
        List<String> ids = all.stream().map(u -> u.path("customerId").asText()).toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
        List<String> keys = all.stream().map(u -> java.time.OffsetDateTime.parse(u.path("firstFiledAt").asText()).toInstant()
                + " " + u.path("customerId").asText()).toList();
        assertThat(keys).isSorted();
    }

    @Test
    void a_bad_cursor_or_limit_is_a_400_problem() {
        String id = Api.fileId(Api.newCustomer(), "PHONE", "SERVICE");
        for (String list : List.of("/" + id + "/comments", "/" + id + "/audit", "/" + id + "/assignments", "/" + id + "/pauses",
                "/unknown-customers")) {
            given().queryParam("cursor", "bm90IGEgY3Vyc29y").get(BASE + list).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("cursor"));
            given().queryParam("cursor", "%%%").get(BASE + list).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("cursor"));
            given().queryParam("limit", 201).get(BASE + list).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("limit"));
        }
    }

    @Test
    void a_complaint_carries_at_most_twenty_tags() {
        String id = Api.fileId(Api.newCustomer(), "WEB", "PRODUCT");
        for (int i = 0; i < Conversation.MAX_TAGS; i++) {
            given().contentType(ContentType.JSON).body("{\"tag\":\"t" + i + "\"}").post(BASE + "/" + id + "/tags").then().statusCode(200);
        }
        given().contentType(ContentType.JSON).body("{\"tag\":\"one-too-many\"}").post(BASE + "/" + id + "/tags").then()
                .statusCode(409).contentType("application/problem+json").body("maxTags", equalTo(Conversation.MAX_TAGS));
        // Re-tagging one it has only changes the note; after removing one there is room again.
        given().contentType(ContentType.JSON).body("{\"tag\":\"t0\",\"note\":\"still fine\"}").post(BASE + "/" + id + "/tags")
                .then().statusCode(200);
        given().delete(BASE + "/" + id + "/tags/t1").then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"tag\":\"one-too-many\"}").post(BASE + "/" + id + "/tags").then().statusCode(200);
        given().get(BASE + "/" + id + "/tags").then().statusCode(200).body("items.size()", equalTo(Conversation.MAX_TAGS))
                .body("nextCursor", org.hamcrest.Matchers.nullValue());
    }

    private static List<String> bodies(List<JsonNode> comments) {
        return comments.stream().map(c -> c.path("body").asText()).toList();
    }
}
