package dev.crmsuite.complaint.customer;

import dev.crmsuite.complaint.testing.Api;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.crmsuite.complaint.testing.Api.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The local customer copy fed from crm.customers: segment boosts, complaints that arrive before
 * the customer's event (kept, reported, reconciled), merges and erasure.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CustomerCopyTest {

    @Inject
    ControllableClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void tuesday() {
        clock.set(Api.berlin("2026-11-24T10:00"));
    }

    static void awaitKnown(String customer) {
        // A complaint for the customer is the probe: it says customerKnown once the event was applied.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().contentType(ContentType.JSON)
                .body(Api.body(customer, "WEB", "OTHER", null)).post(BASE).then().statusCode(201)
                .extract().<Boolean>path("customerKnown"));
    }

    @Test
    void a_key_account_gets_a_boost_and_an_explicit_priority_only_raises() {
        String customer = Api.newCustomer();
        Api.registered(customer, "KEY_ACCOUNT", "B");
        Api.segmentChanged(customer, "KEY_ACCOUNT", "B", 1);
        awaitBoost(customer, 1);
        Api.file(customer, "PHONE", "DELIVERY").statusCode(201).body("priority", equalTo("HIGH"))
                .body("customerKnown", equalTo(true)).body("customerSegment", equalTo("KEY_ACCOUNT"));
        given().contentType(ContentType.JSON).body(Api.body(customer, "PHONE", "DELIVERY", "LOW")).post(BASE)
                .then().statusCode(201).body("priority", equalTo("HIGH"));
        given().contentType(ContentType.JSON).body(Api.body(customer, "PHONE", "DELIVERY", "URGENT")).post(BASE)
                .then().statusCode(201).body("priority", equalTo("URGENT"));

        String plain = Api.newCustomer();
        Api.registered(plain, "TRANSACTIONAL", "C");
        awaitKnown(plain);
        Api.file(plain, "PHONE", "DELIVERY").statusCode(201).body("priority", equalTo("MEDIUM"));
    }

    @Test
    void a_segment_change_applies_to_complaints_filed_after_it() {
        String customer = Api.newCustomer();
        Api.registered(customer, "TRANSACTIONAL", "C");
        awaitKnown(customer);
        Api.file(customer, "PHONE", "PRODUCT").statusCode(201).body("priority", equalTo("MEDIUM"));
        // customer-service's policy: KEY_ACCOUNT +2 (the boost comes with the event, no setting here).
        Api.segmentChanged(customer, "KEY_ACCOUNT", "A", 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> "URGENT".equals(Api.file(customer, "PHONE", "PRODUCT")
                .statusCode(201).extract().path("priority")));
        Api.file(customer, "PHONE", "PRODUCT").statusCode(201).body("customerSegment", equalTo("KEY_ACCOUNT"));
    }

    @Test
    void the_segment_boost_is_the_one_customer_service_sends_and_zero_until_it_does() {
        // A key account known only from its registration: no segment-changed event yet, so no boost.
        String key = Api.newCustomer();
        Api.registered(key, "KEY_ACCOUNT", "B");
        awaitKnown(key);
        Api.file(key, "PHONE", "OTHER").statusCode(201).body("customerSegment", equalTo("KEY_ACCOUNT")).body("priority", equalTo("LOW"));
        // RELATIONAL +1 as customer-service's policy says, on Kafka like every customer event.
        String relational = Api.newCustomer();
        Api.registered(relational, "TRANSACTIONAL", "C");
        Api.segmentChanged(relational, "RELATIONAL", "C", 1);
        awaitBoost(relational, 1);
        Api.file(relational, "PHONE", "OTHER").statusCode(201).body("priority", equalTo("MEDIUM"));
        // Back to TRANSACTIONAL from an older producer without priorityBoost: 0 again, not the old boost.
        Api.segmentChanged(relational, "TRANSACTIONAL", "C", null);
        awaitBoost(relational, 0);
        Api.file(relational, "PHONE", "OTHER").statusCode(201).body("priority", equalTo("LOW"));
        // A boost outside 0..3 breaks the contract: dead-lettered, the stored boost stays.
        String odd = Api.newCustomer();
        Api.registered(odd, "TRANSACTIONAL", "C");
        Api.segmentChanged(odd, "KEY_ACCOUNT", "C", 7);
        var dead = dev.crmsuite.platform.testing.TopicRecords.await("crm.customers.dlq", Duration.ofSeconds(30),
                r -> odd.equals(r.key()) && "complaint-service.complaint-customer-copy".equals(
                        dev.crmsuite.platform.testing.TopicRecords.header(r, "dlq-consumer")));
        assertThat(dead).hasSize(1);
        Api.file(odd, "PHONE", "OTHER").statusCode(201).body("priority", equalTo("LOW"));
    }

    /** Waits until the service keeps {@code boost} as the customer's segment priority boost. */
    static void awaitBoost(String customer, int boost) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (java.sql.Connection c = dev.crmsuite.platform.testing.PostgresDatabase.connect();
                 java.sql.PreparedStatement s = c.prepareStatement("select priority_boost from known_customer where customer_id = ?::uuid")) {
                s.setString(1, customer);
                java.sql.ResultSet rs = s.executeQuery();
                return rs.next() && rs.getInt(1) == boost;
            }
        });
    }

    @Test
    void a_customer_event_without_a_customer_id_is_dead_lettered() {
        String key = Api.newCustomer();
        Api.customerEvent("crm.customer.erased.v1", key, "{\"erasedAt\":\"2026-11-24T11:00:00Z\"}");
        var dead = dev.crmsuite.platform.testing.TopicRecords.await("crm.customers.dlq", Duration.ofSeconds(30),
                r -> key.equals(r.key()) && "complaint-service.complaint-customer-copy".equals(
                        dev.crmsuite.platform.testing.TopicRecords.header(r, "dlq-consumer")));
        org.assertj.core.api.Assertions.assertThat(dead).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(dev.crmsuite.platform.testing.TopicRecords.header(dead.getFirst(), "dlq-reason"))
                .contains("without customerId");
    }

    @Test
    void a_complaint_before_the_customer_event_is_kept_reported_and_reconciled() {
        String customer = Api.newCustomer();
        String id = Api.file(customer, "CALL_CENTRE", "DELIVERY").statusCode(201)
                .body("customerKnown", equalTo(false)).body("priority", equalTo("MEDIUM"))
                .body("respondBy", equalTo(Api.berlin("2026-11-25T10:00").toString()))
                .extract().path("id");
        assertThat(unknown("PT0S")).contains(customer);
        given().queryParam("olderThan", "PT0S").queryParam("limit", 200).get(BASE + "/unknown-customers").then().statusCode(200)
                .body("items.find { it.customerId == '" + customer + "' }.complaints", equalTo(1));
        assertThat(unknown(null)).doesNotContain(customer);
        clock.advance(Duration.ofHours(25));
        assertThat(unknown(null)).contains(customer);
        given().queryParam("customerKnown", "false").queryParam("customerId", customer).get(BASE).then()
                .body("items.id", hasItem(id));
        given().queryParam("olderThan", "soon").get(BASE + "/unknown-customers").then().statusCode(400)
                .body("errors[0].field", equalTo("olderThan"));
        Api.segmentChanged(customer, "KEY_ACCOUNT", "A", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.get(id).body("customerKnown", equalTo(true)));
        Api.get(id).body("customerSegment", equalTo("KEY_ACCOUNT")).body("priority", equalTo("HIGH"))
                // HIGH: 4 business hours from the filing.
                .body("respondBy", equalTo(Api.berlin("2026-11-24T14:00").toString()));
        assertThat(unknown("PT0S")).doesNotContain(customer);
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then()
                .body("items.find { it.field == 'customerKnown' }.oldValue", equalTo("false"))
                .body("items.find { it.field == 'customerKnown' }.actor", equalTo("system"))
                .body("items.find { it.action == 'customer-known' && it.field == 'priority' }.newValue", equalTo("HIGH"));
    }

    @Test
    void a_merge_moves_the_complaints_to_the_surviving_customer() {
        String source = Api.newCustomer();
        String target = Api.newCustomer();
        Api.registered(target, "RELATIONAL", "B");
        awaitKnown(target);
        String id = Api.fileId(source, "SOCIAL", "SERVICE");
        Api.customerEvent("crm.customer.merged.v1", target, """
                {"sourceCustomerId":"%s","targetCustomerId":"%s","mergedAt":"2026-11-24T09:00:00Z"}""".formatted(source, target));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.get(id).body("customerId", equalTo(target)));
        Api.get(id).body("customerKnown", equalTo(true));
        given().queryParam("customerId", target).get(BASE).then().body("items.id", hasItem(id));
        given().queryParam("customerId", source).get(BASE).then().body("items.size()", equalTo(0));
        // A late complaint under the old id lands with the survivor too.
        Api.file(source, "EMAIL", "SERVICE").statusCode(201).body("customerId", equalTo(target));
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then()
                .body("items.find { it.field == 'customerId' }.oldValue", equalTo(source))
                .body("items.find { it.field == 'customerId' }.newValue", equalTo(target));
        // The complaint's text follows it on crm.complaints.personal: the old key tombstoned, the new one recorded.
        String oldKey = source + "/complaint/" + id;
        String newKey = target + "/complaint/" + id;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Api.personal(source)).filteredOn(r -> r.key().equals(oldKey)).extracting(r -> r.value() == null)
                    .containsExactly(false, true);
            assertThat(Api.personal(target)).filteredOn(r -> r.key().equals(newKey)).hasSize(1);
        });
        var moved = TopicRecords.parse(Api.personal(target).stream().filter(r -> r.key().equals(newKey)).findFirst()
                .orElseThrow().value());
        assertThat(moved.path("subject").asText()).isEqualTo(target);
        assertThat(moved.path("data").path("customerId").asText()).isEqualTo(target);
        assertThat(moved.path("data").path("subject").asText()).isEqualTo("Parcel arrived damaged");
    }

    @Test
    void erasure_removes_personal_text_and_keeps_the_facts() {
        String customer = Api.newCustomer();
        Api.registered(customer, "TRANSACTIONAL", "C");
        awaitKnown(customer);
        String id = Api.fileId(customer, "IN_PERSON", "STAFF");
        Api.act(id, "acknowledge").statusCode(200);
        given().contentType(ContentType.JSON).body("{\"body\":\"Customer lives at 1 Main St\",\"visibility\":\"INTERNAL\"}")
                .post(BASE + "/" + id + "/comments").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"tag\":\"process-fix\",\"note\":\"Train store staff\"}")
                .post(BASE + "/" + id + "/tags").then().statusCode(200);

        Api.customerEvent("crm.customer.erased.v1", customer,
                "{\"customerId\":\"" + customer + "\",\"erasedAt\":\"2026-11-24T11:00:00Z\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.get(id).body("erased", equalTo(true)));
        Api.get(id).body("description", nullValue()).body("subject", equalTo("(erased)"))
                .body("category", equalTo("STAFF")).body("channel", equalTo("IN_PERSON"))
                .body("status", equalTo("ACKNOWLEDGED")).body("acknowledgedAt", org.hamcrest.Matchers.notNullValue())
                .body("tags", hasItem("process-fix"));
        given().get(BASE + "/" + id + "/comments").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items.body", everyItem(nullValue()));
        // Still counted: erasure removes text, not facts.
        given().queryParam("from", "2026-11-24").queryParam("to", "2026-11-25").queryParam("groupBy", "category").get(BASE + "/stats")
                .then().statusCode(200).body("groups.find { it.key == 'STAFF' }.volume", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        // No new complaints under an erased customer's id.
        Api.file(customer, "PHONE", "STAFF").statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("customerId"));
        // The complaint's text on crm.complaints.personal is tombstoned (compaction then drops it), and the outbox
        // keeps no row that carried it.
        String key = customer + "/complaint/" + id;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Api.personal(customer)).filteredOn(r -> r.key().equals(key)).extracting(r -> r.value() == null)
                        .containsExactly(false, true));
        assertThat(Api.count("select count(*) from outbox_event where event_key = '" + key + "' and payload is not null")).isZero();
        assertThat(Api.count("select count(*) from personal_record where customer_id = '" + customer + "'")).isZero();
    }

    /** Every unknown customer id, following the pages. */
    private static java.util.List<String> unknown(String olderThan) {
        return Api.walk(BASE + "/unknown-customers?limit=200" + (olderThan == null ? "" : "&olderThan=" + olderThan), 200).stream()
                .map(u -> u.path("customerId").asText()).toList();
    }
}
