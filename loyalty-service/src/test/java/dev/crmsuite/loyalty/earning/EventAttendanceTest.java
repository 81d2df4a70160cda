package dev.crmsuite.loyalty.earning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.loyalty.support.Loyalty;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The EVENT_ATTENDANCE earning rule: attended campaign events from crm.customers earn points once per delivery. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class EventAttendanceTest {

    /** The purchase part equals the configured version 1, so other tests' purchases are priced as before. */
    static final String PURCHASE_RULES = "\"pointsPerUnit\":1,\"minimumPurchase\":0,\"tierMultipliers\":"
            + EarningRulesTest.MULTIPLIERS;

    @Inject
    ControllableClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    int publishAttendanceRule(long pointsPerEvent) {
        return given().contentType(ContentType.JSON)
                .body("{\"rules\":{" + PURCHASE_RULES + ",\"eventAttendance\":{\"pointsPerEvent\":" + pointsPerEvent + "}},"
                        + "\"note\":\"points for attended events\"}")
                .post(BASE + "/rules").then().statusCode(201)
                .body("rules.eventAttendance.pointsPerEvent", equalTo((int) pointsPerEvent))
                .extract().path("version");
    }

    @Test
    void an_attended_event_earns_the_rule_s_points_once_per_delivery() {
        int version = publishAttendanceRule(50);
        given().get(BASE + "/rules/" + version).then().statusCode(200)
                .body("rules.eventAttendance.pointsPerEvent", equalTo(50)).body("inForce", equalTo(true));
        String customer = Loyalty.member();
        String delivery = UUID.randomUUID().toString();
        String attendedAt = clock.instant().plusSeconds(1).toString();
        String event = Loyalty.attendanceEvent(TopicRecords.newId(), customer, delivery, attendedAt);
        TopicRecords.send("crm.customers", customer, event);
        TopicRecords.send("crm.customers", customer, event); // redelivered, as after a relay crash
        // Republished under another event id: still the same delivery, still once.
        TopicRecords.send("crm.customers", customer, Loyalty.attendanceEvent(TopicRecords.newId(), customer, delivery, attendedAt));
        // A purchase behind them on the same partition proves all three copies were handled.
        Loyalty.purchase(customer, "10.00");
        Loyalty.awaitBalance(customer, 60);

        given().queryParam("kind", "EARN").get(BASE + "/accounts/" + customer + "/ledger").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items.sourceRef", hasItem("attendance:" + delivery));
        assertThat(Loyalty.single("select count(*) from ledger_entry where customer_id = ? and source_ref like 'attendance:%'",
                customer)).isEqualTo(1);
        assertThat(Loyalty.single("select points_awarded from event_attendance where customer_id = ?", customer)).isEqualTo(50);
        assertThat(Loyalty.ledgerSum(customer)).isEqualTo(60);
        assertThat(Loyalty.lotSum(customer)).isEqualTo(60);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> earned = TopicRecords.eventsFor("crm.loyalty", customer).stream()
                    .filter(e -> e.get("type").asText().equals("crm.points.earned.v1"))
                    .filter(e -> e.get("data").get("sourceRef").asText().equals("attendance:" + delivery)).toList();
            assertThat(earned).hasSize(1);
            assertThat(earned.getFirst().get("data").get("points").asLong()).isEqualTo(50);
            assertThat(earned.getFirst().get("data").get("ruleId").asText()).isEqualTo("rules-v" + version);
        });
        // Attendance points are not purchase points: the tier stays where purchases put it.
        given().get(BASE + "/accounts/" + customer).then().body("tier", equalTo("MEMBER"));
    }

    @Test
    void without_an_attendance_rule_in_force_attending_earns_nothing_and_a_redelivery_later_neither() {
        String customer = Loyalty.member();
        String delivery = UUID.randomUUID().toString();
        // In 2020 only version 1 (from configuration, no EVENT_ATTENDANCE rule) was in force: versions never apply backwards.
        String event = Loyalty.attendanceEvent(TopicRecords.newId(), customer, delivery, "2020-05-01T18:00:00Z");
        TopicRecords.send("crm.customers", customer, event);
        Loyalty.purchase(customer, "7.00");
        Loyalty.awaitBalance(customer, 7);
        assertThat(Loyalty.single("select count(*) from event_attendance where customer_id = ?", customer)).isEqualTo(1);
        assertThat(Loyalty.single("select points_awarded from event_attendance where customer_id = ?", customer)).isZero();
        assertThat(Loyalty.single("select rule_version from event_attendance where customer_id = ?", customer)).isEqualTo(1);

        // A rule published afterwards does not pay the event again when it is redelivered.
        publishAttendanceRule(30);
        TopicRecords.send("crm.customers", customer, event);
        Loyalty.purchase(customer, "3.00");
        Loyalty.awaitBalance(customer, 10);
        assertThat(Loyalty.single("select count(*) from ledger_entry where customer_id = ? and source_ref like 'attendance:%'",
                customer)).isZero();
    }

    @Test
    void a_customer_without_an_account_gets_one_as_for_a_purchase() {
        publishAttendanceRule(25);
        String customer = UUID.randomUUID().toString(); // no registration has reached loyalty
        TopicRecords.send("crm.customers", customer, Loyalty.attendanceEvent(TopicRecords.newId(), customer, UUID.randomUUID().toString(),
                clock.instant().plusSeconds(1).toString()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(BASE + "/accounts/" + customer).then().statusCode(200).body("balance", equalTo(25)));
    }

    @Test
    void an_attendance_naming_no_delivery_is_dead_lettered() {
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                AttendanceEvents.RECORDED, customer, "{\"customerId\":\"" + customer + "\",\"attendedAt\":\"2026-11-01T10:00:00Z\"}"));
        var dead = TopicRecords.await("crm.customers.dlq", Duration.ofSeconds(30), r -> customer.equals(r.key()));
        assertThat(dead).isNotEmpty();
        assertThat(TopicRecords.header(dead.getFirst(), "dlq-reason")).contains("deliveryId");
    }

    @Test
    void the_attendance_rule_is_bounded_and_bad_values_name_the_field() {
        for (String bad : List.of("0", "-5", "100001", "\"lots\"", "1.5")) {
            given().contentType(ContentType.JSON)
                    .body("{\"rules\":{" + PURCHASE_RULES + ",\"eventAttendance\":{\"pointsPerEvent\":" + bad + "}}}")
                    .post(BASE + "/rules").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("rules.eventAttendance.pointsPerEvent"));
        }
        given().contentType(ContentType.JSON)
                .body("{\"rules\":{" + PURCHASE_RULES + ",\"eventAttendance\":{}}}")
                .post(BASE + "/rules").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("rules.eventAttendance.pointsPerEvent"));
        for (String wrongType : List.of("7", "\"x\"", "[]", "true")) {
            given().contentType(ContentType.JSON)
                    .body("{\"rules\":{" + PURCHASE_RULES + ",\"eventAttendance\":" + wrongType + "}}")
                    .post(BASE + "/rules").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("rules.eventAttendance"));
        }
        // The largest allowed value is accepted; the backtest takes a draft with the rule too (it prices purchases only).
        given().contentType(ContentType.JSON)
                .body("{\"from\":\"2020-03-01T00:00:00Z\",\"to\":\"2020-04-01T00:00:00Z\",\"draft\":{" + PURCHASE_RULES
                        + ",\"eventAttendance\":{\"pointsPerEvent\":100000}}}")
                .post(BASE + "/rules/backtest").then().statusCode(200);
        publishAttendanceRule(EventAttendanceRule.MAX_POINTS_PER_EVENT);
    }

    @Test
    void an_attended_event_is_in_the_personal_data_export_and_follows_a_merge() {
        publishAttendanceRule(40);
        String source = Loyalty.member();
        String target = Loyalty.member();
        String delivery = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", source, Loyalty.attendanceEvent(TopicRecords.newId(), source, delivery,
                clock.instant().plusSeconds(1).toString()));
        Loyalty.awaitBalance(source, 40);
        TopicRecords.send("crm.customers", target, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.merged.v1", target, "{\"sourceCustomerId\":\"" + source + "\",\"targetCustomerId\":\"" + target
                        + "\",\"mergedAt\":\"2026-11-22T10:00:00Z\"}"));
        Loyalty.awaitBalance(target, 40);
        var export = given().header("Authorization", dev.crmsuite.loyalty.support.Tokens.staff())
                .get("/api/v1/privacy/loyalty/customers/" + target + "/export").then().statusCode(200).extract().jsonPath();
        assertThat(export.getList("attendedEvents.deliveryId", String.class)).containsExactly(delivery);
        assertThat(export.getList("attendedEvents.customerId", String.class)).containsExactly(target);
        assertThat(export.getInt("attendedEvents[0].pointsAwarded")).isEqualTo(40);
        assertThat(export.getString("attendedEvents[0].eventTitle")).isEqualTo("Spring tasting");
    }
}
