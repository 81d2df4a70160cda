package dev.crmsuite.complaint.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.crmsuite.complaint.testing.Api;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.crmsuite.complaint.testing.Api.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

/**
 * A partner sees only complaints of customers who consented to partner sharing, learnt from real
 * crm.customers events. Everything else answers exactly as an unknown id (status and problem body
 * apart from the id), in single reads, sub-resources, actions (which change nothing) and ids named in
 * bodies; lists are filtered in the query, so pages are full and cursors name only visible rows;
 * aggregates are staff only.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class PartnerVisibilityTest {

    static final Header PARTNER = Api.partner("p-vis");

    /** Consented. */
    static String visible;
    /** Registered without consent. */
    static String hidden;
    /** Never named by any event: for a partner, unknown means no consent. */
    static String unknown;

    @Inject
    ControllableClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void customers() {
        clock.set(Api.berlin("2026-12-01T10:00"));
        if (visible != null) {
            return;
        }
        visible = Api.newCustomer();
        hidden = Api.newCustomer();
        unknown = Api.newCustomer();
        Api.registered(visible, true);
        Api.registered(hidden, false);
        Api.awaitConsent(visible, true);
        Api.awaitConsent(hidden, false);
    }

    @Test
    void a_hidden_complaint_reads_like_an_unknown_id() {
        for (String owner : List.of(hidden, unknown)) {
            String id = Api.fileId(owner, "PHONE", "SERVICE");
            for (String sub : List.of("", "/pauses", "/comments", "/tags")) {
                assertSameAsUnknown("GET", id, sub, null, null);
            }
            // Back-office sub-resources are refused to partners whoever the customer is.
            for (String sub : List.of("/audit", "/assignments")) {
                given().header(PARTNER).get(BASE + "/" + id + sub).then().statusCode(403);
            }
        }
        // A malformed id is unknown too, with the same wording.
        Response malformed = given().header(PARTNER).get(BASE + "/not-a-complaint").then().extract().response();
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(normalised(malformed, "not-a-complaint"))
                .isEqualTo(normalised(given().header(PARTNER).get(BASE + "/" + Api.newCustomer()).then().extract().response(), null));
    }

    @Test
    void an_action_on_a_hidden_complaint_answers_like_an_unknown_id_and_changes_nothing() {
        String open = Api.fileId(hidden, "PHONE", "SERVICE");
        String inProgress = Api.fileId(hidden, "PHONE", "SERVICE");
        Api.act(inProgress, "acknowledge").statusCode(200);
        Api.act(inProgress, "start").statusCode(200);
        String resolved = Api.fileId(hidden, "PHONE", "SERVICE");
        Api.act(resolved, "acknowledge").statusCode(200);
        Api.act(resolved, "start").statusCode(200);
        Api.resolve(resolved, true, null).statusCode(200);
        given().contentType(ContentType.JSON).body("{\"tag\":\"fragile\"}").post(BASE + "/" + open + "/tags").then().statusCode(200);

        record Action(String id, String method, String sub, String body) {
        }
        List<Action> actions = List.of(
                new Action(open, "POST", "/acknowledge", null),
                new Action(open, "POST", "/comments", "{\"body\":\"Hello\",\"visibility\":\"CUSTOMER\"}"),
                new Action(open, "POST", "/tags", "{\"tag\":\"product-idea\"}"),
                new Action(open, "DELETE", "/tags/fragile", null),
                new Action(inProgress, "POST", "/wait-on-customer", null),
                new Action(inProgress, "POST", "/resolution",
                        "{\"outcome\":\"o\",\"rootCause\":\"r\",\"firstContactResolution\":true,\"compensationPoints\":500}"),
                new Action(resolved, "POST", "/reopen", "{\"reason\":\"again\"}"),
                new Action(resolved, "POST", "/close", null));
        for (Action a : actions) {
            String before = state(a.id());
            assertSameAsUnknown(a.method(), a.id(), a.sub(), a.body(), null);
            // A stale If-Match does not give away that the complaint exists either.
            assertSameAsUnknown(a.method(), a.id(), a.sub(), a.body(), "\"999\"");
            assertThat(state(a.id())).as(a.method() + " " + a.sub() + " on a hidden complaint changes nothing").isEqualTo(before);
        }
        given().header(PARTNER).contentType(ContentType.JSON).body("{\"assignee\":\"ben\"}")
                .post(BASE + "/" + open + "/assignment").then().statusCode(403);
        assertThat(Api.outbox("crm.complaint.resolved.v1", inProgress)).isEmpty();
    }

    @Test
    void a_consenting_customers_complaint_is_served_and_internal_notes_stay_internal() {
        String id = Api.fileId(visible, "PHONE", "SERVICE");
        given().contentType(ContentType.JSON).body("{\"body\":\"Courier to blame\",\"visibility\":\"INTERNAL\"}")
                .post(BASE + "/" + id + "/comments").then().statusCode(201);
        given().header(PARTNER).get(BASE + "/" + id).then().statusCode(200).body("id", equalTo(id));
        given().header(PARTNER).post(BASE + "/" + id + "/acknowledge").then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        given().header(PARTNER).contentType(ContentType.JSON).body("{\"body\":\"Replacement is on its way\",\"visibility\":\"CUSTOMER\"}")
                .post(BASE + "/" + id + "/comments").then().statusCode(201).body("author", equalTo("Partner p-vis"));
        given().header(PARTNER).contentType(ContentType.JSON).body("{\"body\":\"psst\",\"visibility\":\"INTERNAL\"}")
                .post(BASE + "/" + id + "/comments").then().statusCode(403).contentType("application/problem+json");
        given().header(PARTNER).get(BASE + "/" + id + "/comments").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items.visibility", everyItem(equalTo("CUSTOMER")));
        given().header(PARTNER).queryParam("visibility", "INTERNAL").get(BASE + "/" + id + "/comments").then().statusCode(200)
                .body("items.size()", equalTo(0));
        given().get(BASE + "/" + id + "/comments").then().body("items.size()", equalTo(2));
        given().header(PARTNER).contentType(ContentType.JSON).body("{\"tag\":\"partner-channel\"}").post(BASE + "/" + id + "/tags")
                .then().statusCode(200);
        given().header(PARTNER).get(BASE + "/" + id + "/tags").then().statusCode(200).body("items.tag", org.hamcrest.Matchers.contains("partner-channel"));
    }

    @Test
    void lists_hold_only_visible_complaints_in_full_pages_with_cursors_from_visible_rows() {
        String tag = "vis-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> visibleIds = new ArrayList<>();
        List<String> hiddenIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (String owner : List.of(hidden, visible, unknown)) {
                String id = Api.fileId(owner, "WEB", "PRODUCT");
                given().contentType(ContentType.JSON).body("{\"tag\":\"" + tag + "\"}").post(BASE + "/" + id + "/tags").then().statusCode(200);
                (owner.equals(visible) ? visibleIds : hiddenIds).add(id);
                clock.advance(Duration.ofMinutes(1));
            }
        }
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification page = given().header(PARTNER).queryParam("tag", tag).queryParam("limit", 2);
            if (cursor != null) {
                page = page.queryParam("cursor", cursor);
            }
            JsonNode body = TopicRecords.parse(page.get(BASE).then().statusCode(200).extract().asString());
            List<String> ids = new ArrayList<>();
            body.path("items").forEach(c -> ids.add(c.path("id").asText()));
            cursor = body.path("nextCursor").isNull() || body.path("nextCursor").isMissingNode() ? null : body.path("nextCursor").asText();
            if (cursor != null) {
                // The cursor names the last row of the page, a visible one, and nothing else.
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                assertThat(decoded).endsWith(ids.getLast());
                hiddenIds.forEach(h -> assertThat(decoded).doesNotContain(h));
            }
            seen.addAll(ids);
            sizes.add(ids.size());
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(visibleIds);
        assertThat(sizes).containsExactly(2, 2, 1);

        // A customer the partner may not see has no complaints, exactly as a customer nobody knows.
        for (String owner : List.of(hidden, unknown, Api.newCustomer())) {
            given().header(PARTNER).queryParam("customerId", owner).get(BASE).then().statusCode(200)
                    .body("items.size()", equalTo(0)).body("nextCursor", org.hamcrest.Matchers.nullValue());
        }
        given().header(PARTNER).queryParam("customerId", visible).queryParam("tag", tag).get(BASE).then()
                .body("items.size()", equalTo(5));
        // Staff see every complaint.
        given().queryParam("tag", tag).queryParam("limit", 200).get(BASE).then().body("items.size()", equalTo(15));
    }

    @Test
    void a_customer_named_in_a_body_must_be_one_the_partner_may_see() {
        int hiddensComplaints = complaintsOf(hidden);
        Response forHidden = fileAsPartner(hidden);
        Response forUnknown = fileAsPartner(unknown);
        assertThat(forHidden.statusCode()).isEqualTo(422);
        assertThat(forHidden.jsonPath().getString("type")).isEqualTo("https://crmsuite.dev/problems/unknown-customer");
        assertThat(forHidden.jsonPath().getString("errors[0].field")).isEqualTo("customerId");
        assertThat(normalised(forHidden, hidden)).isEqualTo(normalised(forUnknown, unknown));
        // Ids are read strictly: spaces around a customer id are refused, never trimmed into a match.
        for (String spelled : List.of(" " + hidden, " " + visible, visible + " ", "\\t" + visible,
                visible.toUpperCase().substring(0, 35))) {
            Response r = fileAsPartner(spelled);
            assertThat(r.statusCode()).as(spelled).isEqualTo(400);
            assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("customerId");
        }
        assertThat(complaintsOf(hidden)).as("nothing was filed for the hidden customer").isEqualTo(hiddensComplaints);
        given().queryParam("customerId", " " + visible).get(BASE).then().statusCode(400)
                .body("errors[0].field", equalTo("customerId"));
        assertThat(fileAsPartner(visible).statusCode()).isEqualTo(201);
        // Staff may file for any customer, an unknown one included (reconciled when its event arrives).
        Api.file(hidden, "PHONE", "OTHER").statusCode(201);
        Api.file(unknown, "PHONE", "OTHER").statusCode(201).body("customerKnown", equalTo(false));
    }

    @Test
    void a_withdrawn_consent_hides_the_customers_complaints() {
        String customer = Api.newCustomer();
        Api.registered(customer, true);
        Api.awaitConsent(customer, true);
        String id = Api.fileId(customer, "PHONE", "SERVICE");
        given().header(PARTNER).get(BASE + "/" + id).then().statusCode(200);
        Api.partnerSharing(customer, false);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().header(PARTNER).get(BASE + "/" + id).then().statusCode(404));
        assertSameAsUnknown("GET", id, "", null, null);
        given().header(PARTNER).queryParam("customerId", customer).get(BASE).then().body("items.size()", equalTo(0));
        Api.partnerSharing(customer, true);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().header(PARTNER).get(BASE + "/" + id).then().statusCode(200));
    }

    @Test
    void aggregates_over_every_customer_are_staff_only() {
        given().header(PARTNER).get(BASE + "/stats").then().statusCode(403).contentType("application/problem+json");
        given().header(PARTNER).get(BASE + "/unknown-customers").then().statusCode(403).contentType("application/problem+json");
        given().get(BASE + "/stats").then().statusCode(200);
        given().get(BASE + "/unknown-customers").then().statusCode(200);
    }

    @Test
    void an_idempotency_key_is_replayed_only_to_the_caller_who_sent_it() {
        String body = Api.body(visible, "PARTNER", "PRODUCT", null);
        String key = UUID.randomUUID().toString();
        String first = idempotentFile(PARTNER, key, body).then().statusCode(201).extract().path("id");
        idempotentFile(PARTNER, key, body).then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        Response other = idempotentFile(Api.partner("p-other"), key, body);
        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(other.jsonPath().getString("id")).isNotEqualTo(first);
        Response staff = idempotentFile(Api.actor("ann"), key, body);
        assertThat(staff.statusCode()).isEqualTo(201);
        assertThat(staff.jsonPath().getString("id")).isNotIn(first, other.jsonPath().getString("id"));
        // The first caller still gets its own answer.
        idempotentFile(PARTNER, key, body).then().statusCode(201).body("id", equalTo(first));
    }

    /** How many complaints the customer has, read as admin. */
    private static int complaintsOf(String customerId) {
        return given().queryParam("customerId", customerId).queryParam("limit", 200).get(BASE).then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }

    private static Response idempotentFile(Header caller, String key, String body) {
        return given().header(caller).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post(BASE)
                .then().extract().response();
    }

    private static Response fileAsPartner(String customerId) {
        return given().header(PARTNER).contentType(ContentType.JSON).body(Api.body(customerId, "PARTNER", "PRODUCT", null))
                .post(BASE).then().extract().response();
    }

    /**
     * Sends the same request as the partner for the hidden complaint and for an id nobody knows;
     * both answers must be the same 404 problem, apart from the id.
     */
    private static void assertSameAsUnknown(String method, String id, String sub, String body, String ifMatch) {
        String nobody = UUID.randomUUID().toString();
        Response forHidden = send(method, id, sub, body, ifMatch);
        Response forUnknown = send(method, nobody, sub, body, ifMatch);
        assertThat(forHidden.statusCode()).as(method + " " + sub).isEqualTo(404);
        assertThat(forUnknown.statusCode()).as(method + " " + sub).isEqualTo(404);
        assertThat(forHidden.contentType()).isEqualTo(forUnknown.contentType());
        assertThat(normalised(forHidden, id)).as(method + " " + sub).isEqualTo(normalised(forUnknown, nobody));
    }

    private static Response send(String method, String id, String sub, String body, String ifMatch) {
        RequestSpecification request = given().header(PARTNER);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.request(method, BASE + "/" + id + sub).then().extract().response();
    }

    /** The problem body with the id replaced by a placeholder and the per-request id removed. */
    private static JsonNode normalised(Response response, String id) {
        JsonNode node = TopicRecords.parse(response.asString());
        ((ObjectNode) node).remove("requestId");
        return replace(node, id);
    }

    private static JsonNode replace(JsonNode node, String id) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> copy = new ArrayList<>();
            fields.forEachRemaining(copy::add);
            copy.forEach(e -> object.set(e.getKey(), replace(e.getValue(), id)));
            return object;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, replace(node.get(i), id));
            }
            return node;
        }
        if (node.isTextual() && id != null) {
            return TextNode.valueOf(node.asText().replace(id, "<id>"));
        }
        if (node.isTextual()) {
            return TextNode.valueOf(node.asText().replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>"));
        }
        return node;
    }

    /** Everything a change could touch, read as admin. */
    private static String state(String id) {
        return String.join("\n", List.of("", "/audit", "/comments", "/tags", "/assignments", "/pauses").stream()
                .map(sub -> given().queryParam("limit", 200).get(BASE + "/" + id + sub).then().statusCode(200).extract().asString())
                .toList());
    }
}
