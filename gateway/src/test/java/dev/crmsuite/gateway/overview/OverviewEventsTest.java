package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The customer-360 read model fed from the real broker: apply once, skip redeliveries, dead-letter poison. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class OverviewEventsTest {

    static String staff() {
        return JwtKeys.bearer("staff-1", "staff");
    }

    @Inject
    OverviewStore store;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String registered(String eventId, String customerId, String name) {
        return TopicRecords.cloudEvent(eventId, "/crm/customer-service", "crm.customer.registered.v1", customerId,
                "{\"customerId\":\"" + customerId + "\",\"kind\":\"PERSON\",\"name\":\"" + name
                        + "\",\"email\":\"x@example.com\",\"registeredAt\":\"2026-11-22T10:00:00Z\"}");
    }

    @Test
    void a_registered_customer_appears_in_the_overview() {
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, registered(TopicRecords.newId(), customer, "Li Wei"));
        dev.crmsuite.gateway.PersonalRecords.profile(customer, "Li Wei", "x@example.com");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", staff()).get("/api/v1/customers/" + customer + "/overview")
                        .then().statusCode(200)
                        .body("customerId", equalTo(customer))
                        .body("profile.name", equalTo("Li Wei"))
                        .body("profile.email", equalTo("x@example.com")));
        given().header("Authorization", staff()).get("/api/v1/customers/" + customer + "/overview").then()
                .body("profile.asOf", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void the_overview_shows_value_and_revenue_after_the_customer_events_and_answers_as_documented() {
        String customer = UUID.randomUUID().toString();
        String purchasedAt = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        TopicRecords.send("crm.customers", customer, registered(TopicRecords.newId(), customer, "Value Customer"));
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.purchase.recorded.v1", customer, "{\"purchaseId\":\"" + UUID.randomUUID() + "\",\"customerId\":\"" + customer
                        + "\",\"amount\":1200.50,\"currency\":\"CNY\",\"purchasedAt\":\"" + purchasedAt + "\"}"));
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.segment-changed.v1", customer, "{\"customerId\":\"" + customer
                        + "\",\"segment\":\"RELATIONAL\",\"previousSegment\":null,\"valueTier\":\"B\",\"lifetimeValue\":6002.50}"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", staff()).get("/api/v1/customers/" + customer + "/overview")
                        .then().statusCode(200)
                        .body("value.lifetimeValue", equalTo(6002.5f))
                        .body("value.revenue12Months", equalTo(1200.5f))
                        .body("value.lifetimeRevenue", equalTo(1200.5f))
                        .body("value.currency", equalTo("CNY"))
                        .body("value", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("revenueByMonth"))));
        JsonNode answer = TopicRecords.parse(given().header("Authorization", staff())
                .get("/api/v1/customers/" + customer + "/overview").then().statusCode(200).extract().asString());
        JsonNode document = TopicRecords.parse(given().get("/q/openapi").then().statusCode(200).extract().asString());
        assertDeclared(document, document.at("/paths/~1api~1v1~1customers~1{id}~1overview/get/responses/200/content/application~1json/schema"),
                answer, "overview");
    }

    /** Every field of the answer is a property its schema declares, of a declared type (references and anyOf followed). */
    static void assertDeclared(JsonNode document, JsonNode schema, JsonNode value, String where) {
        while (schema.has("$ref") || schema.has("anyOf")) {
            if (schema.has("$ref")) {
                schema = document.at(schema.get("$ref").asText().substring(1));
            } else {
                JsonNode chosen = null;
                for (JsonNode option : schema.get("anyOf")) {
                    if (!option.path("type").asText().equals("null")) {
                        chosen = option;
                    }
                }
                schema = chosen;
            }
            assertThat(schema).as(where).isNotNull();
            assertThat(schema.isMissingNode()).as(where + " resolves").isFalse();
        }
        String type = value.isObject() ? "object" : value.isArray() ? "array" : value.isTextual() ? "string"
                : value.isIntegralNumber() ? "integer" : value.isNumber() ? "number" : value.isBoolean() ? "boolean" : "null";
        JsonNode types = schema.path("type");
        java.util.Set<String> allowed = new java.util.HashSet<>();
        if (types.isArray()) {
            types.forEach(t -> allowed.add(t.asText()));
        } else if (types.isTextual()) {
            allowed.add(types.asText());
        }
        if (allowed.contains("number")) {
            allowed.add("integer");
        }
        assertThat(allowed).as(where + " is " + type).contains(type);
        if (value.isObject() && !schema.has("additionalProperties")) {
            JsonNode properties = schema.path("properties");
            value.properties().forEach(field -> {
                assertThat(properties.has(field.getKey())).as(where + "." + field.getKey() + " is declared").isTrue();
                assertDeclared(document, properties.get(field.getKey()), field.getValue(), where + "." + field.getKey());
            });
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                assertDeclared(document, schema.path("items"), item, where + "[]");
            }
        }
    }

    @Test
    void a_redelivered_event_has_no_second_effect() {
        String customer = UUID.randomUUID().toString();
        String eventId = TopicRecords.newId();
        String event = registered(eventId, customer, "Once Only");
        TopicRecords.send("crm.customers", customer, event);
        TopicRecords.send("crm.customers", customer, event); // the same event id again, as after a relay crash
        String marker = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", marker, registered(TopicRecords.newId(), marker, "Marker"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", staff()).get("/api/v1/customers/" + marker + "/overview").then().statusCode(200));
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> store.eventCount(customer)))
                .isEqualTo(1);
        assertThat(TopicRecords.all("crm.customers.dlq").stream().filter(r -> customer.equals(r.key()))).isEmpty();
    }

    @Test
    void a_poison_message_goes_to_the_dead_letter_topic_and_the_partition_moves_on() {
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, "{ this is not json");
        TopicRecords.send("crm.customers", customer, registered(TopicRecords.newId(), customer, "After Poison"));
        List<ConsumerRecord<String, String>> dead = TopicRecords.await("crm.customers.dlq", Duration.ofSeconds(20),
                r -> customer.equals(r.key()) && TopicRecords.header(r, "dlq-consumer").contains("customer-overview"));
        assertThat(dead).hasSize(1);
        assertThat(dead.getFirst().value()).isEqualTo("{ this is not json");
        assertThat(TopicRecords.header(dead.getFirst(), "dlq-reason")).contains("not a CloudEvents JSON document");
        assertThat(TopicRecords.header(dead.getFirst(), "dlq-original-topic")).isEqualTo("crm.customers");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", staff()).get("/api/v1/customers/" + customer + "/overview")
                        .then().statusCode(200).body("profile.kind", equalTo("PERSON")));
    }

    @Test
    void concurrent_writers_of_one_customer_lose_no_event_whether_or_not_the_document_exists_yet() throws Exception {
        // Two consumer threads (or replicas) may apply events of one customer at once: from different topics, or
        // while partitions move. The first writers race on a document that does not exist yet (advisory lock),
        // the others on its row (select ... for update); each event must count exactly once.
        String customer = UUID.randomUUID().toString();
        int perThread = 15;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < 3; t++) {
            done.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    dev.crmsuite.platform.events.CloudEvent event = dev.crmsuite.platform.events.EventJson.parse(TopicRecords.cloudEvent(
                            TopicRecords.newId(), "/crm/customer-service", "crm.purchase.recorded.v1", customer,
                            "{\"purchaseId\":\"" + UUID.randomUUID() + "\",\"customerId\":\"" + customer
                                    + "\",\"amount\":10.00,\"currency\":\"CNY\",\"purchasedAt\":\"2026-11-22T10:00:00Z\"}"));
                    io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> store.record(event));
                }
                return null;
            }));
        }
        start.countDown();
        for (var f : done) {
            f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        threads.shutdown();
        JsonNode doc = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> store.current(customer).orElseThrow().document());
        assertThat(doc.at("/value/purchaseCount").asInt()).isEqualTo(3 * perThread);
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> store.eventCount(customer))).isEqualTo(3L * perThread);
    }

    @Test
    void a_batch_recorded_together_gives_the_documents_and_log_that_one_by_one_gives() {
        // OverviewStore.recordAll reads and writes each document once per batch; the result must not differ from
        // record() per event: two customers get the same events, one batched with others, one event by event.
        String together = UUID.randomUUID().toString();
        String existing = UUID.randomUUID().toString();
        String alone = UUID.randomUUID().toString();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> store.record(overviewEvent(
                registered(TopicRecords.newId(), existing, "Existing"))));
        List<dev.crmsuite.platform.events.CloudEvent> batch = new java.util.ArrayList<>();
        List<dev.crmsuite.platform.events.CloudEvent> single = new java.util.ArrayList<>();
        for (String[] kind : List.of(new String[] {"crm.customer.registered.v1", "{\"kind\":\"PERSON\",\"segment\":\"TRANSACTIONAL\",\"stage\":\"PROSPECT\"}"},
                new String[] {"crm.purchase.recorded.v1", "{\"purchaseId\":\"p1\",\"amount\":12.50,\"currency\":\"CNY\",\"purchasedAt\":\"2026-11-22T10:00:00Z\"}"},
                new String[] {"crm.customer.stage-changed.v1", "{\"stage\":\"FIRST_PURCHASE\",\"previousStage\":\"PROSPECT\"}"},
                new String[] {"crm.points.earned.v1", "{\"points\":12,\"balance\":12}"})) {
            // the same event (time included) for the customer recorded one by one, under its own id
            String eventId = TopicRecords.newId();
            String json = TopicRecords.cloudEvent(eventId, "/crm/customer-service", kind[0], together, kind[1]);
            batch.add(overviewEvent(json));
            single.add(overviewEvent(json.replace(together, alone).replace(eventId, TopicRecords.newId())));
            batch.add(overviewEvent(TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service", "crm.purchase.recorded.v1", existing,
                    "{\"purchaseId\":\"" + UUID.randomUUID() + "\",\"amount\":1.00,\"currency\":\"CNY\",\"purchasedAt\":\"2026-11-22T10:00:00Z\"}")));
        }
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> store.recordAll(batch));
        single.forEach(event -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> store.record(event)));

        JsonNode batched = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> store.current(together).orElseThrow().document());
        JsonNode oneByOne = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> store.current(alone).orElseThrow().document());
        assertThat(batched.at("/value/purchaseCount").asInt()).isEqualTo(1);
        assertThat(batched.at("/lifecycle/stage").asText()).isEqualTo("FIRST_PURCHASE");
        assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) batched.deepCopy()).put("customerId", alone)).isEqualTo(oneByOne);
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> store.current(existing).orElseThrow().document())
                .at("/value/purchaseCount").asInt()).isEqualTo(4);
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> store.eventCount(together))).isEqualTo(4L);
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> store.eventCount(existing))).isEqualTo(5L);
        // the log keeps the batch's order: replaying it gives the document again
        JsonNode replayed = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                store.asOf(together, java.time.OffsetDateTime.now().plusMinutes(1)).orElseThrow());
        assertThat(replayed).isEqualTo(batched);
    }

    @Test
    void batches_sharing_customers_in_different_orders_neither_deadlock_nor_lose_an_event() throws Exception {
        // Consumer threads of different topics may apply batches touching the same customers at once, some of
        // whose documents do not exist yet: locks are taken in customer order, so they wait, never deadlock.
        List<String> customers = java.util.stream.IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID().toString()).toList();
        int batches = 10;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                start.await();
                for (int b = 0; b < batches; b++) {
                    List<String> order = new java.util.ArrayList<>(customers);
                    java.util.Collections.rotate(order, thread + b);
                    List<dev.crmsuite.platform.events.CloudEvent> batch = order.stream().map(customer -> overviewEvent(TopicRecords.cloudEvent(
                            TopicRecords.newId(), "/crm/customer-service", "crm.purchase.recorded.v1", customer,
                            "{\"purchaseId\":\"" + UUID.randomUUID() + "\",\"amount\":10.00,\"currency\":\"CNY\",\"purchasedAt\":\"2026-11-22T10:00:00Z\"}"))).toList();
                    io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> store.recordAll(batch));
                }
                return null;
            }));
        }
        start.countDown();
        for (var f : done) {
            f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        threads.shutdown();
        for (String customer : customers) {
            JsonNode doc = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> store.current(customer).orElseThrow().document());
            assertThat(doc.at("/value/purchaseCount").asInt()).as("purchases of %s", customer).isEqualTo(3 * batches);
            assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> store.eventCount(customer))).isEqualTo(3L * batches);
        }
    }

    private static dev.crmsuite.platform.events.CloudEvent overviewEvent(String json) {
        return dev.crmsuite.platform.events.EventJson.parse(json);
    }

    @Test
    void a_burst_marked_in_one_statement_applies_a_repeated_event_once() {
        // No poison: the burst is applied in shared transactions, whose events are marked processed by one
        // statement each (ProcessedEvents.markAllProcessed); an event twice in one batch is applied once.
        List<String> customers = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String customer = UUID.randomUUID().toString();
            customers.add(customer);
            String event = registered(TopicRecords.newId(), customer, "Batch " + i);
            TopicRecords.send("crm.customers", customer, event);
            if (i % 4 == 0) {
                TopicRecords.send("crm.customers", customer, event);
            }
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String customer : customers) {
                assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> store.eventCount(customer)))
                        .as("events applied for %s", customer).isEqualTo(1);
            }
        });
        // and once more after the batch committed (a redelivery after a crash): still once
        String again = registered(TopicRecords.newId(), customers.getFirst(), "Batch again");
        TopicRecords.send("crm.customers", customers.getFirst(), again);
        TopicRecords.send("crm.customers", customers.getFirst(), again);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> store.eventCount(customers.getFirst()))).isEqualTo(2));
    }

    @Test
    void a_burst_applied_in_shared_transactions_still_applies_each_event_once_and_dead_letters_only_the_poison() {
        // Sent back to back, these arrive in one poll and are applied together (crm.events.consumer-batch-size);
        // the poison fails that shared transaction, so they are retried one by one.
        List<String> customers = new java.util.ArrayList<>();
        String repeated = null;
        for (int i = 0; i < 20; i++) {
            String customer = UUID.randomUUID().toString();
            customers.add(customer);
            String event = registered(TopicRecords.newId(), customer, "Burst " + i);
            TopicRecords.send("crm.customers", customer, event);
            if (i == 5) {
                repeated = customer;
                TopicRecords.send("crm.customers", customer, event); // redelivered inside the same batch
            }
            if (i == 10) {
                TopicRecords.send("crm.customers", customer, "{ poison inside a burst");
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String customer : customers) {
                assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> store.eventCount(customer)))
                        .as("events applied for %s", customer).isEqualTo(1);
            }
        });
        String poisoned = customers.get(10);
        assertThat(TopicRecords.await("crm.customers.dlq", Duration.ofSeconds(20),
                r -> poisoned.equals(r.key()) && TopicRecords.header(r, "dlq-consumer").contains("customer-overview")))
                .hasSize(1);
        String once = repeated;
        assertThat(TopicRecords.all("crm.customers.dlq").stream().filter(r -> once.equals(r.key()))).isEmpty();
    }

    @Test
    void as_of_rebuilds_the_view_at_a_point_in_time() {
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, registered(TopicRecords.newId(), customer, "Then"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", staff()).get("/api/v1/customers/" + customer + "/overview").then().statusCode(200));
        given().header("Authorization", staff()).queryParam("asOf", "2000-01-01T00:00:00Z").get("/api/v1/customers/" + customer + "/overview")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", staff()).queryParam("asOf", "2999-01-01T00:00:00Z").get("/api/v1/customers/" + customer + "/overview")
                .then().statusCode(200).body("profile.kind", equalTo("PERSON"));
        given().header("Authorization", staff()).queryParam("asOf", "yesterday").get("/api/v1/customers/" + customer + "/overview")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("asOf"));
    }
}
