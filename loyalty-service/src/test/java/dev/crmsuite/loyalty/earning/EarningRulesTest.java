package dev.crmsuite.loyalty.earning;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Earning rule versions, simulation, backtest, and proportional clawback on refunds. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class EarningRulesTest {

    static final String MULTIPLIERS = "{\"MEMBER\":1,\"SILVER\":1.25,\"GOLD\":1.5,\"PLATINUM\":2}";

    @Inject
    ControllableClock clock;
    @Inject
    RuleSets ruleSets;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void a_refund_takes_back_points_in_proportion() {
        String customer = Loyalty.member();
        String purchase = Loyalty.purchase(customer, "200.00");
        Loyalty.awaitBalance(customer, 200);
        TopicRecords.send("crm.customers", customer, Loyalty.refundEvent(customer, purchase, "50.00", "200.00"));
        Loyalty.awaitBalance(customer, 150);
        TopicRecords.send("crm.customers", customer, Loyalty.refundEvent(customer, purchase, "150.00", "200.00"));
        Loyalty.awaitBalance(customer, 0);
        given().queryParam("kind", "REVERSAL").get(BASE + "/accounts/" + customer + "/ledger").then()
                .body("items.points", org.hamcrest.Matchers.contains(-150, -50))
                .body("items[1].sourceRef", containsString("purchase:" + purchase));
        assertThat(Loyalty.ledgerSum(customer)).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicRecords.eventsFor("crm.loyalty", customer).stream()
                .filter(e -> e.get("type").asText().equals("crm.points.reversed.v1"))).hasSize(2));
    }

    @Test
    void a_clawback_stops_at_zero_and_says_what_it_could_not_collect() {
        String customer = Loyalty.member();
        String purchase = Loyalty.purchase(customer, "100.00");
        Loyalty.awaitBalance(customer, 100);
        given().contentType(ContentType.JSON).body("{\"points\":80}").post(BASE + "/accounts/" + customer + "/redemptions")
                .then().statusCode(201);
        TopicRecords.send("crm.customers", customer, Loyalty.refundEvent(customer, purchase, "100.00", "100.00"));
        Loyalty.awaitBalance(customer, 0);
        given().queryParam("kind", "REVERSAL").get(BASE + "/accounts/" + customer + "/ledger").then()
                .body("items.size()", equalTo(1))
                .body("items[0].points", equalTo(-20))
                .body("items[0].reason", containsString("80 of the 100 points due could not be taken back"));
        given().get(BASE + "/accounts/" + customer).then().body("negativeBalance", equalTo(false));
        assertThat(Loyalty.ledgerSum(customer)).isZero();
        assertThat(Loyalty.single("select uncollected from purchase_refund where purchase_id = ?", purchase)).isEqualTo(80);
    }

    @Test
    void a_published_version_with_a_segment_campaign_prices_later_purchases_and_names_itself() {
        String segment = "SEG-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String rules = "{\"pointsPerUnit\":1,\"minimumPurchase\":0,\"tierMultipliers\":" + MULTIPLIERS + ",\"campaigns\":[{"
                + "\"code\":\"TRIPLE\",\"startsOn\":\"" + today.minusDays(1) + "\",\"endsOn\":\"" + today.plusDays(1)
                + "\",\"multiplier\":3,\"segment\":\"" + segment + "\"}]}";
        int version = given().contentType(ContentType.JSON).body("{\"rules\":" + rules + ",\"note\":\"triple for a segment\"}")
                .post(BASE + "/rules").then().statusCode(201).body("inForce", equalTo(true)).extract().path("version");
        assertThat(version).isGreaterThan(1);
        int versions = given().queryParam("limit", 200).get(BASE + "/rules").then().statusCode(200)
                .body("items.version", hasItem(version)).body("items.version", hasItem(1)).extract().path("items.size()");

        given().contentType(ContentType.JSON).body("{\"amount\":100,\"segment\":\"" + segment + "\"}")
                .post(BASE + "/rules/simulate").then().statusCode(200)
                .body("points", equalTo(300)).body("ruleVersion", equalTo(version)).body("campaigns", hasItem("TRIPLE"));
        given().contentType(ContentType.JSON).body("{\"amount\":100,\"tier\":\"GOLD\",\"rules\":{\"pointsPerUnit\":2,"
                        + "\"minimumPurchase\":0,\"tierMultipliers\":{\"GOLD\":2}}}")
                .post(BASE + "/rules/simulate").then().statusCode(200).body("points", equalTo(400))
                .body("ruleVersion", equalTo(null));
        given().queryParam("limit", 200).get(BASE + "/rules").then().body("items.size()", equalTo(versions)); // simulating wrote nothing

        String customer = Loyalty.member();
        String purchaseId = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, Loyalty.purchaseEvent(TopicRecords.newId(), customer, purchaseId, "100.00",
                clock.instant().plusSeconds(1).toString(), segment));
        Loyalty.awaitBalance(customer, 300);
        given().get(BASE + "/accounts/" + customer + "/ledger").then()
                .body("items[0].rule", equalTo("rules-v" + version + "+TRIPLE"));
    }

    @Test
    void one_transaction_keeps_each_version_for_its_own_span_of_time() {
        // RuleSets.inForceAt keeps, per transaction, the versions it read with the span each is in force: a batch of
        // purchases reads the rules once, yet a purchase on either side of a version change gets its own version.
        java.time.OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.time.OffsetDateTime later = now.plusHours(2);
        String rules = "{\"pointsPerUnit\":1,\"minimumPurchase\":0,\"tierMultipliers\":" + MULTIPLIERS + "}";
        int current = given().contentType(ContentType.JSON).body("{\"rules\":" + rules + ",\"note\":\"span test, now\"}")
                .post(BASE + "/rules").then().statusCode(201).extract().path("version");
        int next = given().contentType(ContentType.JSON)
                .body("{\"rules\":" + rules + ",\"note\":\"span test, later\",\"effectiveFrom\":\"" + later + "\"}")
                .post(BASE + "/rules").then().statusCode(201).extract().path("version");
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            assertThat(ruleSets.inForceAt(now.plusMinutes(1)).version()).isEqualTo(current);
            assertThat(ruleSets.inForceAt(later.plusHours(1)).version()).isEqualTo(next);
            assertThat(ruleSets.inForceAt(later.minusSeconds(1)).version()).isEqualTo(current);
            assertThat(ruleSets.inForceAt(later).version()).isEqualTo(next);
            assertThat(ruleSets.inForceAt(now.plusMinutes(30)).version()).isEqualTo(current);
        });
    }

    @Test
    void bad_rules_are_refused_naming_the_field() {
        given().contentType(ContentType.JSON).body("{\"rules\":{\"pointsPerUnit\":0,\"minimumPurchase\":0}}")
                .post(BASE + "/rules").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("rules.pointsPerUnit"));
        given().contentType(ContentType.JSON).body("{\"rules\":{\"pointsPerUnit\":1,\"minimumPurchase\":0,\"campaigns\":[{"
                        + "\"code\":\"X\",\"startsOn\":\"2026-12-10\",\"endsOn\":\"2026-12-01\",\"multiplier\":2}]}}")
                .post(BASE + "/rules").then().statusCode(400).body("errors.field", hasItem("rules.campaigns[0].endsOn"));
        given().contentType(ContentType.JSON).body("{\"amount\":-5}")
                .post(BASE + "/rules/simulate").then().statusCode(400).body("errors.field", hasItem("amount"));
        given().contentType(ContentType.JSON).body("{\"amount\":\"lots\"}")
                .post(BASE + "/rules/simulate").then().statusCode(400).body("errors.field", hasItem("amount"));
    }

    @Test
    void a_backtest_compares_draft_rules_with_the_rules_in_force_per_tier() {
        String member = Loyalty.member();
        String silver = Loyalty.member();
        // SILVER by a purchase of today (a purchase of 2020 is outside the tier window: it earns, but qualifies for nothing).
        Loyalty.purchase(silver, "1200.00");
        Loyalty.awaitBalance(silver, 1200);
        given().get(BASE + "/accounts/" + silver).then().body("tier", equalTo("SILVER"));
        // A quiet past month no other test writes into.
        TopicRecords.send("crm.customers", silver, Loyalty.purchaseEvent(TopicRecords.newId(), silver, UUID.randomUUID().toString(),
                "200.00", "2020-03-11T10:00:00Z", "RELATIONAL"));
        TopicRecords.send("crm.customers", member, Loyalty.purchaseEvent(TopicRecords.newId(), member, UUID.randomUUID().toString(),
                "100.00", "2020-03-10T10:00:00Z", "RELATIONAL"));
        Loyalty.awaitBalance(silver, 1450);
        Loyalty.awaitBalance(member, 100);

        var report = given().contentType(ContentType.JSON)
                .body("{\"from\":\"2020-03-01T00:00:00Z\",\"to\":\"2020-04-01T00:00:00Z\",\"draft\":{\"pointsPerUnit\":2,"
                        + "\"minimumPurchase\":0,\"tierMultipliers\":{\"SILVER\":1.5}}}")
                .post(BASE + "/rules/backtest").then().statusCode(200).extract().jsonPath();
        assertThat(report.getLong("total.purchases")).isEqualTo(2);
        assertThat(report.getLong("total.inForcePoints")).isEqualTo(350);
        assertThat(report.getLong("total.draftPoints")).isEqualTo(800);
        assertThat(report.getLong("total.difference")).isEqualTo(450);
        List<java.util.Map<String, Object>> perTier = report.getList("perTier");
        assertThat(perTier).extracting(m -> m.get("tier"), m -> ((Number) m.get("inForcePoints")).longValue(),
                        m -> ((Number) m.get("draftPoints")).longValue())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("MEMBER", 100L, 200L),
                        org.assertj.core.groups.Tuple.tuple("SILVER", 250L, 600L));
        given().contentType(ContentType.JSON)
                .body("{\"from\":\"2020-04-01T00:00:00Z\",\"to\":\"2020-03-01T00:00:00Z\",\"draft\":{\"pointsPerUnit\":2,\"minimumPurchase\":0}}")
                .post(BASE + "/rules/backtest").then().statusCode(400).body("errors.field", hasItem("to"));
    }
}
