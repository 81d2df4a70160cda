package dev.crmsuite.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real deliveries, sent by the gateway's dispatcher to a receiver on loopback, verified with the
 * official Standard Webhooks library (npm {@code standardwebhooks}, pinned in src/test/node and run
 * by node) exactly as a partner would: with the secret the partner was shown and the headers and body
 * as received. And the lease: a delivery in flight cannot be taken by a second dispatcher.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
class WebhookStandardTest {

    private static final Path NODE_DIR = Path.of("src/test/node");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(Map<String, String> headers, String body) {
    }

    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    EntityManager em;

    HttpServer server;
    final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    String partnerKey;
    String subscriptionId;

    @AfterEach
    void stop() {
        if (subscriptionId != null) {
            given().header("X-API-Key", partnerKey).delete("/api/v1/webhooks/" + subscriptionId).then().statusCode(204);
        }
        if (server != null) {
            server.stop(0);
        }
    }

    String startReceiver(long answerAfterMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", ex -> {
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            received.add(new Received(headers, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            try {
                TimeUnit.MILLISECONDS.sleep(answerAfterMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    String subscribe(String url) {
        partnerKey = given().header("Authorization", JwtKeys.bearer("admin-1", "admin")).contentType(ContentType.JSON)
                .body("{\"partner\":\"Standard\",\"scopes\":[\"webhooks:manage\",\"customers:read\"],\"requestsPerMinute\":1000}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("apiKey");
        var created = given().header("X-API-Key", partnerKey).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url + "\",\"eventTypes\":[\"crm.customer.registered.v1\"]}")
                .post("/api/v1/webhooks").then().statusCode(201).extract();
        subscriptionId = created.path("id");
        return created.path("secret");
    }

    static String registered(String customer) {
        return TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service", "crm.customer.registered.v1", customer,
                "{\"customerId\":\"" + customer + "\",\"name\":\"S\",\"consents\":{\"marketing\":false,\"partnerSharing\":true}}");
    }

    Received deliveryOf(String customer) {
        TopicRecords.send("crm.customers", customer, registered(customer));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().anyMatch(r -> r.body().contains(customer)));
        return received.stream().filter(r -> r.body().contains(customer)).findFirst().orElseThrow();
    }

    /** What the official library says of each (secret, delivery): "ok" or its error message. */
    static List<String> verifyWithTheOfficialLibrary(List<Map.Entry<String, Received>> deliveries) throws Exception {
        // Output inherited, but not stdin: that is surefire's command channel, and npm leaves an inherited stdin
        // non-blocking, which broke the fork's reader ("std/in stream corrupted") after all tests had passed.
        Process install = new ProcessBuilder("bash", NODE_DIR.resolve("install").toString())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        install.getOutputStream().close();
        assertThat(install.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(install.exitValue()).as("gateway/src/test/node/install").isZero();
        ArrayNode input = JSON.createArrayNode();
        for (Map.Entry<String, Received> delivery : deliveries) {
            ObjectNode one = input.addObject();
            one.put("secret", delivery.getKey());
            ObjectNode headers = one.putObject("headers");
            for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                headers.put(name, delivery.getValue().headers().get(name));
            }
            one.put("body", delivery.getValue().body());
        }
        Process node = new ProcessBuilder("node", "verify.js").directory(NODE_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        node.getOutputStream().write(JSON.writeValueAsBytes(input));
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("node verify.js: " + output).isZero();
        return java.util.stream.StreamSupport.stream(JSON.readTree(output).spliterator(), false)
                .map(r -> r.path("ok").asBoolean() ? "ok:" + r.path("type").asText() : r.path("error").asText()).toList();
    }

    @Test
    void the_official_library_verifies_real_deliveries_also_while_the_secret_rotates() throws Exception {
        String secret = subscribe(startReceiver(0));
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
        Received first = deliveryOf(UUID.randomUUID().toString());
        assertThat(first.headers()).containsKeys("webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(first.headers().get("webhook-signature")).matches("v1,[A-Za-z0-9+/]{43}=");

        String rotated = given().header("X-API-Key", partnerKey).post("/api/v1/webhooks/" + subscriptionId + "/secret-rotation")
                .then().statusCode(200).extract().path("secret");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        Received during = deliveryOf(UUID.randomUUID().toString());
        assertThat(during.headers().get("webhook-signature")).matches("v1,\\S+ v1,\\S+");

        Received tampered = new Received(first.headers(), first.body().replace("\"S\"", "\"T\""));
        String legacySecret = "whsec_" + "0123456789abcdef".repeat(4); // the hex secrets issued before this format
        long now = OffsetDateTime.now().toEpochSecond();
        Received legacy = new Received(Map.of("webhook-id", "d-legacy", "webhook-timestamp", Long.toString(now),
                "webhook-signature", WebhookSignature.sign(legacySecret, "d-legacy", now, "{\"type\":\"crm.legacy\"}")),
                "{\"type\":\"crm.legacy\"}");
        List<String> verdicts = verifyWithTheOfficialLibrary(List.of(
                Map.entry(secret, first),
                Map.entry(rotated, during),          // the partner already on the new secret
                Map.entry(secret, during),           // or still on the old one
                Map.entry(secret, tampered),
                Map.entry(rotated, first),
                Map.entry(legacySecret, legacy)));
        assertThat(verdicts).containsExactly("ok:crm.customer.registered.v1", "ok:crm.customer.registered.v1",
                "ok:crm.customer.registered.v1", "No matching signature found", "No matching signature found", "ok:crm.legacy");
    }

    @Test
    void a_second_dispatcher_cannot_take_a_delivery_that_is_leased() throws Exception {
        subscribe(startReceiver(3_000)); // in flight for 3 s: the first dispatcher holds its lease meanwhile
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, registered(customer));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().anyMatch(r -> r.body().contains(customer)));

        // Another replica runs the same lease query on the same database now: it gets nothing of ours.
        List<WebhookDispatcher.Due> taken = dispatcher.leaseDue();
        try {
            assertThat(taken).noneMatch(d -> d.subscription().toString().equals(subscriptionId));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> taken.forEach(d -> em.createNativeQuery(
                    "update webhook_delivery set lease_until = null where id = ?1").setParameter(1, d.id()).executeUpdate()));
        }
        // The lease held covers the batch's worst case: batch-size × (connect-timeout + timeout) + margin.
        DeliveryLease lease = dispatcher.lease();
        assertThat(lease.length()).isEqualTo(lease.perDelivery().multipliedBy(lease.batchSize()).plus(DeliveryLease.MARGIN));
        OffsetDateTime leasedUntil = QuarkusTransaction.requiringNew().call(() -> dev.crmsuite.platform.time.SqlTimes.utc(
                em.createNativeQuery("select lease_until from webhook_delivery where subscription_id = ?1")
                        .setParameter(1, UUID.fromString(subscriptionId)).getSingleResult()));
        assertThat(leasedUntil).isAfter(OffsetDateTime.now().plus(lease.length()).minusSeconds(10));

        // Answered and recorded once; nobody sends it again.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().header("X-API-Key", partnerKey).get("/api/v1/webhooks/" + subscriptionId + "/attempts")
                        .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(1))
                        .body("items[0].deliveryStatus", org.hamcrest.Matchers.equalTo("DELIVERED")));
        TimeUnit.SECONDS.sleep(1);
        assertThat(received.stream().filter(r -> r.body().contains(customer))).hasSize(1);
    }
}
