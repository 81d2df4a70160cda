package dev.crmsuite.customer.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Partner visibility, enforced here where the consent lives: a customer who did not consent to
 * partner sharing, or was merged or erased, does not exist for a partner. Single reads,
 * sub-resources, actions, ids named in bodies, lists, searches, cursors and analytics.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class PartnerVisibilityTest {

    /** The privacy export is not here: it is staff only, so a partner gets 403 for every customer (tested below). */
    static final List<String> SUB_RESOURCES = List.of("", "/history", "/timeline", "/touchpoints", "/follow-ups", "/referrals",
            "/purchases");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void realTime() {
        ControllableClock.useRealTime();
    }

    /** A partner with every scope a partner can hold: what it cannot see, no scope would show it. */
    static RequestSpecification partner() {
        return as(Caller.PARTNER_ALL.authorization());
    }

    static RequestSpecification partner(String... scopes) {
        return as("Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-scoped", scopes));
    }

    static RequestSpecification as(String authorization) {
        return given().header("Authorization", authorization).redirects().follow(false);
    }

    static String merged() {
        String duplicate = Fixture.customer(true);
        String survivor = Fixture.customer(true);
        given().contentType(ContentType.JSON).body("{\"targetCustomerId\":\"" + survivor + "\"}")
                .post("/api/v1/customers/" + duplicate + "/merge").then().statusCode(200);
        return duplicate;
    }

    static String erased() {
        String id = Fixture.customer(true);
        given().post("/api/v1/customers/" + id + "/erasure").then().statusCode(200);
        return id;
    }

    /** A problem body with the given ids replaced by a placeholder and the request id left out. */
    static JsonNode normalised(Response r, List<String> ids) {
        String text = r.asString();
        for (String id : ids) {
            text = text.replace(id, "{id}");
        }
        JsonNode body = TopicRecords.parse(text);
        if (body instanceof ObjectNode o) {
            o.remove("requestId");
        }
        return body;
    }

    /** The hidden id's answer equals the unknown id's apart from the id: status, media type and body. */
    static void sameAsUnknown(Response hidden, Response unknown, String hiddenId, String unknownId, String what) {
        sameAsUnknown(hidden, unknown, List.of(hiddenId), List.of(unknownId), what);
    }

    static void sameAsUnknown(Response hidden, Response unknown, List<String> hiddenIds, List<String> unknownIds, String what) {
        assertThat(hidden.statusCode()).as(what + " status").isEqualTo(unknown.statusCode());
        assertThat(hidden.contentType()).as(what + " media type").isEqualTo(unknown.contentType());
        assertThat(hidden.getHeader("Location")).as(what + " Location").isNull();
        assertThat(normalised(hidden, hiddenIds)).as(what + " body").isEqualTo(normalised(unknown, unknownIds));
    }

    static String cursorId(String cursor) {
        String[] values = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\u001f");
        return values[values.length - 1];
    }

    @Test
    void a_hidden_customer_answers_every_read_like_an_unknown_id() {
        Fixture visible = Fixture.create(true);
        Fixture notSharing = Fixture.create(false);
        String merged = merged();
        String erased = erased();
        String unknown = UUID.randomUUID().toString();

        // The export answers a partner 403 alike for a visible, hidden or unknown customer: it tells nothing.
        for (String any : List.of(visible.id(), notSharing.id(), merged, erased, unknown)) {
            partner().get("/api/v1/customers/" + any + "/export").then().statusCode(403);
        }
        for (String sub : SUB_RESOURCES) {
            partner().get("/api/v1/customers/" + visible.id() + sub).then().statusCode(200);
            Response unknownAnswer = partner().get("/api/v1/customers/" + unknown + sub);
            assertThat(unknownAnswer.statusCode()).isEqualTo(404);
            for (String hidden : List.of(notSharing.id(), merged, erased)) {
                sameAsUnknown(partner().get("/api/v1/customers/" + hidden + sub), unknownAnswer, hidden, unknown, "GET " + sub);
            }
        }
        // An object of a hidden customer: its purchase, under the right customer id.
        partner().get("/api/v1/customers/" + visible.id() + "/purchases/" + visible.purchase()).then().statusCode(200);
        sameAsUnknown(partner().get("/api/v1/customers/" + notSharing.id() + "/purchases/" + notSharing.purchase()),
                partner().get("/api/v1/customers/" + unknown + "/purchases/" + notSharing.purchase()), notSharing.id(), unknown, "purchase");
        // Its touchpoint, its purchase's refunds and its follow-up: what the Locations of their writes name.
        for (String sub : List.of("/touchpoints/" + "%s".formatted(notSharing.touchpoint()), "/purchases/" + notSharing.purchase() + "/refunds")) {
            partner().get("/api/v1/customers/" + visible.id() + sub.replace(notSharing.touchpoint(), visible.touchpoint())
                    .replace(notSharing.purchase(), visible.purchase())).then().statusCode(200);
            sameAsUnknown(partner().get("/api/v1/customers/" + notSharing.id() + sub),
                    partner().get("/api/v1/customers/" + unknown + sub), notSharing.id(), unknown, "GET " + sub);
        }
        String unknownFollowUp = UUID.randomUUID().toString();
        partner().get("/api/v1/follow-ups/" + visible.followUp()).then().statusCode(200);
        sameAsUnknown(partner().get("/api/v1/follow-ups/" + notSharing.followUp()), partner().get("/api/v1/follow-ups/" + unknownFollowUp),
                notSharing.followUp(), unknownFollowUp, "follow-up");
        // Staff still see them: a merged id redirects to the survivor, an erased record is readable.
        as(Caller.STAFF.authorization()).get("/api/v1/customers/" + notSharing.id()).then().statusCode(200);
        as(Caller.STAFF.authorization()).get("/api/v1/customers/" + merged).then().statusCode(308);
        as(Caller.STAFF.authorization()).get("/api/v1/customers/" + erased).then().statusCode(200);
    }

    @Test
    void actions_on_a_hidden_customer_answer_like_an_unknown_id_and_change_nothing() {
        Fixture hidden = Fixture.create(false);
        String target = Fixture.customer(true);
        String unknown = UUID.randomUUID().toString();
        String unknownObject = UUID.randomUUID().toString();
        String etag = given().get("/api/v1/customers/" + hidden.id()).then().extract().header("ETag");
        List<Action> actions = List.of(
                new Action("POST", "/api/v1/customers/{c}/touchpoints", "{\"channel\":\"PHONE\",\"direction\":\"OUTBOUND\",\"phase\":\"SALE\"}", "application/json"),
                new Action("POST", "/api/v1/customers/{c}/purchases", "{\"externalOrderId\":\"HID-1\",\"amount\":10.00,\"currency\":\"CNY\"}", "application/json"),
                new Action("POST", "/api/v1/customers/{c}/follow-ups", "{\"dueAt\":\"2030-01-01T09:00:00Z\",\"reason\":\"call\"}", "application/json"),
                new Action("POST", "/api/v1/customers/{c}/referrals", "{\"referredCustomerId\":\"" + target + "\"}", "application/json"),
                new Action("POST", "/api/v1/customers/{c}/purchases/{o}/refunds", "{\"amount\":1.00}", "application/json"),
                new Action("PATCH", "/api/v1/customers/{c}", "{\"tags\":[\"seen\"]}", "application/merge-patch+json"),
                new Action("POST", "/api/v1/follow-ups/{f}/completion", "{\"outcome\":\"done\"}", "application/json"),
                // Staff-only operations: 403 for a partner whoever the customer is.
                new Action("POST", "/api/v1/customers/{c}/merge", "{\"targetCustomerId\":\"" + target + "\"}", "application/json"),
                new Action("POST", "/api/v1/customers/{c}/erasure", null, null),
                new Action("PUT", "/api/v1/customers/{c}/stage", "{\"stage\":\"TRUSTING\",\"reason\":\"x\"}", "application/json"),
                new Action("PUT", "/api/v1/customers/{c}/segmentation", "{\"priceSensitivity\":\"LOW\"}", "application/json"));
        for (Action a : actions) {
            String before = AccessMatrixTest.state(hidden) + Fixture.databaseState();
            Response onHidden = a.send(a.path().replace("{c}", hidden.id()).replace("{o}", hidden.purchase()).replace("{f}", hidden.followUp()), etag);
            Response onUnknown = a.send(a.path().replace("{c}", unknown).replace("{o}", unknownObject).replace("{f}", unknownObject), etag);
            assertThat(onHidden.statusCode()).as(a.method() + " " + a.path()).isIn(403, 404);
            sameAsUnknown(onHidden, onUnknown, List.of(hidden.id(), hidden.purchase(), hidden.followUp()), List.of(unknown, unknownObject),
                    a.method() + " " + a.path());
            assertThat(AccessMatrixTest.state(hidden) + Fixture.databaseState()).as(a.method() + " " + a.path() + " changed nothing").isEqualTo(before);
        }
    }

    /** A write a partner tries; {c}, {o} and {f} stand for the customer, its purchase and its follow-up. */
    record Action(String method, String path, String body, String contentType) {
        Response send(String concretePath, String etag) {
            RequestSpecification request = partner().header("If-Match", etag);
            if (body != null) {
                request.contentType(contentType).body(body);
            }
            return request.request(method, concretePath);
        }
    }

    @Test
    void ids_in_bodies_naming_hidden_customers_are_unknown_ids() {
        Fixture visible = Fixture.create(true);
        String notSharing = Fixture.customer(false);
        String unknown = UUID.randomUUID().toString();
        String path = "/api/v1/customers/" + visible.id() + "/referrals";
        Response unknownAnswer = partner().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + unknown + "\"}").post(path);
        assertThat(unknownAnswer.statusCode()).isEqualTo(422);
        for (String hidden : List.of(notSharing, merged(), erased())) {
            String before = Fixture.databaseState();
            Response answer = partner().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + hidden + "\"}").post(path);
            sameAsUnknown(answer, unknownAnswer, hidden, unknown, "referredCustomerId");
            assertThat(Fixture.databaseState()).isEqualTo(before);
        }
        // Already referred by someone else: still the unknown-id answer, not a conflict that proves the customer exists.
        String referrer = Fixture.customer(true);
        given().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + notSharing + "\"}")
                .post("/api/v1/customers/" + referrer + "/referrals").then().statusCode(201);
        sameAsUnknown(partner().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + notSharing + "\"}").post(path),
                unknownAnswer, notSharing, unknown, "already referred hidden customer");
        // Ids are taken as written: a leading space is not trimmed into a match.
        partner().contentType(ContentType.JSON).body("{\"referredCustomerId\":\" " + visible.other() + "\"}").post(path)
                .then().statusCode(400).body("errors.field", hasItem("referredCustomerId"));
        // A merge target is never reachable for a partner: merging is staff-only, whatever the target.
        partner().contentType(ContentType.JSON).body("{\"targetCustomerId\":\"" + notSharing + "\"}")
                .post("/api/v1/customers/" + visible.id() + "/merge").then().statusCode(403);
        // Staff may refer a customer who does not share with partners.
        as(Caller.STAFF.authorization()).contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + Fixture.customer(false) + "\"}")
                .post("/api/v1/customers/" + Fixture.customer(true) + "/referrals").then().statusCode(201);
    }

    @Test
    void a_conflict_does_not_name_a_hidden_customer() {
        // The referred customer was referred by a customer hidden from partners.
        String hiddenReferrer = Fixture.customer(false);
        String referred = Fixture.customer(true);
        given().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + referred + "\"}")
                .post("/api/v1/customers/" + hiddenReferrer + "/referrals").then().statusCode(201);
        String visible = Fixture.customer(true);
        String answer = partner().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + referred + "\"}")
                .post("/api/v1/customers/" + visible + "/referrals").then().statusCode(409).body("referrerId", equalTo(null))
                .extract().asString();
        assertThat(answer).doesNotContain(hiddenReferrer);
        given().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + referred + "\"}")
                .post("/api/v1/customers/" + visible + "/referrals").then().statusCode(409).body("referrerId", equalTo(hiddenReferrer));

        // A taken email: the conflict cannot be hidden, the hidden owner's id is.
        String email = Api.email();
        String owner = Api.register("{\"name\":\"Hidden Owner\",\"email\":\"" + email + "\"}");
        String conflict = partner().contentType(ContentType.JSON).body("{\"name\":\"Again\",\"email\":\"" + email + "\"}")
                .post("/api/v1/customers").then().statusCode(409).body("existingCustomerId", equalTo(null)).extract().asString();
        assertThat(conflict).doesNotContain(owner);
        given().contentType(ContentType.JSON).body("{\"name\":\"Again\",\"email\":\"" + email + "\"}")
                .post("/api/v1/customers").then().statusCode(409).body("existingCustomerId", equalTo(owner));
        String sharedEmail = Api.email();
        String sharing = Api.register("{\"name\":\"Shared Owner\",\"email\":\"" + sharedEmail + "\",\"consents\":{\"partnerSharing\":true}}");
        partner().contentType(ContentType.JSON).body("{\"name\":\"Again\",\"email\":\"" + sharedEmail + "\"}")
                .post("/api/v1/customers").then().statusCode(409).body("existingCustomerId", equalTo(sharing));
    }

    @Test
    void lists_and_searches_hold_only_visible_customers_with_cursors_from_visible_rows() {
        String tag = Api.unique("pv").toLowerCase();
        String owner = Api.unique("owner");
        List<String> visible = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        List<String> visibleFollowUps = new ArrayList<>();
        String due = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
        for (int i = 0; i < 6; i++) {
            boolean sharing = i % 2 == 0;
            String id = Api.register("{\"name\":\"" + tag + " " + i + "\",\"email\":\"" + Api.email() + "\",\"tags\":[\"" + tag
                    + "\"],\"consents\":{\"partnerSharing\":" + sharing + "}}");
            (sharing ? visible : hidden).add(id);
            String f = Fixture.followUp(id, due, owner);
            if (sharing) {
                visibleFollowUps.add(f);
            }
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = partner().queryParam("tag", tag).queryParam("limit", 1).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/customers").then().statusCode(200).extract();
            List<String> items = page.path("items.id");
            assertThat(items).hasSize(1);
            seen.addAll(items);
            cursor = page.path("nextCursor");
            if (cursor != null) {
                assertThat(visible).contains(cursorId(cursor));
            }
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).isEqualTo(visible.reversed());
        assertThat(pages).isEqualTo(3);
        // Text search too (name prefixes "<tag> 0" < "<tag> 2" < "<tag> 4": A to Z); staff see everyone.
        partner().queryParam("q", tag).get("/api/v1/customers").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(visible.toArray()));
        as(Caller.STAFF.authorization()).queryParam("tag", tag).get("/api/v1/customers").then().body("items.size()", equalTo(6));
        as(Caller.STAFF.authorization()).queryParam("q", tag).get("/api/v1/customers").then()
                .body("items.id", org.hamcrest.Matchers.hasItems(hidden.toArray(String[]::new)));

        // Follow-ups across customers, and an owner's queue.
        List<String> seenFollowUps = new ArrayList<>();
        cursor = null;
        pages = 0;
        do {
            var page = partner().queryParam("owner", owner).queryParam("limit", 1).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/follow-ups").then().statusCode(200).extract();
            List<String> items = page.path("items.id");
            assertThat(items).hasSize(1);
            seenFollowUps.addAll(items);
            cursor = page.path("nextCursor");
            if (cursor != null) {
                assertThat(visibleFollowUps).contains(cursorId(cursor));
            }
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seenFollowUps).containsExactlyInAnyOrderElementsOf(visibleFollowUps);
        partner().queryParam("owner", owner).get("/api/v1/follow-ups/queue").then().statusCode(200)
                .body("overdue.customerId", org.hamcrest.Matchers.containsInAnyOrder(visible.toArray()));
        as(Caller.STAFF.authorization()).queryParam("owner", owner).get("/api/v1/follow-ups").then().body("items.size()", equalTo(6));
        as(Caller.STAFF.authorization()).queryParam("owner", owner).get("/api/v1/follow-ups/queue").then().body("overdue.size()", equalTo(6));
    }

    @Test
    void lost_customer_analytics_count_only_visible_customers() {
        String visible = Fixture.customer(true);
        String hidden = Fixture.customer(false);
        ControllableClock.set(Instant.parse("2031-05-05T10:00:00Z"));
        for (String id : List.of(visible, hidden)) {
            given().contentType(ContentType.JSON)
                    .body("{\"stage\":\"LOST\",\"reason\":\"left\",\"lostReasonCode\":\"PRICE\",\"lostReasonText\":\"too dear\"}")
                    .put("/api/v1/customers/" + id + "/stage").then().statusCode(200);
        }
        partner().queryParam("from", "2031-05-05").queryParam("to", "2031-05-06").get("/api/v1/analytics/lost-customers").then()
                .statusCode(200).body("total", equalTo(1)).body("byReason.PRICE", equalTo(1))
                .body("latest.customerId", org.hamcrest.Matchers.contains(visible));
        as(Caller.STAFF.authorization()).queryParam("from", "2031-05-05").queryParam("to", "2031-05-06")
                .get("/api/v1/analytics/lost-customers").then().body("total", equalTo(2))
                .body("latest.customerId", org.hamcrest.Matchers.containsInAnyOrder(visible, hidden));
        // Their exit-survey answers too: the hidden customer's reason is not counted for the partner.
        for (String id : List.of(visible, hidden)) {
            TopicRecords.send("crm.surveys", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/survey-service",
                    "crm.survey.exit-reasons.recorded.v1", id, "{\"responseId\":\"" + UUID.randomUUID() + "\",\"surveyId\":\""
                            + UUID.randomUUID() + "\",\"customerId\":\"" + id + "\",\"reasons\":[\"" + (id.equals(visible) ? "price" : "secret")
                            + "\"],\"submittedAt\":\"2031-05-06T09:00:00Z\"}"));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                as(Caller.STAFF.authorization()).queryParam("from", "2031-05-05").queryParam("to", "2031-05-06")
                        .get("/api/v1/analytics/lost-customers").then().body("exitSurvey.answered", equalTo(2)));
        partner().queryParam("from", "2031-05-05").queryParam("to", "2031-05-06").get("/api/v1/analytics/lost-customers").then()
                .statusCode(200).body("exitSurvey.answered", equalTo(1))
                .body("exitSurvey.byReason", equalTo(java.util.Map.of("price", 1)));
        // Figures over every customer are staff-only.
        partner().get("/api/v1/analytics/customers").then().statusCode(403);
    }

    static void insertTimelineEntry(String customerId, String kind, String at) throws Exception {
        try (Connection c = PostgresDatabase.connect();
             PreparedStatement insert = c.prepareStatement("""
                     insert into timeline_entry (id, customer_id, occurred_at, kind, ref_id, summary, data)
                     values (?, ?, ?::timestamptz, ?, null, ?, '{}'::jsonb)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.fromString(customerId));
            insert.setString(3, at);
            insert.setString(4, kind);
            insert.setString(5, kind + " from another service");
            insert.executeUpdate();
        }
    }

    static List<String> timelineKinds(RequestSpecification caller, String id) {
        return caller.queryParam("limit", 200).get("/api/v1/customers/" + id + "/timeline").then().statusCode(200).extract().path("items.kind");
    }

    @Test
    void the_timeline_and_export_hold_only_entries_the_callers_scopes_allow() throws Exception {
        String id = Fixture.customer(true);
        Api.purchase(id, "TL-S-1", "10.00", false, null);
        String later = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).toString();
        insertTimelineEntry(id, "COMPLAINT_FILED", later);
        insertTimelineEntry(id, "SURVEY_ANSWERED", later);
        insertTimelineEntry(id, "LOYALTY_TIER_CHANGED", later);
        Set<String> foreign = Set.of("COMPLAINT_FILED", "SURVEY_ANSWERED", "LOYALTY_TIER_CHANGED");

        assertThat(timelineKinds(given(), id)).containsAll(foreign).contains("PURCHASE");
        assertThat(timelineKinds(partner(Scopes.CUSTOMERS_READ), id)).contains("PURCHASE").doesNotContainAnyElementsOf(foreign);
        assertThat(timelineKinds(partner(Scopes.CUSTOMERS_READ, Scopes.COMPLAINTS_READ), id))
                .contains("COMPLAINT_FILED").doesNotContain("SURVEY_ANSWERED", "LOYALTY_TIER_CHANGED");
        assertThat(timelineKinds(partner(Scopes.CUSTOMERS_READ, Scopes.SURVEYS_READ, Scopes.LOYALTY_READ), id))
                .contains("SURVEY_ANSWERED", "LOYALTY_TIER_CHANGED").doesNotContain("COMPLAINT_FILED");
        // Scopes, not caller kind: staff who may only read customers do not see complaints either.
        assertThat(timelineKinds(as("Bearer " + InternalTokens.staff(Api.AUDIENCE, Scopes.CUSTOMERS_READ)), id))
                .doesNotContainAnyElementsOf(foreign);

        // Filtered in the query: every page is full and the walk sees exactly the unpaged list.
        List<String> all = timelineKinds(partner(Scopes.CUSTOMERS_READ), id);
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            var page = partner(Scopes.CUSTOMERS_READ).queryParam("limit", 1).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/customers/" + id + "/timeline").then().statusCode(200).extract();
            List<String> kinds = page.path("items.kind");
            assertThat(kinds).hasSize(1);
            walked.addAll(kinds);
            cursor = page.path("nextCursor");
        } while (cursor != null && walked.size() < 50);
        assertThat(walked).isEqualTo(all);

        // The export (staff only) is a composite read with the same scope rule.
        as("Bearer " + InternalTokens.staff(Api.AUDIENCE, Scopes.CUSTOMERS_READ)).get("/api/v1/customers/" + id + "/export").then()
                .statusCode(200).body("timeline.kind", not(hasItem("COMPLAINT_FILED"))).body("timeline.kind", not(hasItem("SURVEY_ANSWERED")))
                .body("timeline.kind", hasItem("PURCHASE"));
        given().get("/api/v1/customers/" + id + "/export").then().body("timeline.kind", hasItem("COMPLAINT_FILED"));
    }

    @Test
    void referrals_and_merges_naming_hidden_customers_are_not_shown_to_partners() {
        String id = Fixture.customer(true);
        String hidden = Fixture.customer(false);
        String shown = Fixture.customer(true);
        for (String referred : List.of(hidden, shown)) {
            given().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + referred + "\"}")
                    .post("/api/v1/customers/" + id + "/referrals").then().statusCode(201);
        }
        String duplicate = Fixture.customer(true);
        given().contentType(ContentType.JSON).body("{\"targetCustomerId\":\"" + id + "\"}")
                .post("/api/v1/customers/" + duplicate + "/merge").then().statusCode(200);

        partner().get("/api/v1/customers/" + id + "/referrals").then().statusCode(200).body("referred.referredId", org.hamcrest.Matchers.contains(shown));
        assertThat(timelineKinds(partner(), id)).contains("REFERRAL").doesNotContain("MERGED");
        assertThat(partner().get("/api/v1/customers/" + id + "/timeline").asString()).doesNotContain(hidden).doesNotContain(duplicate);
        assertThat(partner().queryParam("limit", 200).get("/api/v1/customers/" + id + "/history").asString())
                .contains(shown).doesNotContain(hidden).doesNotContain(duplicate);
        partner().get("/api/v1/customers/" + id + "/export").then().statusCode(403);

        given().get("/api/v1/customers/" + id + "/referrals").then().body("referred.referredId", org.hamcrest.Matchers.containsInAnyOrder(hidden, shown));
        assertThat(timelineKinds(given(), id)).contains("MERGED");
        assertThat(given().get("/api/v1/customers/" + id + "/export").asString()).contains(hidden).contains(duplicate);
    }

    @Test
    void a_partner_cannot_change_consents() {
        String id = Fixture.customer(true);
        String etag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");
        for (String patch : List.of("{\"consents\":{\"partnerSharing\":false}}", "{\"consents\":{\"marketing\":true}}", "{\"consents\":null}")) {
            partner().contentType("application/merge-patch+json").header("If-Match", etag).body(patch).patch("/api/v1/customers/" + id)
                    .then().statusCode(403).contentType("application/problem+json").body("errors.field", hasItem("consents"));
        }
        given().get("/api/v1/customers/" + id).then().header("ETag", etag).body("consents.marketing", equalTo(false));
        // Nor make a hidden customer visible: it is unknown to them.
        String hidden = Fixture.customer(false);
        String hiddenEtag = given().get("/api/v1/customers/" + hidden).then().extract().header("ETag");
        partner().contentType("application/merge-patch+json").header("If-Match", hiddenEtag).body("{\"consents\":{\"partnerSharing\":true}}")
                .patch("/api/v1/customers/" + hidden).then().statusCode(404);
        given().get("/api/v1/customers/" + hidden).then().header("ETag", hiddenEtag).body("consents.partnerSharing", equalTo(false));
        // Other fields they may change; staff may record consents.
        partner().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"tags\":[\"partner-seen\"]}")
                .patch("/api/v1/customers/" + id).then().statusCode(200).body("tags", org.hamcrest.Matchers.contains("partner-seen"));
        String newEtag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");
        as(Caller.STAFF.authorization()).contentType("application/merge-patch+json").header("If-Match", newEtag)
                .body("{\"consents\":{\"partnerSharing\":false}}").patch("/api/v1/customers/" + id).then().statusCode(200);
        partner().get("/api/v1/customers/" + id).then().statusCode(404);
    }

    @Test
    void an_idempotency_key_is_never_replayed_to_another_caller() {
        String key = Api.unique("idem");
        String body = "{\"name\":\"Idem\",\"email\":\"" + Api.email() + "\"}";
        String first = partner("customers:write").header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
        // The same caller retrying gets its first answer.
        partner("customers:write").header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/api/v1/customers")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        // Another partner with the same key and body does not: it registers (here: a taken email), nothing replayed.
        as("Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-other", Scopes.CUSTOMERS_WRITE)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/customers")
                .then().statusCode(409).header("Idempotent-Replayed", equalTo(null));
        // ... and with another body it is a new create, not "key reused with another body".
        String second = as("Bearer " + InternalTokens.partner(Api.AUDIENCE, "p-other", Scopes.CUSTOMERS_WRITE)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"name\":\"Idem 2\",\"email\":\"" + Api.email() + "\"}").post("/api/v1/customers")
                .then().statusCode(201).header("Idempotent-Replayed", equalTo(null)).extract().path("id");
        assertThat(second).isNotEqualTo(first);
        // Staff are callers of their own too.
        as(Caller.STAFF.authorization()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/api/v1/customers")
                .then().statusCode(409).header("Idempotent-Replayed", equalTo(null));
    }
}
