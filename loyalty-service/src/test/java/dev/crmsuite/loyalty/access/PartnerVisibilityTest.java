package dev.crmsuite.loyalty.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.loyalty.support.Loyalty;
import dev.crmsuite.loyalty.support.Tokens;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A partner sees only customers who consented to partner sharing. Every account, ledger, lot,
 * redemption, goodwill request and voucher of any other customer answers exactly like an unknown id
 * (status and problem body, apart from the id), every refused action changes nothing, customers
 * named in bodies are checked the same way, and lists and counts leave hidden customers out.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class PartnerVisibilityTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String partner() {
        return Tokens.partner("acme", Scopes.LOYALTY_READ, Scopes.LOYALTY_WRITE);
    }

    static RequestSpecification asPartner() {
        return given().header("Authorization", partner());
    }

    static String validUntil() {
        return Instant.now().plus(30, ChronoUnit.DAYS).toString();
    }

    static String voucherFor(String customer) {
        return given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"kind\":\"VALUE\",\"value\":5,\"validUntil\":\"" + validUntil() + "\"}")
                .post(BASE + "/vouchers").then().statusCode(201).extract().path("code");
    }

    static String redemptionOf(String customer) {
        return given().contentType(ContentType.JSON).body("{\"points\":10}").post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(201).extract().path("redemptionId");
    }

    static String account(String customer) {
        return given().get(BASE + "/accounts/" + customer).then().statusCode(200).extract().asString();
    }

    /**
     * What a caller learns from an answer: status, content type and body, with the id it named
     * replaced by a placeholder and the request id (different on every request) left out.
     */
    static String shape(Response response, String... ids) {
        String body = response.asString();
        for (String id : ids) {
            body = body.replace(id, "{id}");
        }
        String content = body;
        try {
            JsonNode node = JSON.readTree(body);
            if (node instanceof ObjectNode object) {
                object.remove("requestId");
            }
            content = node.toString();
        } catch (Exception e) {
            // not JSON: compared as text
        }
        return response.statusCode() + " " + response.contentType() + " " + content;
    }

    /** The hidden customer's answer equals the unknown id's, and is the not-found it should be. */
    static void sameAsUnknown(Response hidden, String hiddenId, Response unknown, String unknownId, int status) {
        assertThat(hidden.statusCode()).isEqualTo(status);
        assertThat(shape(hidden, hiddenId)).isEqualTo(shape(unknown, unknownId));
    }

    @Test
    void reads_of_a_hidden_customer_answer_exactly_like_an_unknown_id() {
        String visible = Loyalty.member(true);
        String hidden = Loyalty.member(false);
        String unknown = UUID.randomUUID().toString();
        for (String customer : List.of(visible, hidden)) {
            Loyalty.bonus(customer, 500);
        }
        String visibleRedemption = redemptionOf(visible);
        String hiddenRedemption = redemptionOf(hidden);

        for (String sub : List.of("", "/ledger", "/lots", "/redemptions", "/redemptions?limit=5", "/ledger?kind=BONUS")) {
            asPartner().urlEncodingEnabled(false).get(BASE + "/accounts/" + visible + sub).then().statusCode(200);
            sameAsUnknown(asPartner().urlEncodingEnabled(false).get(BASE + "/accounts/" + hidden + sub), hidden,
                    asPartner().urlEncodingEnabled(false).get(BASE + "/accounts/" + unknown + sub), unknown, 404);
        }
        asPartner().get(BASE + "/accounts/" + visible + "/redemptions/" + visibleRedemption).then().statusCode(200);
        String unknownRedemption = UUID.randomUUID().toString();
        Response hiddenOne = asPartner().get(BASE + "/accounts/" + hidden + "/redemptions/" + hiddenRedemption);
        assertThat(hiddenOne.statusCode()).isEqualTo(404);
        assertThat(shape(hiddenOne, hidden, hiddenRedemption))
                .isEqualTo(shape(asPartner().get(BASE + "/accounts/" + unknown + "/redemptions/" + unknownRedemption),
                        unknown, unknownRedemption))
                .isEqualTo(shape(asPartner().get(BASE + "/accounts/" + visible + "/redemptions/" + unknownRedemption),
                        visible, unknownRedemption));

        // Staff see both, as before.
        given().header("Authorization", Tokens.staff()).get(BASE + "/accounts/" + hidden).then().statusCode(200);
        given().header("Authorization", Tokens.viewer()).get(BASE + "/accounts/" + hidden + "/ledger").then().statusCode(200);
    }

    @Test
    void goodwill_is_staff_only_so_a_partner_learns_nothing_from_it() {
        String visible = Loyalty.member(true);
        String hidden = Loyalty.member(false);
        String unknown = UUID.randomUUID().toString();
        sameAsUnknown(asPartner().get(BASE + "/accounts/" + hidden + "/goodwill"), hidden,
                asPartner().get(BASE + "/accounts/" + unknown + "/goodwill"), unknown, 403);
        asPartner().get(BASE + "/accounts/" + visible + "/goodwill").then().statusCode(403);
        given().header("Authorization", Tokens.viewer()).get(BASE + "/accounts/" + hidden + "/goodwill").then().statusCode(200);
    }

    @Test
    void actions_on_a_hidden_customer_are_refused_like_an_unknown_id_and_change_nothing() {
        String hidden = Loyalty.member(false);
        String unknown = UUID.randomUUID().toString();
        Loyalty.bonus(hidden, 500);
        String before = account(hidden);
        String key = "hidden-" + UUID.randomUUID();

        Response refused = asPartner().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"points\":100}")
                .post(BASE + "/accounts/" + hidden + "/redemptions");
        sameAsUnknown(refused, hidden, asPartner().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"points\":100}").post(BASE + "/accounts/" + unknown + "/redemptions"), unknown, 404);
        // Manual adjustments are staff only: the partner is turned away before the customer is even looked at.
        Response adjustment = asPartner().contentType(ContentType.JSON).body("{\"kind\":\"BONUS\",\"points\":100,\"reason\":\"x\"}")
                .post(BASE + "/accounts/" + hidden + "/adjustments");
        sameAsUnknown(adjustment, hidden, asPartner().contentType(ContentType.JSON)
                .body("{\"kind\":\"BONUS\",\"points\":100,\"reason\":\"x\"}").post(BASE + "/accounts/" + unknown + "/adjustments"), unknown, 403);
        given().header("Authorization", Tokens.partnerWithEveryScope("acme-all")).contentType(ContentType.JSON)
                .body("{\"kind\":\"ADJUST\",\"points\":-500,\"reason\":\"x\"}").post(BASE + "/accounts/" + hidden + "/adjustments")
                .then().statusCode(403);

        assertThat(account(hidden)).isEqualTo(before);
        assertThat(Loyalty.single("select count(*) from redemption where customer_id = ?", hidden)).isZero();
        assertThat(AccessMatrixTest.sql("select count(*) from idempotency_record where idem_key = '" + key + "'")).isEqualTo("0");
        given().get(BASE + "/accounts/" + hidden + "/ledger").then().body("items.size()", equalTo(1));
    }

    @Test
    void a_customer_named_in_a_body_is_checked_like_one_in_the_path() {
        String visible = Loyalty.member(true);
        String hidden = Loyalty.member(false);
        String unknown = UUID.randomUUID().toString();
        String vouchersOfHidden = AccessMatrixTest.sql("select count(*) from voucher where customer_id = '" + hidden + "'");

        // Issuing a voucher to them.
        String issue = "{\"customerId\":\"%s\",\"kind\":\"VALUE\",\"value\":5,\"validUntil\":\"" + validUntil() + "\"}";
        asPartner().contentType(ContentType.JSON).body(issue.formatted(visible)).post(BASE + "/vouchers").then().statusCode(201);
        Response hiddenIssue = asPartner().contentType(ContentType.JSON).body(issue.formatted(hidden)).post(BASE + "/vouchers");
        sameAsUnknown(hiddenIssue, hidden, asPartner().contentType(ContentType.JSON).body(issue.formatted(unknown))
                .post(BASE + "/vouchers"), unknown, 422);
        assertThat(hiddenIssue.jsonPath().getList("errors.field")).containsExactly("customerId");
        assertThat(AccessMatrixTest.sql("select count(*) from voucher where customer_id = '" + hidden + "'")).isEqualTo(vouchersOfHidden);
        // A leading space is not trimmed into a match.
        asPartner().contentType(ContentType.JSON).body(issue.formatted(" " + visible)).post(BASE + "/vouchers")
                .then().statusCode(400).body("errors.field", hasItem("customerId"));

        // Redeeming an unassigned voucher in their name.
        String code = given().contentType(ContentType.JSON)
                .body("{\"kind\":\"VALUE\",\"value\":5,\"validUntil\":\"" + validUntil() + "\"}")
                .post(BASE + "/vouchers").then().statusCode(201).extract().path("code");
        String redeemAs = "{\"customerId\":\"%s\",\"orderRef\":\"o-7\"}";
        sameAsUnknown(asPartner().contentType(ContentType.JSON).body(redeemAs.formatted(hidden)).post(BASE + "/vouchers/" + code + "/redemption"),
                hidden, asPartner().contentType(ContentType.JSON).body(redeemAs.formatted(unknown))
                        .post(BASE + "/vouchers/" + code + "/redemption"), unknown, 422);
        given().get(BASE + "/vouchers/" + code).then().body("status", equalTo("ISSUED"));
        asPartner().contentType(ContentType.JSON).body(redeemAs.formatted(visible)).post(BASE + "/vouchers/" + code + "/redemption")
                .then().statusCode(200).body("redeemedBy", equalTo(visible));

        // Simulating with their tier.
        String simulate = "{\"amount\":100,\"customerId\":\"%s\"}";
        asPartner().contentType(ContentType.JSON).body(simulate.formatted(visible)).post(BASE + "/rules/simulate").then().statusCode(200);
        sameAsUnknown(asPartner().contentType(ContentType.JSON).body(simulate.formatted(hidden)).post(BASE + "/rules/simulate"), hidden,
                asPartner().contentType(ContentType.JSON).body(simulate.formatted(unknown)).post(BASE + "/rules/simulate"), unknown, 404);
        // Staff may still name any customer.
        given().header("Authorization", Tokens.staff()).contentType(ContentType.JSON).body(simulate.formatted(hidden))
                .post(BASE + "/rules/simulate").then().statusCode(200);
    }

    @Test
    void a_hidden_customers_voucher_is_an_unknown_code_for_every_operation_and_stays_as_it_was() {
        String hidden = Loyalty.member(false);
        String code = voucherFor(hidden);
        String unknownCode = "NOSUCH" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        String before = given().get(BASE + "/vouchers/" + code).then().statusCode(200).extract().asString();

        sameAsUnknown(asPartner().get(BASE + "/vouchers/" + code), code,
                asPartner().get(BASE + "/vouchers/" + unknownCode), unknownCode, 404);
        sameAsUnknown(asPartner().contentType(ContentType.JSON).body("{\"customerId\":\"" + hidden + "\"}")
                        .post(BASE + "/vouchers/" + code + "/redemption"), code,
                asPartner().contentType(ContentType.JSON).body("{\"customerId\":\"" + hidden + "\"}")
                        .post(BASE + "/vouchers/" + unknownCode + "/redemption"), unknownCode, 404);
        sameAsUnknown(asPartner().contentType(ContentType.JSON).body("{\"reason\":\"x\"}").post(BASE + "/vouchers/" + code + "/cancellation"),
                code, asPartner().contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                        .post(BASE + "/vouchers/" + unknownCode + "/cancellation"), unknownCode, 404);
        assertThat(given().get(BASE + "/vouchers/" + code).then().statusCode(200).extract().asString()).isEqualTo(before);
    }

    @Test
    void voucher_lists_leave_hidden_customers_out_in_the_query_and_cursors_come_from_visible_rows() {
        String visible = Loyalty.member(true);
        String hidden = Loyalty.member(false);
        String unknown = UUID.randomUUID().toString();
        List<String> visibleCodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            visibleCodes.add(voucherFor(visible));
            voucherFor(hidden);
        }

        sameAsUnknown(asPartner().queryParam("customerId", hidden).get(BASE + "/vouchers"), hidden,
                asPartner().queryParam("customerId", unknown).get(BASE + "/vouchers"), unknown, 200);
        asPartner().queryParam("customerId", hidden).get(BASE + "/vouchers").then().body("items.size()", equalTo(0))
                .body("nextCursor", equalTo(null));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = asPartner().queryParam("customerId", visible).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(BASE + "/vouchers").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.code"));
            cursor = page.getString("nextCursor");
            if (cursor != null) {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                assertThat(decoded).doesNotContain(hidden);
            }
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(visibleCodes);
    }

    @Test
    void a_batch_code_redeemed_by_a_hidden_customer_does_not_name_them_to_a_partner() {
        String visible = Loyalty.member(true);
        String hidden = Loyalty.member(false);
        JsonPath batch = given().contentType(ContentType.JSON)
                .body("{\"count\":3,\"kind\":\"VALUE\",\"value\":2,\"validUntil\":\"" + validUntil() + "\"}")
                .post(BASE + "/vouchers/batches").then().statusCode(201).extract().jsonPath();
        String batchId = batch.getString("batchId");
        List<String> codes = batch.getList("vouchers.code");
        given().contentType(ContentType.JSON).body("{\"customerId\":\"" + hidden + "\",\"orderRef\":\"secret-order\"}")
                .post(BASE + "/vouchers/" + codes.get(0) + "/redemption").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"customerId\":\"" + visible + "\",\"orderRef\":\"shared-order\"}")
                .post(BASE + "/vouchers/" + codes.get(1) + "/redemption").then().statusCode(200);

        String partnerList = asPartner().queryParam("batchId", batchId).get(BASE + "/vouchers").then().statusCode(200)
                .body("items.size()", equalTo(3)).extract().asString();
        assertThat(partnerList).doesNotContain(hidden).doesNotContain("secret-order").contains(visible).contains("shared-order");
        asPartner().get(BASE + "/vouchers/" + codes.get(0)).then().statusCode(200)
                .body("status", equalTo("REDEEMED")).body("redeemedBy", equalTo(null)).body("orderRef", equalTo(null));
        given().get(BASE + "/vouchers/" + codes.get(0)).then().body("redeemedBy", equalTo(hidden)).body("orderRef", equalTo("secret-order"));
        // Batches themselves are made by staff.
        asPartner().contentType(ContentType.JSON).body("{\"count\":1,\"kind\":\"VALUE\",\"value\":2,\"validUntil\":\"" + validUntil() + "\"}")
                .post(BASE + "/vouchers/batches").then().statusCode(403);
    }

    @Test
    void tier_member_counts_leave_hidden_customers_out_and_analytics_are_staff_only() {
        Map<String, Integer> partnerBefore = memberCounts(partner());
        Map<String, Integer> adminBefore = memberCounts(Tokens.admin());
        Loyalty.member(false);
        Map<String, Integer> partnerBetween = memberCounts(partner());
        assertThat(memberCounts(Tokens.admin()).get("MEMBER")).isEqualTo(adminBefore.get("MEMBER") + 1);
        assertThat(partnerBetween).isEqualTo(partnerBefore);
        Loyalty.member(true);
        assertThat(memberCounts(partner()).get("MEMBER")).isEqualTo(partnerBefore.get("MEMBER") + 1);

        asPartner().get(BASE + "/analytics").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", Tokens.partnerWithEveryScope("acme-all")).get(BASE + "/analytics").then().statusCode(403);
        given().header("Authorization", Tokens.viewer()).get(BASE + "/analytics").then().statusCode(200);
        asPartner().contentType(ContentType.JSON).body("{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2027-01-01T00:00:00Z\","
                + "\"draft\":{\"pointsPerUnit\":2,\"minimumPurchase\":0}}").post(BASE + "/rules/backtest").then().statusCode(403);
    }

    static Map<String, Integer> memberCounts(String authorization) {
        JsonPath tiers = given().header("Authorization", authorization).get(BASE + "/tiers").then().statusCode(200).extract().jsonPath();
        Map<String, Integer> counts = new java.util.TreeMap<>();
        List<String> names = tiers.getList("tiers.tier");
        List<Integer> members = tiers.getList("tiers.members", Integer.class);
        for (int i = 0; i < names.size(); i++) {
            counts.put(names.get(i), members.get(i));
        }
        return counts;
    }

    @Test
    void a_withdrawn_consent_or_a_merge_hides_the_customer_from_then_on() {
        String customer = Loyalty.member(true);
        Loyalty.bonus(customer, 100);
        String code = voucherFor(customer);
        asPartner().get(BASE + "/vouchers/" + code).then().statusCode(200);
        String key = "before-withdrawal-" + UUID.randomUUID();
        String issue = "{\"customerId\":\"" + customer + "\",\"kind\":\"VALUE\",\"value\":5,\"validUntil\":\"2099-01-01T00:00:00Z\"}";
        asPartner().header("Idempotency-Key", key).contentType(ContentType.JSON).body(issue).post(BASE + "/vouchers").then().statusCode(201);
        asPartner().header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"points\":5}")
                .post(BASE + "/accounts/" + customer + "/redemptions").then().statusCode(201);
        Loyalty.consent(customer, false);
        asPartner().get(BASE + "/vouchers/" + code).then().statusCode(404);
        // A retry under the same key no longer replays what the partner may not see now.
        asPartner().header("Idempotency-Key", key).contentType(ContentType.JSON).body(issue).post(BASE + "/vouchers")
                .then().statusCode(422).body("type", equalTo("https://crmsuite.dev/problems/unknown-customer"));
        asPartner().header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"points\":5}")
                .post(BASE + "/accounts/" + customer + "/redemptions").then().statusCode(404);
        asPartner().queryParam("customerId", customer).get(BASE + "/vouchers").then().body("items.size()", equalTo(0));
        Loyalty.consent(customer, true);
        asPartner().get(BASE + "/vouchers/" + code).then().statusCode(200);

        String source = Loyalty.member(true);
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.merged.v1", customer, "{\"sourceCustomerId\":\"" + source + "\",\"targetCustomerId\":\"" + customer
                        + "\",\"mergedAt\":\"2026-11-22T10:00:00Z\"}"));
        Loyalty.awaitPartnerView(source, false);
        String unknown = UUID.randomUUID().toString();
        sameAsUnknown(asPartner().get(BASE + "/accounts/" + source), source, asPartner().get(BASE + "/accounts/" + unknown), unknown, 404);
        asPartner().get(BASE + "/accounts/" + customer).then().statusCode(200);
    }

    @Test
    void an_idempotency_key_is_never_replayed_to_another_caller() {
        String customer = Loyalty.member(true);
        Loyalty.bonus(customer, 1_000);
        String key = "shared-" + UUID.randomUUID();
        String url = BASE + "/accounts/" + customer + "/redemptions";
        List<String> ids = new ArrayList<>();
        for (String caller : List.of(Tokens.partner("acme", Scopes.LOYALTY_WRITE), Tokens.partner("globex", Scopes.LOYALTY_WRITE),
                Tokens.staff(), Tokens.admin())) {
            Response first = given().header("Authorization", caller).header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body("{\"points\":10}").post(url);
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(first.header("Idempotent-Replayed")).isNull();
            ids.add(first.path("redemptionId"));
            // The same caller retrying gets its own first answer back.
            given().header("Authorization", caller).header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body("{\"points\":10}").post(url).then().statusCode(201).header("Idempotent-Replayed", "true")
                    .body("redemptionId", equalTo(ids.getLast()));
        }
        assertThat(ids).doesNotHaveDuplicates();
        given().get(BASE + "/accounts/" + customer).then().body("balance", equalTo(1_000 - 40));

        String voucherKey = "v-" + UUID.randomUUID();
        String body = "{\"kind\":\"VALUE\",\"value\":5,\"validUntil\":\"2099-01-01T00:00:00Z\"}";
        String a = given().header("Authorization", Tokens.partner("acme", Scopes.LOYALTY_WRITE)).header("Idempotency-Key", voucherKey)
                .contentType(ContentType.JSON).body(body).post(BASE + "/vouchers").then().statusCode(201).extract().path("code");
        Response other = given().header("Authorization", Tokens.partner("globex", Scopes.LOYALTY_WRITE)).header("Idempotency-Key", voucherKey)
                .contentType(ContentType.JSON).body(body).post(BASE + "/vouchers");
        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat((String) other.path("code")).isNotEqualTo(a);
    }
}
