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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.crmsuite.loyalty.support.Loyalty.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * Purchases sent back to back reach loyalty in one poll and are applied together
 * ({@code Purchases.recorded}: accounts locked, rows inserted and accounts written back with one
 * statement each). Each must earn and publish exactly what it would alone, in order.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class PurchaseBatchTest {

    @Test
    void purchases_applied_together_earn_publish_and_trace_as_each_would_alone() {
        String member = Loyalty.member();
        String other = Loyalty.member();
        String newcomer = UUID.randomUUID().toString(); // no registration: the first purchase opens the account
        String at = new ControllableClock().instant().toString(); // one purchase time: every lot expires on one day

        String first = UUID.randomUUID().toString();
        List<Sent> batch = List.of(
                new Sent(member, first, "999.00"),         // 999 points at MEMBER; 999 qualifying
                new Sent(member, UUID.randomUUID().toString(), "10.00"),  // 10 at MEMBER, then 1,009 qualifying: SILVER
                new Sent(other, UUID.randomUUID().toString(), "50.00"),
                new Sent(member, UUID.randomUUID().toString(), "100.00"), // at SILVER x1.25: 125
                new Sent(member, first, "999.00"),         // the first purchase again under a new event id: nothing
                new Sent(newcomer, UUID.randomUUID().toString(), "30.00"));
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (Sent sent : batch) {
            String event = Loyalty.purchaseEvent(sent.eventId, sent.customer, sent.purchaseId, sent.amount, at, "RELATIONAL")
                    .replaceFirst("\\{", "{\"traceparent\":\"00-" + sent.traceId + "-b7ad6b7169203331-01\",\"requestid\":\""
                            + sent.requestId + "\",");
            records.add(Map.entry(sent.customer, event));
        }
        TopicRecords.sendTogether("crm.customers", records);

        Loyalty.awaitBalance(member, 1134);
        Loyalty.awaitBalance(other, 50);
        Loyalty.awaitBalance(newcomer, 30);
        given().get(BASE + "/accounts/" + member).then()
                .body("tier", equalTo("SILVER"))
                .body("lifetimeEarned", equalTo(1134))
                .body("expiringNext.points", equalTo(1134));
        given().queryParam("kind", "EARN").get(BASE + "/accounts/" + member + "/ledger").then().statusCode(200)
                .body("items.points", contains(125, 10, 999))
                .body("items.balanceAfter", contains(1134, 1009, 999))
                .body("items.sourceRef", contains("purchase:" + batch.get(3).purchaseId, "purchase:" + batch.get(1).purchaseId,
                        "purchase:" + first));
        for (String customer : List.of(member, other, newcomer)) {
            assertThat(Loyalty.ledgerSum(customer)).as("ledger of %s", customer).isEqualTo(Loyalty.lotSum(customer));
        }
        assertThat(Loyalty.single("select count(*) from purchase where customer_id = ?", member)).isEqualTo(3);
        // The third purchase's row as a single purchase writes it: the tier it was made at, its rules and entry.
        assertThat(Loyalty.single("select count(*) from purchase p join ledger_entry e on e.id = p.earn_entry_id "
                + "where p.purchase_id = '" + batch.get(3).purchaseId + "'::uuid and p.customer_id = ? and p.tier = 'SILVER' "
                + "and p.rule_version is not null and p.points_awarded = 125 and e.points = 125 and p.points_reversed = 0 "
                + "and p.refunded_amount = 0 and p.amount = 100.00 and p.purchased_at = '" + at + "'::timestamptz", member))
                .isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> events = TopicRecords.eventsFor("crm.loyalty", member).stream()
                    .filter(e -> !e.get("type").asText().equals("crm.account.opened.v1")).toList();
            assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("crm.points.earned.v1",
                    "crm.tier.changed.v1", "crm.points.earned.v1", "crm.points.earned.v1");
            assertThat(events).extracting(e -> e.get("data").path("balance").asLong()).containsExactly(999L, 0L, 1009L, 1134L);
            assertThat(events).extracting(e -> e.get("data").path("expiringNext").path("points").asLong())
                    .containsExactly(999L, 0L, 1009L, 1134L);
            // Each event carries the trace and request id of the purchase that caused it, not the batch's last.
            Sent[] causes = {batch.get(0), batch.get(1), batch.get(1), batch.get(3)};
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).get("traceparent").asText().split("-")[1]).as("trace of event %d", i)
                        .isEqualTo(causes[i].traceId);
                assertThat(events.get(i).get("requestid").asText()).isEqualTo(causes[i].requestId);
            }
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicRecords.eventsFor("crm.loyalty", newcomer))
                .extracting(e -> e.get("type").asText()).containsExactly("crm.account.opened.v1", "crm.points.earned.v1"));
    }

    private static final class Sent {
        final String customer;
        final String purchaseId;
        final String amount;
        final String eventId = TopicRecords.newId();
        final String traceId = HexFormat.of().formatHex(randomBytes());
        final String requestId = "req-" + UUID.randomUUID();

        Sent(String customer, String purchaseId, String amount) {
            this.customer = customer;
            this.purchaseId = purchaseId;
            this.amount = amount;
        }

        private static byte[] randomBytes() {
            byte[] bytes = new byte[16];
            ThreadLocalRandom.current().nextBytes(bytes);
            return bytes;
        }
    }
}
