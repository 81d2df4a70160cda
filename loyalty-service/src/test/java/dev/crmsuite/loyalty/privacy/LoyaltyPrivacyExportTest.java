package dev.crmsuite.loyalty.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.loyalty.support.Loyalty;
import dev.crmsuite.loyalty.support.Tokens;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Issue 17 item 1: loyalty's part of the personal data export holds every record loyalty keeps about the person. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class LoyaltyPrivacyExportTest {

    static final String EXPORT = "/api/v1/privacy/loyalty/customers/%s/export";
    static final List<String> SECTIONS = List.of("contactDetails", "partnerConsents", "accounts", "ledgerEntries", "lots",
            "purchases", "refunds", "vouchers", "redemptions", "goodwillDecisions", "attendedEvents");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static JsonPath export(String customer) {
        return given().header("Authorization", Tokens.staff()).get(EXPORT.formatted(customer))
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    static String resolved(String customer, String complaintId, long points) {
        return TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/complaint-service", "crm.complaint.resolved.v1", customer,
                "{\"complaintId\":\"" + complaintId + "\",\"customerId\":\"" + customer + "\",\"resolvedAt\":\"2026-11-22T10:00:00Z\","
                        + "\"firstContactResolution\":true,\"rootCause\":\"DELIVERY\",\"outcome\":\"REFUND\",\"compensationPoints\":" + points + "}");
    }

    /** A member with a row in every table loyalty keeps about a person. */
    static String memberWithEverything() {
        String customer = Loyalty.member(false);
        // An attended event of 2020, when no EVENT_ATTENDANCE rule was in force: kept, earns nothing (balances below stay).
        TopicRecords.send("crm.customers", customer, Loyalty.attendanceEvent(
                TopicRecords.newId(), customer, UUID.randomUUID().toString(), "2020-05-01T18:00:00Z"));
        String purchase = Loyalty.purchase(customer, "120.00");
        Loyalty.awaitBalance(customer, 120);
        TopicRecords.send("crm.customers", customer, Loyalty.refundEvent(customer, purchase, "20.00", "120.00"));
        Loyalty.awaitBalance(customer, 100);
        Loyalty.bonus(customer, 400);
        String complaint = UUID.randomUUID().toString();
        TopicRecords.send("crm.complaints", customer, resolved(customer, complaint, 50));
        Loyalty.awaitBalance(customer, 550);
        given().contentType(ContentType.JSON).body("{\"points\":30}")
                .post(BASE + "/accounts/" + customer + "/redemptions").then().statusCode(201);
        String code = given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"kind\":\"VALUE\",\"value\":5,\"validUntil\":\""
                        + new ControllableClock().instant().plus(30, ChronoUnit.DAYS) + "\"}")
                .post(BASE + "/vouchers").then().statusCode(201).extract().path("code"); // valid for 30 days of the application clock
        given().contentType(ContentType.JSON).body("{\"customerId\":\"" + customer + "\",\"orderRef\":\"order-4711\"}")
                .post(BASE + "/vouchers/" + code + "/redemption").then().statusCode(200);
        return customer;
    }

    @Test
    void a_member_with_data_everywhere_gets_every_section_filled_with_what_loyalty_holds() {
        String customer = memberWithEverything();
        JsonPath export = export(customer);

        assertThat(export.getString("customerId")).isEqualTo(customer);
        assertThat(export.getString("generatedAt")).isNotBlank();
        for (String section : SECTIONS) {
            assertThat(export.getList(section)).as(section).isNotEmpty();
        }
        // Loyalty keeps no name or email (data minimisation): the contact part says only that it knows the customer.
        assertThat(export.getString("contactDetails[0].customerId")).isEqualTo(customer);
        assertThat(export.getString("contactDetails[0].registeredAt")).isNotBlank();
        assertThat(export.getMap("contactDetails[0]")).containsOnlyKeys("customerId", "registeredAt", "updatedAt");
        assertThat(export.getBoolean("partnerConsents[0].partnerSharing")).isFalse();
        assertThat(export.getString("accounts[0].customerId")).isEqualTo(customer);
        assertThat(export.getString("accounts[0].status")).isEqualTo("ACTIVE");
        assertThat(export.getString("accounts[0].tier")).isEqualTo("MEMBER");
        assertThat(export.getInt("accounts[0].balance")).isEqualTo(520);
        // The ledger in posting order, summing to the balance.
        assertThat(export.getList("ledgerEntries.kind", String.class))
                .containsExactly("EARN", "REVERSAL", "BONUS", "GOODWILL", "REDEEM");
        assertThat(export.getList("ledgerEntries.points", Integer.class).stream().mapToInt(Integer::intValue).sum()).isEqualTo(520);
        assertThat(export.getList("lots.points", Integer.class)).contains(120, 400, 50);
        assertThat(export.getString("purchases[0].currency")).isEqualTo("CNY");
        assertThat(export.getFloat("purchases[0].amount")).isEqualTo(120.0f);
        assertThat(export.getInt("purchases[0].pointsAwarded")).isEqualTo(120);
        assertThat(export.getInt("refunds[0].points")).isEqualTo(20);
        assertThat(export.getString("vouchers[0].status")).isEqualTo("REDEEMED");
        assertThat(export.getString("vouchers[0].orderRef")).isEqualTo("order-4711");
        assertThat(export.getString("redemptions[0].kind")).isEqualTo("DISCOUNT");
        assertThat(export.getInt("redemptions[0].points")).isEqualTo(30);
        assertThat(export.getString("goodwillDecisions[0].status")).isEqualTo("GRANTED");
        assertThat(export.getInt("goodwillDecisions[0].grantedPoints")).isEqualTo(50);
    }

    @Test
    void an_unknown_customer_gets_200_with_every_section_empty() {
        String unknown = UUID.randomUUID().toString();
        JsonPath export = export(unknown);
        assertThat(export.getString("customerId")).isEqualTo(unknown);
        for (String section : SECTIONS) {
            assertThat(export.getList(section)).as(section).isEmpty();
        }
        given().header("Authorization", Tokens.staff()).get(EXPORT.formatted("not-a-uuid")).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void the_survivor_of_a_merge_gets_the_merged_accounts_records_too() {
        String source = memberWithEverything();
        String target = Loyalty.member();
        Loyalty.bonus(target, 10);
        TopicRecords.send("crm.customers", target, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.merged.v1", target, "{\"sourceCustomerId\":\"" + source + "\",\"targetCustomerId\":\"" + target
                        + "\",\"mergedAt\":\"2026-11-22T10:00:00Z\"}"));
        Loyalty.awaitBalance(target, 530);

        JsonPath export = export(target);
        assertThat(export.getList("accounts.customerId", String.class)).containsExactly(target, source);
        assertThat(export.getString("accounts[1].status")).isEqualTo("MERGED");
        assertThat(export.getString("accounts[1].mergedInto")).isEqualTo(target);
        assertThat(export.getList("contactDetails.customerId", String.class)).containsExactlyInAnyOrder(target, source);
        assertThat(export.getList("ledgerEntries.customerId", String.class)).contains(source, target);
        // What moved (purchases, open lots) and what stayed with the merged account (vouchers, redemptions, goodwill).
        assertThat(export.getList("purchases.customerId", String.class)).containsExactly(target);
        assertThat(export.getList("refunds")).hasSize(1);
        assertThat(export.getList("lots.customerId", String.class)).contains(target);
        assertThat(export.getList("vouchers.customerId", String.class)).containsExactly(source);
        assertThat(export.getList("redemptions.customerId", String.class)).containsExactly(source);
        assertThat(export.getList("goodwillDecisions.customerId", String.class)).containsExactly(source);
    }

    @Test
    void an_erased_customer_keeps_ids_and_amounts_but_nothing_personal() {
        String customer = memberWithEverything();
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.erased.v1", customer, "{\"customerId\":\"" + customer + "\",\"erasedAt\":\"2026-11-22T10:00:00Z\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(BASE + "/accounts/" + customer).then().statusCode(200).body("status", equalTo("CLOSED")));
        JsonPath export = export(customer);
        assertThat(export.getMap("contactDetails[0]")).containsOnlyKeys("customerId", "registeredAt", "updatedAt");
        assertThat(export.getString("accounts[0].status")).isEqualTo("CLOSED");
        assertThat(export.getList("ledgerEntries")).isNotEmpty();
    }

    @Test
    void only_staff_with_customers_read_may_export_partners_never() {
        String customer = Loyalty.member(true);
        String path = EXPORT.formatted(customer);
        given().header("Authorization", Tokens.none()).get(path).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Tokens.partner("p-1", Scopes.CUSTOMERS_READ)).get(path).then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.partnerWithEveryScope("p-all")).get(path).then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.viewer()).get(path).then().statusCode(200).body("customerId", equalTo(customer));
        given().header("Authorization", Tokens.staff()).get(path).then().statusCode(200).body("customerId", equalTo(customer));
        given().header("Authorization", Tokens.admin()).get(path).then().statusCode(200).body("customerId", equalTo(customer));
        // Staff whose reads do not include customers:read are refused: the export is personal data of the customer area.
        given().header("Authorization", "Bearer " + dev.crmsuite.platform.testing.InternalTokens.token(Tokens.AUDIENCE,
                        "user:loyalty-only", "staff", null, "Lou Loyalty", List.of(Scopes.LOYALTY_READ)))
                .get(path).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void the_export_is_documented_with_a_typed_schema() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        JsonNode op = doc.path("paths").path("/api/v1/privacy/loyalty/customers/{customerId}/export").path("get");
        assertThat(op.path("summary").asText()).isNotBlank();
        assertThat(op.path("description").asText()).isNotBlank();
        assertThat(op.path("tags").toString()).contains("Privacy");
        assertThat(op.path("security").toString()).contains(Scopes.CUSTOMERS_READ);
        JsonNode ok = op.path("responses").path("200").path("content").path("application/json");
        assertThat(ok.path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/LoyaltyPrivacyExport");
        assertThat(ok.path("examples").isEmpty()).isFalse();
        // Every schema the export reaches is typed: no object without properties.
        List<String> untyped = new ArrayList<>();
        untypedObjects(doc, doc.at("/components/schemas/LoyaltyPrivacyExport"), "LoyaltyPrivacyExport", untyped, new ArrayList<>());
        assertThat(untyped).isEmpty();
        JsonNode export = doc.at("/components/schemas/LoyaltyPrivacyExport/properties");
        for (String section : SECTIONS) {
            assertThat(export.path(section).path("items").path("$ref").asText()).as(section).startsWith("#/components/schemas/LoyaltyPrivacy");
        }
    }

    /** Every object schema reachable from {@code schema} without properties (a free-form object) goes to {@code out}. */
    static void untypedObjects(JsonNode doc, JsonNode schema, String where, List<String> out, List<String> seen) {
        String ref = schema.path("$ref").asText("");
        if (!ref.isEmpty()) {
            if (seen.contains(ref)) {
                return;
            }
            seen.add(ref);
            untypedObjects(doc, doc.at(ref.substring(1)), ref, out, seen);
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
