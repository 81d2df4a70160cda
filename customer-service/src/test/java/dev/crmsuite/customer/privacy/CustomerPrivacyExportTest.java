package dev.crmsuite.customer.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.security.Scopes;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 17 item 1, customer-service's part: a typed export of everything held about a person, staff
 * only, recorded in the customer's history, and answering exactly as its OpenAPI schema says.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CustomerPrivacyExportTest {

    static final String OPERATION = "/api/v1/customers/{id}/export";

    /** Every section of the document, each of which must hold a row for the customer built below. */
    static final List<String> SECTIONS = List.of("mergedDuplicates", "purchases", "refunds", "touchpoints", "followUps", "referrals",
            "losses", "timeline", "history", "consents", "complaintRecords", "exitSurveyResponses", "riskAssessments", "duplicateCandidates");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification as(String authorization) {
        return given().header("Authorization", authorization).redirects().follow(false);
    }

    @Test
    void only_staff_with_customers_read_may_export_and_partners_get_403_whatever_their_scopes() {
        String id = Api.register();
        String aud = Api.AUDIENCE;
        as(InternalTokens.NO_TOKEN).get("/api/v1/customers/" + id + "/export").then().statusCode(401);
        as("Bearer " + InternalTokens.anonymous(aud)).get("/api/v1/customers/" + id + "/export").then().statusCode(401);
        // A partner with every scope a partner can hold, on a customer who consented to partner sharing: still 403.
        String etag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"consents\":{\"partnerSharing\":true}}")
                .patch("/api/v1/customers/" + id).then().statusCode(200);
        Response partner = as("Bearer " + InternalTokens.partner(aud, "p-export", Scopes.GRANTABLE_TO_PARTNERS.toArray(String[]::new)))
                .get("/api/v1/customers/" + id + "/export");
        assertThat(partner.statusCode()).isEqualTo(403);
        assertThat(partner.contentType()).startsWith("application/problem+json");
        // Staff without customers:read.
        as("Bearer " + InternalTokens.staff(aud, Scopes.LOYALTY_READ)).get("/api/v1/customers/" + id + "/export").then().statusCode(403);
        // Viewer (read scopes only), staff (every scope but admin), admin.
        String viewer = "Bearer " + InternalTokens.staff(aud, Scopes.CUSTOMERS_READ, Scopes.LOYALTY_READ, Scopes.COMPLAINTS_READ, Scopes.SURVEYS_READ);
        String staff = "Bearer " + InternalTokens.staff(aud, Scopes.GRANTABLE_TO_PARTNERS.toArray(String[]::new));
        String admin = "Bearer " + InternalTokens.admin(aud);
        for (String caller : List.of(viewer, staff, admin)) {
            as(caller).get("/api/v1/customers/" + id + "/export").then().statusCode(200).body("customerId", equalTo(id));
        }
        // Three exports, three records; the refused calls left none.
        List<String> fields = given().queryParam("limit", 200).get("/api/v1/customers/" + id + "/history").then().extract().path("items.field");
        assertThat(fields.stream().filter(CustomerPrivacyExports.EXPORTED::equals)).hasSize(3);
    }

    @Test
    void each_export_is_recorded_in_the_history_with_the_caller_and_time_and_the_answer_holds_its_own_record() {
        String id = Api.register();
        JsonNode export = TopicRecords.parse(as(Api.staffActing("dpo.li")).get("/api/v1/customers/" + id + "/export").then()
                .statusCode(200).extract().asString());
        String generatedAt = export.path("generatedAt").asText();
        assertThat(export.path("exportedAt").asText()).isEqualTo(generatedAt);

        JsonNode change = null;
        for (JsonNode c : TopicRecords.parse(given().queryParam("limit", 200).get("/api/v1/customers/" + id + "/history").then()
                .statusCode(200).extract().asString()).path("items")) {
            if (CustomerPrivacyExports.EXPORTED.equals(c.path("field").asText())) {
                change = c;
            }
        }
        assertThat(change).as("the export's history record").isNotNull();
        assertThat(change.path("actor").asText()).isEqualTo("dpo.li");
        assertThat(change.path("oldValue").isNull()).isTrue();
        assertThat(OffsetDateTime.parse(change.path("newValue").asText())).isEqualTo(OffsetDateTime.parse(generatedAt));

        JsonNode own = export.path("history").get(export.path("history").size() - 1);
        assertThat(own.path("field").asText()).isEqualTo(CustomerPrivacyExports.EXPORTED);
        assertThat(own.path("actor").asText()).isEqualTo("dpo.li");
    }

    /** A customer with a row in every section, the answer validating against the documented schema. */
    @Test
    void a_customer_with_data_in_every_section_exports_all_of_it_as_documented() {
        String name = Api.unique("Export Everything");
        String id = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"+86 138 0000 2222\","
                + "\"address\":{\"city\":\"Suzhou\"},\"attributes\":{\"preferredStore\":\"Suzhou-1\"},\"tags\":[\"vip\"],"
                + "\"consents\":{\"marketing\":true,\"partnerSharing\":true}}");
        String duplicate = Api.register("{\"name\":\"" + name + " (old)\",\"email\":\"" + Api.email() + "\"}");
        String referred = Api.register();
        String lookAlike = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + Api.email() + "\",\"phone\":\"+86 138 0000 2222\"}");

        String purchase = given().contentType(ContentType.JSON).body("{\"externalOrderId\":\"EXP-1\",\"amount\":5999.00,\"currency\":\"CNY\","
                        + "\"items\":[{\"sku\":\"TV-55\",\"name\":\"Television\",\"quantity\":1,\"unitPrice\":5999.00}]}")
                .post("/api/v1/customers/" + id + "/purchases").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"amount\":999.00,\"reason\":\"scratched\"}")
                .post("/api/v1/customers/" + id + "/purchases/" + purchase + "/refunds").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"channel\":\"PHONE\",\"direction\":\"OUTBOUND\",\"phase\":\"AFTER_SALE\",\"summary\":\"asked about the TV\"}")
                .post("/api/v1/customers/" + id + "/touchpoints").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"dueAt\":\"2031-01-01T09:00:00Z\",\"reason\":\"call back about the TV\"}")
                .post("/api/v1/customers/" + id + "/follow-ups").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"referredCustomerId\":\"" + referred + "\",\"note\":\"brother\"}")
                .post("/api/v1/customers/" + id + "/referrals").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"targetCustomerId\":\"" + id + "\"}")
                .post("/api/v1/customers/" + duplicate + "/merge").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"stage\":\"LOST\",\"reason\":\"left\",\"lostReasonCode\":\"PRICE\","
                + "\"lostReasonText\":\"found it cheaper\"}").put("/api/v1/customers/" + id + "/stage").then().statusCode(200);
        given().get("/api/v1/customers/" + id + "/duplicates").then().statusCode(200);
        String complaint = UUID.randomUUID().toString();
        TopicRecords.send("crm.complaints", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/complaint-service",
                "crm.complaint.filed.v1", id, "{\"complaintId\":\"" + complaint + "\",\"customerId\":\"" + id
                        + "\",\"category\":\"PRODUCT\",\"subject\":\"TV broke\",\"filedAt\":\"2031-02-01T09:00:00Z\"}"));
        String response = UUID.randomUUID().toString();
        TopicRecords.send("crm.surveys", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/survey-service",
                "crm.survey.exit-reasons.recorded.v1", id, "{\"responseId\":\"" + response + "\",\"surveyId\":\"" + UUID.randomUUID()
                        + "\",\"customerId\":\"" + id + "\",\"reasons\":[\"price\"],\"submittedAt\":\"2031-02-02T09:00:00Z\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/customers/" + id + "/export").then()
                .body("complaintRecords.size()", equalTo(1)).body("exitSurveyResponses.size()", equalTo(1))
                // The timeline is fed by its own subscriber, which may land after the complaint record's.
                .body("timeline.kind", org.hamcrest.Matchers.hasItem("COMPLAINT_FILED")));

        String answer = given().get("/api/v1/customers/" + id + "/export").then().statusCode(200).extract().asString();
        JsonNode body = TopicRecords.parse(answer);
        for (String section : SECTIONS) {
            assertThat(body.path(section).isArray() && !body.path(section).isEmpty()).as("section %s holds the customer's data", section).isTrue();
        }
        assertThat(body.path("customerId").asText()).isEqualTo(id);
        assertThat(body.at("/customer/name").asText()).isEqualTo(name);
        assertThat(body.at("/customer/attributes/preferredStore").asText()).isEqualTo("Suzhou-1");
        assertThat(body.at("/mergedDuplicates/0/id").asText()).isEqualTo(duplicate);
        assertThat(body.at("/mergedDuplicates/0/profile/name").asText()).isEqualTo(name + " (old)");
        assertThat(texts(body.at("/mergedDuplicates/0/history"), "field")).contains("mergedInto");
        assertThat(body.at("/purchases/0/externalOrderId").asText()).isEqualTo("EXP-1");
        assertThat(body.at("/purchases/0/items/0/sku").asText()).isEqualTo("TV-55");
        assertThat(body.at("/purchases/0/refundedAmount").decimalValue()).isEqualByComparingTo("999.00");
        assertThat(body.at("/refunds/0/reason").asText()).isEqualTo("scratched");
        assertThat(body.at("/touchpoints/0/summary").asText()).isEqualTo("asked about the TV");
        assertThat(texts(body.path("followUps"), "reason")).contains("call back about the TV");
        assertThat(body.at("/referrals/0/referredId").asText()).isEqualTo(referred);
        assertThat(body.at("/referrals/0/note").asText()).isEqualTo("brother");
        assertThat(body.at("/losses/0/reasonCode").asText()).isEqualTo("PRICE");
        assertThat(body.at("/losses/0/reasonText").asText()).isEqualTo("found it cheaper");
        assertThat(texts(body.path("timeline"), "kind")).contains("PURCHASE", "REFUND", "TOUCHPOINT", "REFERRAL", "MERGED",
                "STAGE_CHANGED", "COMPLAINT_FILED");
        assertThat(texts(body.path("history"), "field")).contains("mergedFrom", "stage", CustomerPrivacyExports.EXPORTED);
        assertThat(texts(body.path("consents"), "consent")).containsExactly("MARKETING", "PARTNER_SHARING");
        assertThat(body.at("/complaintRecords/0/complaintId").asText()).isEqualTo(complaint);
        assertThat(body.at("/exitSurveyResponses/0/responseId").asText()).isEqualTo(response);
        assertThat(body.at("/exitSurveyResponses/0/reasons/0").asText()).isEqualTo("price");
        assertThat(body.at("/riskAssessments/0/level").asText()).isIn("LOW", "MEDIUM", "HIGH");
        assertThat(texts(body.path("duplicateCandidates"), "otherCustomerId")).contains(lookAlike);
        assertThat(body.at("/duplicateCandidates/0/matches/0/field").asText()).isNotBlank();

        List<String> violations = new ArrayList<>();
        documentedAnswer().validate(body).forEach(e -> violations.add(e.getInstanceLocation() + ": " + e.getMessage()));
        assertThat(violations).as("the export against its documented schema:\n%s", answer).isEmpty();

        // The timeline keeps its scope rule: staff who may only read customers do not get complaint entries.
        as("Bearer " + InternalTokens.staff(Api.AUDIENCE, Scopes.CUSTOMERS_READ)).get("/api/v1/customers/" + id + "/export").then()
                .statusCode(200).body("timeline.kind", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("COMPLAINT_FILED")));
        // A merged id answers with the survivor, whose export holds what was moved to it.
        as(Api.staffActing("dpo")).get("/api/v1/customers/" + duplicate + "/export").then().statusCode(308);
    }

    @Test
    void the_documented_answer_is_typed_and_its_example_validates() {
        JsonNode doc = TopicRecords.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        JsonNode media = doc.path("paths").path(OPERATION).path("get").path("responses").path("200").path("content").path("application/json");
        assertThat(media.path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/CustomerPrivacyExport");
        JsonNode export = doc.at("/components/schemas/CustomerPrivacyExport");
        assertThat(export.path("required").toString()).contains("customerId", "generatedAt");
        for (String section : SECTIONS) {
            assertThat(export.path("properties").has(section)).as(section).isTrue();
        }

        // Walk every schema the answer reaches: none is an object that says nothing about its members.
        Set<String> untyped = new TreeSet<>();
        walk(doc, media.path("schema"), "CustomerPrivacyExport", new LinkedHashSet<>(), untyped);
        assertThat(untyped).as("objects without properties in the export's schema").isEmpty();

        List<String> violations = new ArrayList<>();
        JsonNode example = media.path("examples").elements().next().path("value");
        documentedAnswer().validate(example).forEach(e -> violations.add(e.getInstanceLocation() + ": " + e.getMessage()));
        assertThat(violations).as("the documented example against the schema").isEmpty();
    }

    /** The one object of the profile whose members are the customer's own choice (CustomerView.attributes). */
    static final Set<String> FREE_FORM = Set.of("Customer.attributes");

    /** Collects the places reachable from {@code schema} typed as an object without any property. */
    static void walk(JsonNode doc, JsonNode schema, String where, Set<String> seen, Set<String> untyped) {
        if (schema == null || schema.isMissingNode() || !schema.isObject()) {
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            if (seen.add(ref)) {
                walk(doc, doc.at(ref.substring(1)), ref.substring(ref.lastIndexOf('/') + 1), seen, untyped);
            }
        }
        JsonNode type = schema.path("type");
        boolean object = type.isTextual() ? type.asText().equals("object") : type.toString().contains("\"object\"");
        // A reference with "type": "object" beside it is described by the schema it references (checked above).
        // A customer's attributes are free-form by design (the profile's own key-value notes, any members).
        if (object && !schema.has("$ref") && schema.path("properties").isEmpty() && !FREE_FORM.contains(where)) {
            untyped.add(where + " " + schema);
        }
        schema.path("properties").properties().forEach(p -> walk(doc, p.getValue(), where + "." + p.getKey(), seen, untyped));
        walk(doc, schema.path("items"), where + "[]", seen, untyped);
        walk(doc, schema.path("additionalProperties"), where + "{}", seen, untyped);
        for (String composition : List.of("anyOf", "oneOf", "allOf")) {
            schema.path(composition).forEach(s -> walk(doc, s, where, seen, untyped));
        }
    }

    /** The 200 answer's schema of the export, as JSON Schema 2020-12 with the document's components. */
    static Schema documentedAnswer() {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString()
                .replace("\"#/components/schemas/", "\"#/$defs/");
        JsonNode doc = TopicRecords.parse(json);
        ObjectNode schema = ((ObjectNode) doc.path("paths").path(OPERATION).path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema")).deepCopy();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.set("$defs", doc.path("components").path("schemas"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> {
            if (n.has(field)) {
                out.add(n.path(field).asText());
            }
        });
        return out;
    }
}
