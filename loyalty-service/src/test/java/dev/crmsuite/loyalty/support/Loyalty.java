package dev.crmsuite.loyalty.support;

import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.restassured.http.ContentType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Drives the service the way the rest of the suite does: events in over Kafka, reads over HTTP. */
public final class Loyalty {

    public static final String BASE = "/api/v1/loyalty";

    private Loyalty() {
    }

    /**
     * Registers a customer in customer-service's name (no consents given) and waits for the account. The
     * registration carries no name, email or phone: customer-service puts those on crm.customers.personal only.
     */
    public static String member() {
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.registered.v1", customer,
                "{\"customerId\":\"" + customer + "\",\"kind\":\"PERSON\","
                        + "\"registeredAt\":\"2026-11-01T10:00:00Z\",\"segment\":null}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(BASE + "/accounts/" + customer).then().statusCode(200));
        return customer;
    }

    /**
     * Registers a customer whose partner-sharing consent is {@code partnerSharing}, the way
     * customer-service announces it, and waits until the account is open and a partner's view
     * agrees (visible: the partner reads it; hidden: the partner gets 404).
     */
    public static String member(boolean partnerSharing) {
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.registered.v1", customer,
                "{\"customerId\":\"" + customer + "\",\"kind\":\"PERSON\","
                        + "\"consents\":{\"marketing\":true,\"partnerSharing\":" + partnerSharing + "},"
                        + "\"registeredAt\":\"2026-11-01T10:00:00Z\",\"segment\":null}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(BASE + "/accounts/" + customer).then().statusCode(200));
        awaitPartnerView(customer, partnerSharing);
        return customer;
    }

    /** customer-service reports a changed partner-sharing consent; waits until partners' view follows. */
    public static void consent(String customer, boolean partnerSharing) {
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.updated.v1", customer,
                "{\"customerId\":\"" + customer + "\",\"changedFields\":[\"consents\"],"
                        + "\"consents\":{\"marketing\":true,\"partnerSharing\":" + partnerSharing + "},"
                        + "\"updatedAt\":\"" + java.time.Instant.now() + "\"}"));
        awaitPartnerView(customer, partnerSharing);
    }

    /** Waits until a partner reads the account ({@code visible}) or gets 404 for it. */
    public static void awaitPartnerView(String customer, boolean visible) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", Tokens.partner("await", dev.crmsuite.platform.security.Scopes.LOYALTY_READ))
                        .get(BASE + "/accounts/" + customer).then().statusCode(visible ? 200 : 404));
    }

    public static String purchaseEvent(String eventId, String customer, String purchaseId, String amount) {
        // At the application clock's now: tests move that clock, and a purchase counts at its purchase time.
        return purchaseEvent(eventId, customer, purchaseId, amount, new ControllableClock().instant().toString(), "RELATIONAL");
    }

    public static String purchaseEvent(String eventId, String customer, String purchaseId, String amount, String purchasedAt,
                                       String segment) {
        return TopicRecords.cloudEvent(eventId, "/crm/customer-service", "crm.purchase.recorded.v1", customer,
                "{\"purchaseId\":\"" + purchaseId + "\",\"customerId\":\"" + customer + "\",\"externalOrderId\":\"o-1\","
                        + "\"amount\":" + amount + ",\"currency\":\"CNY\",\"purchasedAt\":\"" + purchasedAt + "\","
                        + "\"discounted\":false,\"items\":[],\"customerSegment\":\"" + segment + "\",\"customerValueTier\":\"A\","
                        + "\"customerStage\":\"REPEAT_BUYER\"}");
    }

    /** customer-service's crm.campaign.attendance-recorded.v1: the customer came to the event of a campaign delivery. */
    public static String attendanceEvent(String eventId, String customer, String deliveryId, String attendedAt) {
        return TopicRecords.cloudEvent(eventId, "/crm/customer-service", "crm.campaign.attendance-recorded.v1", customer,
                "{\"deliveryId\":\"" + deliveryId + "\",\"campaignId\":\"" + UUID.randomUUID() + "\",\"customerId\":\"" + customer
                        + "\",\"eventTitle\":\"Spring tasting\",\"attendedAt\":\"" + attendedAt + "\"}");
    }

    public static String purchase(String customer, String amount) {
        String purchaseId = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, purchaseEvent(TopicRecords.newId(), customer, purchaseId, amount));
        return purchaseId;
    }

    public static String refundEvent(String customer, String purchaseId, String amount, String purchaseAmount) {
        return TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service", "crm.purchase.refunded.v1", customer,
                "{\"refundId\":\"" + UUID.randomUUID() + "\",\"purchaseId\":\"" + purchaseId + "\",\"customerId\":\"" + customer
                        + "\",\"amount\":" + amount + ",\"purchaseAmount\":" + purchaseAmount + ",\"currency\":\"CNY\","
                        + "\"refundedAt\":\"" + new ControllableClock().instant() + "\"}");
    }

    public static void awaitBalance(String customer, long balance) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(BASE + "/accounts/" + customer).then().statusCode(200).body("balance", equalTo((int) balance)));
    }

    public static void bonus(String customer, long points) {
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"BONUS\",\"points\":" + points + ",\"reason\":\"test credit\"}")
                .post(BASE + "/accounts/" + customer + "/adjustments").then().statusCode(201);
    }

    /** The sum of the account's ledger entries, read straight from the database. */
    public static long ledgerSum(String customer) {
        return single("select coalesce(sum(points), 0) from ledger_entry where customer_id = ?", customer);
    }

    public static long lotSum(String customer) {
        return single("select coalesce(sum(remaining), 0) from point_lot where customer_id = ?", customer);
    }

    public static long single(String sql, String customer) {
        try (Connection c = PostgresDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(customer));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
