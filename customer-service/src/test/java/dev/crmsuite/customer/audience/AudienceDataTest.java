package dev.crmsuite.customer.audience;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * What audiences filter on that the customer row keeps for them: the time zone of the profile, the
 * last purchase (kept with each purchase, and through a merge) and the loyalty tier from
 * loyalty-service's events (idempotent, older events ignored).
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AudienceDataTest {

    @Test
    void the_time_zone_is_an_optional_iana_zone_on_create_patch_and_view() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"name\":\"Zoned\",\"email\":\"" + Api.email() + "\",\"timeZone\":\"europe/berlin\"}")
                .post("/api/v1/customers").then().statusCode(201).body("timeZone", equalTo("Europe/Berlin")).extract().path("id");
        given().get("/api/v1/customers/" + id).then().body("timeZone", equalTo("Europe/Berlin"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"timeZone\":\"Asia/Shanghai\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(200).body("timeZone", equalTo("Asia/Shanghai"));
        given().get("/api/v1/customers/" + id + "/history").then().body("items.field", hasItem("timeZone"));
        for (String unknown : java.util.List.of("Mars/Olympus_Mons", "+08:00", "CST-8x")) {
            given().contentType("application/merge-patch+json").header("If-Match", "\"1\"").body("{\"timeZone\":\"" + unknown + "\"}")
                    .patch("/api/v1/customers/" + id).then().statusCode(422).contentType("application/problem+json")
                    .body("errors.field", hasItem("timeZone"));
        }
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"").body("{\"timeZone\":42}")
                .patch("/api/v1/customers/" + id).then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"").body("{\"timeZone\":null}")
                .patch("/api/v1/customers/" + id).then().statusCode(200).body("timeZone", nullValue());
        given().contentType(ContentType.JSON).body("{\"name\":\"Unzoned\",\"email\":\"" + Api.email() + "\",\"timeZone\":\"Atlantis/Capital\"}")
                .post("/api/v1/customers").then().statusCode(422).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"name\":\"Unzoned\",\"email\":\"" + Api.email() + "\",\"timeZone\":\"" + "x".repeat(65) + "\"}")
                .post("/api/v1/customers").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void the_last_purchase_is_the_latest_purchase_and_follows_a_merge() {
        String id = Api.register();
        assertThat(lastPurchase(id)).isNull();
        Api.purchase(id, "LP-1", "10.00", false, "2026-10-01T10:00:00Z");
        assertThat(lastPurchase(id)).isEqualTo(OffsetDateTime.parse("2026-10-01T10:00:00Z"));
        // a backdated purchase does not move it back
        Api.purchase(id, "LP-2", "10.00", false, "2026-09-01T10:00:00Z");
        assertThat(lastPurchase(id)).isEqualTo(OffsetDateTime.parse("2026-10-01T10:00:00Z"));
        Api.purchase(id, "LP-3", "10.00", false, "2026-11-01T10:00:00Z");
        assertThat(lastPurchase(id)).isEqualTo(OffsetDateTime.parse("2026-11-01T10:00:00Z"));

        String survivor = Api.register();
        Api.purchase(survivor, "LP-4", "10.00", false, "2026-08-01T10:00:00Z");
        given().contentType(ContentType.JSON).body("{\"targetCustomerId\":\"" + survivor + "\"}").post("/api/v1/customers/" + id + "/merge")
                .then().statusCode(200);
        assertThat(lastPurchase(survivor)).isEqualTo(OffsetDateTime.parse("2026-11-01T10:00:00Z"));
    }

    @Test
    void the_loyalty_tier_follows_loyalty_events_and_an_older_event_never_moves_it_back() {
        String id = Api.register();
        send(id, "crm.account.opened.v1", "{\"customerId\":\"" + id + "\",\"joinedAt\":\"2026-01-01T00:00:00Z\",\"tier\":\"MEMBER\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> "MEMBER".equals(tier(id)));
        String gold = send(id, "crm.tier.changed.v1", "{\"customerId\":\"" + id + "\",\"tier\":\"GOLD\",\"previousTier\":\"MEMBER\","
                + "\"changedAt\":\"2026-06-01T00:00:00Z\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> "GOLD".equals(tier(id)));
        // a redelivery of the GOLD event (same id) and an older change arriving late: no effect (same key, so handled in this order)
        TopicRecords.send("crm.loyalty", id, TopicRecords.cloudEvent(gold, "/crm/loyalty-service", "crm.tier.changed.v1", id,
                "{\"customerId\":\"" + id + "\",\"tier\":\"PLATINUM\",\"previousTier\":\"GOLD\",\"changedAt\":\"2026-12-01T00:00:00Z\"}"));
        String older = send(id, "crm.tier.changed.v1", "{\"customerId\":\"" + id + "\",\"tier\":\"SILVER\",\"previousTier\":\"MEMBER\","
                + "\"changedAt\":\"2026-03-01T00:00:00Z\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(older));
        assertThat(tier(id)).isEqualTo("GOLD");
        // events about customers this service does not know are skipped
        String stranger = TopicRecords.newId();
        String unknown = send(stranger, "crm.tier.changed.v1", "{\"customerId\":\"" + stranger + "\",\"tier\":\"GOLD\",\"previousTier\":null,"
                + "\"changedAt\":\"2026-06-01T00:00:00Z\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(unknown));

        // and audiences filter on it
        String audience = given().contentType(ContentType.JSON).body("{\"name\":\"" + Api.unique("Gold") + "\",\"filter\":{\"loyaltyTiers\":[\"GOLD\"]}}")
                .post("/api/v1/audiences").then().statusCode(201).extract().path("id");
        given().queryParam("limit", 200).get("/api/v1/audiences/" + audience + "/preview").then().statusCode(200)
                .body("members.find { it.id == '" + id + "' }.loyaltyTier", equalTo("GOLD"));
    }

    @Test
    void a_tier_event_about_a_merged_away_customer_reaches_the_survivor() {
        String source = Api.register();
        String survivor = Api.register();
        given().contentType(ContentType.JSON).body("{\"targetCustomerId\":\"" + survivor + "\"}").post("/api/v1/customers/" + source + "/merge")
                .then().statusCode(200);
        send(source, "crm.tier.changed.v1", "{\"customerId\":\"" + source + "\",\"tier\":\"PLATINUM\",\"previousTier\":\"GOLD\","
                + "\"changedAt\":\"2026-06-01T00:00:00Z\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> "PLATINUM".equals(tier(survivor)));
        assertThat(tier(source)).isNull();
    }

    static String send(String customerId, String type, String data) {
        String eventId = TopicRecords.newId();
        TopicRecords.send("crm.loyalty", customerId, TopicRecords.cloudEvent(eventId, "/crm/loyalty-service", type, customerId, data));
        return eventId;
    }

    static String tier(String customerId) {
        return query("select loyalty_tier from customer where id = ?::uuid", customerId);
    }

    static OffsetDateTime lastPurchase(String customerId) {
        String at = query("select to_char(last_purchase_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from customer where id = ?::uuid",
                customerId);
        return at == null ? null : OffsetDateTime.parse(at);
    }

    static boolean processed(String eventId) {
        return query("select consumer from processed_event where event_id = ? and consumer like '%loyalty-tier%'", eventId) != null;
    }

    static String query(String sql, String param) {
        try (Connection c = PostgresDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
