package dev.crmsuite.complaint.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.complaint.sla.DeadlineCheck;
import dev.crmsuite.complaint.testing.Api;
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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.crmsuite.complaint.testing.Api.AUDIENCE;
import static dev.crmsuite.complaint.testing.Api.BASE;
import static dev.crmsuite.complaint.testing.Api.berlin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Issue 17 item 1: complaint's part of the personal data export holds every record complaint-service keeps about the person. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ComplaintPrivacyExportTest {

    static final String EXPORT = "/api/v1/privacy/complaints/customers/%s/export";
    static final List<String> SECTIONS = List.of("contactDetails", "partnerConsents", "complaints", "comments", "assignments",
            "pauses", "deadlineBreaches", "tags", "auditEntries");

    @Inject
    ControllableClock clock;
    @Inject
    DeadlineCheck check;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void monday() {
        clock.set(berlin("2026-11-30T10:00"));
    }

    static JsonPath export(String customer) {
        return given().header(Api.bearer(InternalTokens.staff(AUDIENCE, Scopes.CUSTOMERS_READ))).get(EXPORT.formatted(customer))
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    static void comment(String id, String body, String visibility) {
        given().contentType(ContentType.JSON).header(Api.actor("ann")).body("{\"body\":\"" + body + "\",\"visibility\":\"" + visibility + "\"}")
                .post(BASE + "/" + id + "/comments").then().statusCode(201);
    }

    /** A known customer with a complaint that went through everything: comments, holders, a pause, a missed deadline, a tag, a resolution. */
    String customerWithEverything() {
        String customer = Api.newCustomer();
        Api.registered(customer, false);
        Api.awaitConsent(customer, false);
        String id = Api.fileId(customer, "PHONE", "SERVICE");
        given().contentType(ContentType.JSON).header(Api.actor("ann")).body("{\"assignee\":\"ben\",\"reason\":\"knows the case\"}")
                .post(BASE + "/" + id + "/assignment").then().statusCode(200);
        comment(id, "We are sending a replacement", "CUSTOMER");
        comment(id, "Carrier claim filed", "INTERNAL");
        given().contentType(ContentType.JSON).header(Api.actor("ann")).body("{\"tag\":\"process-fix\",\"note\":\"Thicker boxes\"}")
                .post(BASE + "/" + id + "/tags").then().statusCode(200);
        // SERVICE is MEDIUM: respond within 8 business hours. A day later the check records the breach and escalates.
        clock.set(berlin("2026-12-01T11:00"));
        check.run();
        Api.act(id, "acknowledge").statusCode(200);
        Api.act(id, "start").statusCode(200);
        Api.act(id, "wait-on-customer").statusCode(200);
        clock.set(berlin("2026-12-01T12:00"));
        Api.act(id, "start").statusCode(200);
        Api.resolve(id, false, 300).statusCode(200);
        return customer;
    }

    @Test
    void a_customer_with_data_everywhere_gets_every_section_filled_with_what_complaint_service_holds() {
        String customer = customerWithEverything();
        JsonPath export = export(customer);

        assertThat(export.getString("customerId")).isEqualTo(customer);
        assertThat(export.getString("generatedAt")).isNotBlank();
        for (String section : SECTIONS) {
            assertThat(export.getList(section)).as(section).isNotEmpty();
        }
        // No name or email: complaint-service keeps what its rules ask of the customer, nothing to contact them by.
        assertThat(export.getString("contactDetails[0].customerId")).isEqualTo(customer);
        assertThat(export.getString("contactDetails[0].segment")).isEqualTo("TRANSACTIONAL");
        assertThat(export.getMap("contactDetails[0]")).doesNotContainKeys("displayName", "email");
        assertThat(export.getBoolean("partnerConsents[0].partnerSharing")).isFalse();
        String id = export.getString("complaints[0].complaintId");
        assertThat(export.getString("complaints[0].subject")).isEqualTo("Parcel arrived damaged");
        assertThat(export.getString("complaints[0].description")).contains("vase");
        assertThat(export.getString("complaints[0].status")).isEqualTo("RESOLVED");
        assertThat(export.getString("complaints[0].assignee")).isEqualTo("ben");
        assertThat(export.getInt("complaints[0].escalation.level")).isEqualTo(1);
        assertThat(export.getString("complaints[0].escalation.owner")).isNotBlank();
        assertThat(export.getInt("complaints[0].resolution.compensationPoints")).isEqualTo(300);
        assertThat(export.getString("complaints[0].resolution.compensationStatus")).isEqualTo("REQUESTED");
        assertThat(export.getString("complaints[0].resolution.outcome")).isEqualTo("Replacement sent");
        // Both kinds of comment, each marked.
        assertThat(export.getList("comments.visibility", String.class)).containsExactly("CUSTOMER", "INTERNAL");
        assertThat(export.getList("comments.body", String.class)).containsExactly("We are sending a replacement", "Carrier claim filed");
        assertThat(export.getList("comments.complaintId", String.class)).containsOnly(id);
        assertThat(export.getList("assignments.assignee", String.class)).contains("ben");
        assertThat(export.getString("pauses[0].resumedAt")).isNotNull();
        assertThat(export.getList("deadlineBreaches.deadline", String.class)).contains("FIRST_RESPONSE");
        assertThat(export.getString("tags[0].note")).isEqualTo("Thicker boxes");
        assertThat(export.getList("auditEntries.action", String.class)).contains("comment", "assign", "tag");
        assertThat(export.getList("auditEntries.complaintId", String.class)).containsOnly(id);
    }

    @Test
    void an_unknown_customer_gets_200_with_every_section_empty() {
        String unknown = Api.newCustomer();
        JsonPath export = export(unknown);
        assertThat(export.getString("customerId")).isEqualTo(unknown);
        for (String section : SECTIONS) {
            assertThat(export.getList(section)).as(section).isEmpty();
        }
        given().header(Api.bearer(InternalTokens.staff(AUDIENCE, Scopes.CUSTOMERS_READ))).get(EXPORT.formatted("not-a-uuid"))
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void the_survivor_of_a_merge_gets_the_merged_customers_complaints_and_details() {
        String source = customerWithEverything();
        String target = Api.newCustomer();
        Api.registered(target, false);
        Api.awaitConsent(target, false);
        String id = export(source).getString("complaints[0].complaintId");
        Api.customerEvent("crm.customer.merged.v1", target, """
                {"sourceCustomerId":"%s","targetCustomerId":"%s","mergedAt":"2026-12-01T13:00:00Z"}""".formatted(source, target));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.get(id).body("customerId", equalTo(target)));

        JsonPath survivor = export(target);
        assertThat(survivor.getList("complaints.complaintId", String.class)).containsExactly(id);
        assertThat(survivor.getList("comments")).hasSize(2);
        assertThat(survivor.getList("contactDetails.customerId", String.class)).containsExactly(target, source);
        assertThat(survivor.getString("contactDetails[1].mergedInto")).isEqualTo(target);
        assertThat(survivor.getList("auditEntries.field", String.class)).contains("customerId");
        // The merged-away id holds no complaint any more: they moved.
        JsonPath merged = export(source);
        assertThat(merged.getList("complaints")).isEmpty();
        assertThat(merged.getList("comments")).isEmpty();
        assertThat(merged.getString("contactDetails[0].mergedInto")).isEqualTo(target);
    }

    @Test
    void an_erased_customer_keeps_ids_and_facts_but_no_text() {
        String customer = customerWithEverything();
        Api.customerEvent("crm.customer.erased.v1", customer,
                "{\"customerId\":\"" + customer + "\",\"erasedAt\":\"2026-12-01T13:00:00Z\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(export(customer).getString("complaints[0].erasedAt")).isNotNull());
        JsonPath export = export(customer);
        assertThat(export.getMap("contactDetails[0]")).doesNotContainKeys("displayName", "email");
        assertThat(export.getString("contactDetails[0].erasedAt")).isNotNull();
        assertThat(export.getString("complaints[0].subject")).isEqualTo("(erased)");
        assertThat(export.getString("complaints[0].description")).isNull();
        assertThat(export.getList("comments.body")).containsOnlyNulls();
        assertThat(export.getList("comments.visibility", String.class)).containsExactly("CUSTOMER", "INTERNAL");
        assertThat(export.prettify()).doesNotContain("vase", "replacement");
        // Staff's words about the case go too: resolution, root cause, tag notes and the audit's copies of them.
        assertThat(export.getString("complaints[0].resolution.outcome")).isNull();
        assertThat(export.getString("complaints[0].resolution.rootCause")).isNull();
        assertThat(export.prettify()).doesNotContain("Replacement sent", "Thin packaging", "Thicker boxes");
    }

    @Test
    void only_staff_with_customers_read_may_export_partners_never() {
        String customer = Api.newCustomer();
        Api.registered(customer, true);
        Api.awaitConsent(customer, true);
        String path = EXPORT.formatted(customer);
        given().header("Authorization", InternalTokens.NO_TOKEN).get(path).then().statusCode(401)
                .contentType("application/problem+json");
        given().header(Api.bearer(InternalTokens.partner(AUDIENCE, "p-one", Scopes.CUSTOMERS_READ))).get(path).then()
                .statusCode(403).contentType("application/problem+json");
        given().header(Api.partner("p-all")).get(path).then().statusCode(403).contentType("application/problem+json");
        String[] reads = Scopes.ALL.stream().filter(s -> s.endsWith(":read")).toArray(String[]::new);
        given().header(Api.bearer(InternalTokens.staff(AUDIENCE, reads))).get(path).then().statusCode(200)
                .body("customerId", equalTo(customer));
        String[] allButAdmin = Scopes.ALL.stream().filter(s -> !s.equals(Scopes.ADMIN)).toArray(String[]::new);
        given().header(Api.bearer(InternalTokens.staff(AUDIENCE, allButAdmin))).get(path).then().statusCode(200);
        given().header(Api.bearer(InternalTokens.admin(AUDIENCE))).get(path).then().statusCode(200);
        // complaints:read alone is not enough: the export is the customer's personal data.
        given().header(Api.bearer(InternalTokens.staff(AUDIENCE, Scopes.COMPLAINTS_READ))).get(path).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void the_export_is_documented_with_a_typed_schema() {
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        JsonNode op = doc.path("paths").path("/api/v1/privacy/complaints/customers/{customerId}/export").path("get");
        assertThat(op.path("summary").asText()).isNotBlank();
        assertThat(op.path("description").asText()).isNotBlank();
        assertThat(op.path("tags").toString()).contains("Privacy");
        assertThat(op.path("security").toString()).contains(Scopes.CUSTOMERS_READ);
        assertThat(op.path("x-crm-staff-only").asBoolean(false)).isTrue();
        JsonNode ok = op.path("responses").path("200").path("content").path("application/json");
        assertThat(ok.path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/ComplaintPrivacyExport");
        assertThat(ok.path("examples").isEmpty()).isFalse();
        List<String> untyped = new ArrayList<>();
        untypedObjects(doc, doc.at("/components/schemas/ComplaintPrivacyExport"), "ComplaintPrivacyExport", untyped, new ArrayList<>());
        assertThat(untyped).isEmpty();
        JsonNode export = doc.at("/components/schemas/ComplaintPrivacyExport/properties");
        for (String section : SECTIONS) {
            assertThat(export.path(section).path("items").path("$ref").asText()).as(section)
                    .startsWith("#/components/schemas/ComplaintPrivacy");
        }
        JsonNode comment = doc.at("/components/schemas/ComplaintPrivacyComment/properties/visibility");
        assertThat(comment.toString()).contains("CUSTOMER", "INTERNAL");
    }

    /** Every object schema reachable from {@code schema} without properties (a free-form object) goes to {@code out}. */
    static void untypedObjects(JsonNode doc, JsonNode schema, String where, List<String> out, List<String> seen) {
        String ref = schema.path("$ref").asText("");
        if (!ref.isEmpty()) {
            if (!seen.contains(ref)) {
                seen.add(ref);
                untypedObjects(doc, doc.at(ref.substring(1)), ref, out, seen);
            }
            return;
        }
        if ("object".equals(schema.path("type").asText()) && !schema.has("properties")) {
            out.add(where);
        }
        schema.path("properties").properties().forEach(p -> untypedObjects(doc, p.getValue(), where + "." + p.getKey(), out, seen));
        for (String nested : List.of("items", "allOf", "anyOf", "oneOf")) {
            JsonNode n = schema.path(nested);
            if (n.isArray()) {
                n.forEach(s -> untypedObjects(doc, s, where, out, seen));
            } else if (!n.isMissingNode()) {
                untypedObjects(doc, n, where + "[]", out, seen);
            }
        }
    }
}
