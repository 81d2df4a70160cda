package dev.crmsuite.gateway.personal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.gateway.Credentials;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.gateway.PersonalRecords;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * The customer-360's personal fields come from the gateway's copy of the personal topics, merged at
 * read time: in any order of the two topics, gone with a tombstone or an erasure, found again after a
 * merge moved an item, and the same after a rebuild. Over the real broker and database.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class PersonalCopyTest {

    @Inject
    EntityManager em;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static void customerEvent(String customer, String type, String dataJson) {
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service", type,
                customer, Instant.now(), dataJson));
    }

    static void complaintEvent(String customer, String type, String dataJson) {
        TopicRecords.send("crm.complaints", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/complaint-service", type,
                customer, Instant.now(), dataJson));
    }

    /** The domain events of a customer with an item in every section that shows personal text: ids only. */
    static void domainEvents(String c, String touchpoint, String openFollowUp, String doneFollowUp, String openComplaint,
                             String resolvedComplaint) {
        customerEvent(c, "crm.customer.registered.v1", "{\"customerId\":\"" + c + "\",\"kind\":\"PERSON\","
                + "\"consents\":{\"marketing\":true,\"partnerSharing\":false},\"registeredAt\":\"2026-11-20T10:00:00Z\"}");
        customerEvent(c, "crm.touchpoint.logged.v1", "{\"touchpointId\":\"" + touchpoint + "\",\"customerId\":\"" + c
                + "\",\"channel\":\"PHONE\",\"direction\":\"INBOUND\",\"occurredAt\":\"2026-11-21T10:00:00Z\"}");
        customerEvent(c, "crm.follow-up.scheduled.v1", "{\"followUpId\":\"" + openFollowUp + "\",\"customerId\":\"" + c
                + "\",\"owner\":\"am-1\",\"dueAt\":\"2026-12-21T10:00:00Z\",\"urgent\":false}");
        customerEvent(c, "crm.follow-up.scheduled.v1", "{\"followUpId\":\"" + doneFollowUp + "\",\"customerId\":\"" + c
                + "\",\"owner\":\"am-1\",\"dueAt\":\"2026-11-25T10:00:00Z\",\"urgent\":true}");
        customerEvent(c, "crm.follow-up.completed.v1", "{\"followUpId\":\"" + doneFollowUp + "\",\"customerId\":\"" + c
                + "\",\"completedAt\":\"2026-11-24T10:00:00Z\"}");
        customerEvent(c, "crm.customer.marked-lost.v1", "{\"customerId\":\"" + c + "\",\"reasonCode\":\"PRICE\","
                + "\"lostAt\":\"2026-11-26T10:00:00Z\"}");
        complaintEvent(c, "crm.complaint.filed.v1", "{\"complaintId\":\"" + openComplaint + "\",\"customerId\":\"" + c
                + "\",\"category\":\"DELIVERY\",\"priority\":\"HIGH\",\"filedAt\":\"2026-11-22T10:00:00Z\"}");
        complaintEvent(c, "crm.complaint.filed.v1", "{\"complaintId\":\"" + resolvedComplaint + "\",\"customerId\":\"" + c
                + "\",\"category\":\"BILLING\",\"priority\":\"LOW\",\"filedAt\":\"2026-11-22T11:00:00Z\"}");
        complaintEvent(c, "crm.complaint.resolved.v1", "{\"complaintId\":\"" + resolvedComplaint + "\",\"customerId\":\"" + c
                + "\",\"resolvedAt\":\"2026-11-23T10:00:00Z\",\"firstContactResolution\":true}");
    }

    /** The personal records of the same items, as the two services publish them. */
    static void personalRecords(String c, String touchpoint, String openFollowUp, String doneFollowUp, String openComplaint,
                                String resolvedComplaint) {
        PersonalRecords.profile(c, "Li Wei", "li.wei@example.com");
        PersonalRecords.record(PersonalRecords.CUSTOMERS, c, "touchpoint", touchpoint, "{\"touchpointId\":\"" + touchpoint
                + "\",\"customerId\":\"" + c + "\",\"summary\":\"asked about the spring range\"}");
        PersonalRecords.record(PersonalRecords.CUSTOMERS, c, "follow-up", openFollowUp, "{\"followUpId\":\"" + openFollowUp
                + "\",\"customerId\":\"" + c + "\",\"reason\":\"call back about the sofa\",\"outcome\":null}");
        PersonalRecords.record(PersonalRecords.CUSTOMERS, c, "follow-up", doneFollowUp, "{\"followUpId\":\"" + doneFollowUp
                + "\",\"customerId\":\"" + c + "\",\"reason\":\"check delivery\",\"outcome\":\"delivered, happy\"}");
        PersonalRecords.record(PersonalRecords.CUSTOMERS, c, "lost-reason", c, "{\"customerId\":\"" + c
                + "\",\"reasonText\":\"found it cheaper elsewhere\"}");
        PersonalRecords.record(PersonalRecords.COMPLAINTS, c, "complaint", openComplaint, "{\"complaintId\":\"" + openComplaint
                + "\",\"customerId\":\"" + c + "\",\"subject\":\"sofa arrived scratched\",\"outcome\":null,\"rootCause\":null}");
        PersonalRecords.record(PersonalRecords.COMPLAINTS, c, "complaint", resolvedComplaint, "{\"complaintId\":\""
                + resolvedComplaint + "\",\"customerId\":\"" + c + "\",\"subject\":\"charged twice\",\"outcome\":\"refunded\","
                + "\"rootCause\":\"payment provider retried\"}");
    }

    static JsonNode overview(String customer) {
        return TopicRecords.parse(given().header("Authorization", Credentials.staff())
                .get("/api/v1/customers/" + customer + "/overview").then().statusCode(200).extract().asString());
    }

    /** Every personal field of the customer shows where the overview showed it before issue 17. */
    static void assertAllPersonalFieldsShown(String c) {
        given().header("Authorization", Credentials.staff()).get("/api/v1/customers/" + c + "/overview").then().statusCode(200)
                .body("profile.name", equalTo("Li Wei"))
                .body("profile.email", equalTo("li.wei@example.com"))
                .body("profile.phone", equalTo("+86 21 5555 0101"))
                .body("profile", not(hasKey("postalAddress")))
                .body("touchpoints.recent[0].summary", equalTo("asked about the spring range"))
                .body("followUps.next[0].reason", equalTo("call back about the sofa"))
                .body("followUps.lastCompleted.outcome", equalTo("delivered, happy"))
                .body("lifecycle.lost.reasonText", equalTo("found it cheaper elsewhere"))
                .body("lifecycle.lost.reasonCode", equalTo("PRICE"))
                .body("complaints.open[0].subject", equalTo("sofa arrived scratched"))
                .body("complaints.lastResolution.outcome", equalTo("refunded"))
                .body("complaints.lastResolution", not(hasKey("rootCause")));
    }

    long copies(String customer) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from personal_copy where customer_id = ?1").setParameter(1, customer).getSingleResult()).longValue());
    }

    static String[] ids() {
        return new String[] {UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString()};
    }

    @Test
    void personal_records_first_then_the_domain_events() {
        String c = UUID.randomUUID().toString();
        String[] i = ids();
        personalRecords(c, i[0], i[1], i[2], i[3], i[4]);
        await().atMost(Duration.ofSeconds(20)).until(() -> copies(c) == 7);
        // Nothing to show yet: the overview is built from the domain events.
        given().header("Authorization", Credentials.staff()).get("/api/v1/customers/" + c + "/overview").then().statusCode(404);
        domainEvents(c, i[0], i[1], i[2], i[3], i[4]);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertAllPersonalFieldsShown(c));
        // Kept of each record only what the gateway shows or sends: no root cause, no ids beyond the key.
        String kept = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select cast(data as text) from personal_copy where record_key = ?1")
                .setParameter(1, PersonalRecords.key(c, "complaint", i[4])).getSingleResult());
        assertThat(TopicRecords.parse(kept).properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("subject", "outcome");
    }

    @Test
    void domain_events_first_then_the_personal_records() {
        String c = UUID.randomUUID().toString();
        String[] i = ids();
        domainEvents(c, i[0], i[1], i[2], i[3], i[4]);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", Credentials.staff())
                .get("/api/v1/customers/" + c + "/overview").then().statusCode(200)
                .body("complaints.lastResolution.firstContactResolution", equalTo(true))
                .body("lifecycle.lost.reasonCode", equalTo("PRICE")));
        JsonNode before = overview(c);
        assertThat(before.path("profile").has("name")).isFalse();
        assertThat(before.at("/touchpoints/recent/0").has("summary")).isFalse();
        personalRecords(c, i[0], i[1], i[2], i[3], i[4]);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertAllPersonalFieldsShown(c));
    }

    @Test
    void personal_fields_an_older_domain_event_still_carries_are_neither_shown_nor_logged() {
        String c = UUID.randomUUID().toString();
        customerEvent(c, "crm.customer.registered.v1", "{\"customerId\":\"" + c + "\",\"kind\":\"PERSON\",\"name\":\"Old Name\","
                + "\"email\":\"old@example.com\",\"registeredAt\":\"2026-11-20T10:00:00Z\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", Credentials.staff())
                .get("/api/v1/customers/" + c + "/overview").then().statusCode(200).body("profile.kind", equalTo("PERSON")));
        assertThat(overview(c).toString()).doesNotContain("Old Name", "old@example.com");
        String logged = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select string_agg(cast(payload as text), ' ') from overview_event where customer_id = ?1")
                .setParameter(1, c).getSingleResult());
        assertThat(logged).contains("crm.customer.registered.v1").doesNotContain("Old Name", "old@example.com");
    }

    @Test
    void a_tombstone_removes_what_its_key_recorded_and_nothing_else() {
        String c = UUID.randomUUID().toString();
        String[] i = ids();
        domainEvents(c, i[0], i[1], i[2], i[3], i[4]);
        personalRecords(c, i[0], i[1], i[2], i[3], i[4]);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertAllPersonalFieldsShown(c));
        PersonalRecords.tombstone(PersonalRecords.CUSTOMERS, PersonalRecords.key(c, "touchpoint", i[0]));
        PersonalRecords.tombstone(PersonalRecords.COMPLAINTS, PersonalRecords.key(c, "complaint", i[3]));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode now = overview(c);
            assertThat(now.at("/touchpoints/recent/0").has("summary")).isFalse();
            assertThat(now.at("/complaints/open/0").has("subject")).isFalse();
        });
        JsonNode now = overview(c);
        assertThat(now.at("/touchpoints/recent/0/touchpointId").asText()).isEqualTo(i[0]);
        assertThat(now.at("/profile/name").asText()).isEqualTo("Li Wei");
        assertThat(now.at("/complaints/lastResolution/outcome").asText()).isEqualTo("refunded");
        assertThat(copies(c)).isEqualTo(5);
        // A newer record of the profile replaces the older one.
        PersonalRecords.profile(c, "Li Wei-Zhang", "lwz@example.com");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", Credentials.staff())
                .get("/api/v1/customers/" + c + "/overview").then().statusCode(200)
                .body("profile.name", equalTo("Li Wei-Zhang")).body("profile.email", equalTo("lwz@example.com")));
    }

    @Test
    void an_erased_customers_copy_is_deleted_and_not_taken_again() {
        String c = UUID.randomUUID().toString();
        String[] i = ids();
        domainEvents(c, i[0], i[1], i[2], i[3], i[4]);
        personalRecords(c, i[0], i[1], i[2], i[3], i[4]);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertAllPersonalFieldsShown(c));
        customerEvent(c, "crm.customer.erased.v1", "{\"customerId\":\"" + c + "\",\"erasedAt\":\"2026-12-01T10:00:00Z\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> copies(c) == 0);
        // A record that was still on its way (read after the erasure) is not copied again.
        PersonalRecords.profile(c, "Li Wei", "li.wei@example.com");
        String marker = UUID.randomUUID().toString();
        PersonalRecords.profile(marker, "Marker", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> copies(marker) == 1);
        assertThat(copies(c)).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", Credentials.staff())
                .get("/api/v1/customers/" + c + "/overview").then().statusCode(200).body("erased", equalTo(true)));
        assertThat(overview(c).toString()).doesNotContain("Li Wei", "li.wei@example.com", "sofa", "cheaper");
    }

    @Test
    void a_merged_customers_moved_items_keep_their_text() {
        String source = UUID.randomUUID().toString();
        String target = UUID.randomUUID().toString();
        String touchpoint = UUID.randomUUID().toString();
        customerEvent(target, "crm.customer.registered.v1", "{\"customerId\":\"" + target + "\",\"kind\":\"PERSON\"}");
        customerEvent(source, "crm.customer.registered.v1", "{\"customerId\":\"" + source + "\",\"kind\":\"PERSON\"}");
        customerEvent(source, "crm.touchpoint.logged.v1", "{\"touchpointId\":\"" + touchpoint + "\",\"customerId\":\"" + source
                + "\",\"channel\":\"STORE\",\"occurredAt\":\"2026-11-21T10:00:00Z\"}");
        PersonalRecords.profile(target, "Target Person", "t@example.com");
        String sourceKey = PersonalRecords.record(PersonalRecords.CUSTOMERS, source, "touchpoint", touchpoint,
                "{\"touchpointId\":\"" + touchpoint + "\",\"customerId\":\"" + source + "\",\"summary\":\"visited the showroom\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", Credentials.staff())
                .get("/api/v1/customers/" + source + "/overview").then().statusCode(200)
                .body("touchpoints.recent[0].summary", equalTo("visited the showroom")));
        // customer-service merges: the event on crm.customers, the moved item re-recorded under the target, the source's key forgotten.
        customerEvent(target, "crm.customer.merged.v1", "{\"customerId\":\"" + target + "\",\"sourceCustomerId\":\"" + source + "\"}");
        PersonalRecords.record(PersonalRecords.CUSTOMERS, target, "touchpoint", touchpoint,
                "{\"touchpointId\":\"" + touchpoint + "\",\"customerId\":\"" + target + "\",\"summary\":\"visited the showroom\"}");
        PersonalRecords.tombstone(PersonalRecords.CUSTOMERS, sourceKey);
        await().atMost(Duration.ofSeconds(20)).until(() -> copies(source) == 0 && copies(target) == 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", Credentials.staff())
                .get("/api/v1/customers/" + target + "/overview").then().statusCode(200)
                .body("mergedFrom[0]", equalTo(source))
                .body("profile.name", equalTo("Target Person"))
                .body("touchpoints.recent[0].touchpointId", equalTo(touchpoint))
                .body("touchpoints.recent[0].summary", equalTo("visited the showroom")));
    }

    @Test
    void a_rebuild_replays_the_personal_topics_and_gives_the_same_overview() {
        String c = UUID.randomUUID().toString();
        String[] i = ids();
        domainEvents(c, i[0], i[1], i[2], i[3], i[4]);
        personalRecords(c, i[0], i[1], i[2], i[3], i[4]);
        String profileEvent = TopicRecords.newId();
        TopicRecords.send(PersonalRecords.CUSTOMERS, PersonalRecords.key(c, "customer", c), TopicRecords.cloudEvent(profileEvent,
                "/crm/customer-service", "crm.customer.personal-data-recorded.v1", c, Instant.now(),
                "{\"customerId\":\"" + c + "\",\"name\":\"Li Wei\",\"email\":\"li.wei@example.com\",\"phone\":\"+86 21 5555 0101\","
                        + "\"postalAddress\":null}"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertAllPersonalFieldsShown(c));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(profileEvent));
        JsonNode before = overview(c);

        int generation = given().header("Authorization", Credentials.admin()).post("/api/v1/admin/overview/rebuild")
                .then().statusCode(202).extract().path("generation");
        assertThat(generation).isPositive();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(TopicRecords.parse(given()
                .header("Authorization", Credentials.staff()).get("/api/v1/customers/" + c + "/overview").then().extract().asString()))
                .isEqualTo(before));
        // The copy read its topics again too (its processed marks were reset and are taken anew), without ever being emptied.
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(profileEvent));
        assertThat(copies(c)).isEqualTo(7);
    }

    boolean processed(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                        "select 1 from processed_event where consumer = 'personal-copy' and event_id = ?1")
                .setParameter(1, eventId).getResultList().isEmpty());
    }
}
