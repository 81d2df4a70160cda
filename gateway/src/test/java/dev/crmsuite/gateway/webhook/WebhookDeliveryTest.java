package dev.crmsuite.gateway.webhook;

import com.sun.net.httpserver.HttpServer;
import dev.crmsuite.gateway.FakeService;
import dev.crmsuite.gateway.PersonalRecords;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeService.class, scope = TestResourceScope.GLOBAL)
class WebhookDeliveryTest {

    record Received(Map<String, String> headers, String body) {
    }

    @Inject
    MeterRegistry meters;
    @Inject
    EntityManager em;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    HttpServer server;
    final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    String partnerKey;
    String subscriptionId;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void stop() {
        if (subscriptionId != null) {
            given().header("X-API-Key", partnerKey).delete("/api/v1/webhooks/" + subscriptionId).then().statusCode(204);
        }
        if (server != null) {
            server.stop(0);
        }
    }

    String startReceiver(IntSupplier status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            Map<String, String> headers = new java.util.HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            received.add(new Received(headers, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(status.getAsInt(), -1);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    String subscribe(String url, String types) {
        partnerKey = given().header("Authorization", JwtKeys.bearer("admin-1", "admin")).contentType(ContentType.JSON)
                .body("{\"partner\":\"Hooked\",\"scopes\":[\"webhooks:manage\",\"customers:read\",\"loyalty:read\",\"complaints:read\",\"surveys:read\",\"campaigns:read\"],\"requestsPerMinute\":1000}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("apiKey");
        var created = given().header("X-API-Key", partnerKey).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url + "\",\"eventTypes\":[" + types + "]}")
                .post("/api/v1/webhooks").then().statusCode(201).body("secret", startsWith("whsec_")).extract();
        subscriptionId = created.path("id");
        return created.path("secret");
    }

    static String registered(String customer, boolean sharing) {
        return TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service", "crm.customer.registered.v1", customer,
                "{\"customerId\":\"" + customer + "\",\"name\":\"W\",\"consents\":{\"marketing\":false,\"partnerSharing\":" + sharing + "}}");
    }

    @Test
    void delivers_signed_events_of_consenting_customers_only() throws IOException {
        String secret = subscribe(startReceiver(() -> 204), "\"crm.customer.*\"");
        String sharing = UUID.randomUUID().toString();
        String private_ = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", private_, registered(private_, false));
        TopicRecords.send("crm.customers", sharing, registered(sharing, true));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(r -> r.body().contains(sharing)));
        Received hook = received.stream().filter(r -> r.body().contains(sharing)).findFirst().orElseThrow();
        assertThat(hook.headers().get("content-type")).isEqualTo("application/cloudevents+json");
        String expected = WebhookSignature.sign(secret, hook.headers().get("webhook-id"),
                Long.parseLong(hook.headers().get("webhook-timestamp")), hook.body());
        assertThat(hook.headers().get("webhook-signature")).isEqualTo(expected);
        assertThat(TopicRecords.parse(hook.body()).get("type").asText()).isEqualTo("crm.customer.registered.v1");
        assertThat(received).noneMatch(r -> r.body().contains(private_));
    }

    @Test
    void events_sent_back_to_back_are_fanned_out_together_each_delivered_once() throws Exception {
        subscribe(startReceiver(() -> 204), "\"crm.customer.registered.v1\"");
        List<String> sharing = new java.util.ArrayList<>();
        List<String> private_ = new java.util.ArrayList<>();
        // Sent back to back, these reach the fan-out in one or a few polls: one insert per batch
        for (int i = 0; i < 30; i++) {
            String customer = UUID.randomUUID().toString();
            (i % 3 == 0 ? private_ : sharing).add(customer);
            TopicRecords.send("crm.customers", customer, registered(customer, i % 3 != 0));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sharing.stream().allMatch(c -> received.stream().anyMatch(r -> r.body().contains(c))));
        // Each stays delivered exactly once for two more dispatcher polls (it polls every second)
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (String customer : sharing) {
                assertThat(received.stream().filter(r -> r.body().contains(customer)).count()).as(customer).isEqualTo(1);
            }
        });
        assertThat(received).noneMatch(r -> private_.stream().anyMatch(c -> r.body().contains(c)));
    }

    @Test
    void retries_with_backoff_and_records_every_attempt() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        double retriedBefore = failed("retry");
        subscribe(startReceiver(() -> calls.incrementAndGet() <= 2 ? 500 : 200), "\"crm.customer.registered.v1\"");
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, registered(customer, true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("X-API-Key", partnerKey).get("/api/v1/webhooks/" + subscriptionId + "/attempts")
                        .then().statusCode(200).body("items[0].deliveryStatus", equalTo("DELIVERED")));
        List<Integer> codes = given().header("X-API-Key", partnerKey).get("/api/v1/webhooks/" + subscriptionId + "/attempts")
                .then().extract().path("items.statusCode");
        assertThat(codes).containsExactly(200, 500, 500);
        assertThat(failed("retry") - retriedBefore).as("failed attempts counted").isGreaterThanOrEqualTo(2);
        // One attempt a page: following nextCursor gives the same three, newest first, then stops.
        List<Integer> paged = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().header("X-API-Key", partnerKey).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/webhooks/" + subscriptionId + "/attempts").then().statusCode(200)
                    .header("Link", org.hamcrest.Matchers.nullValue()).extract();
            List<Integer> got = page.path("items.statusCode");
            assertThat(got).hasSize(1);
            paged.addAll(got);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(paged).containsExactly(200, 500, 500);
        given().header("X-API-Key", partnerKey).queryParam("cursor", "bm90IGEgY3Vyc29y")
                .get("/api/v1/webhooks/" + subscriptionId + "/attempts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void a_subscription_that_keeps_failing_is_disabled() throws IOException {
        subscribe(startReceiver(() -> 503), "\"crm.customer.registered.v1\"");
        for (int i = 0; i < 4; i++) {
            String customer = UUID.randomUUID().toString();
            TopicRecords.send("crm.customers", customer, registered(customer, true));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("X-API-Key", partnerKey).get("/api/v1/webhooks/" + subscriptionId)
                        .then().statusCode(200).body("status", equalTo("DISABLED"))
                        .body("disabledReason", startsWith("disabled after 4 consecutive failed deliveries")));
        given().header("X-API-Key", partnerKey).post("/api/v1/webhooks/" + subscriptionId + "/enable")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void refuses_bad_targets_and_hides_other_callers_subscriptions() throws IOException {
        subscribe(startReceiver(() -> 204), "\"*\"");
        given().header("X-API-Key", partnerKey).contentType(ContentType.JSON)
                .body("{\"url\":\"file:///etc/passwd\",\"eventTypes\":[\"*\"]}")
                .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("url"));
        given().header("Authorization", JwtKeys.bearer("someone-else", "staff")).get("/api/v1/webhooks/" + subscriptionId)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void subscriptions_need_the_read_scope_of_their_events() {
        String key = given().header("Authorization", JwtKeys.bearer("admin-1", "admin")).contentType(ContentType.JSON)
                .body("{\"partner\":\"Narrow\",\"scopes\":[\"webhooks:manage\",\"customers:read\"],\"requestsPerMinute\":1000}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("apiKey");
        for (String types : List.of("\"crm.complaint.*\"", "\"*\"", "\"crm.c*\"", "\"crm.drill.*\"", "\"crm.customer.*\",\"crm.points.earned.v1\"")) {
            given().header("X-API-Key", key).contentType(ContentType.JSON)
                    .body("{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[" + types + "]}")
                    .post("/api/v1/webhooks").then().statusCode(403).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("needs"));
        }
        given().header("X-API-Key", key).get("/api/v1/webhooks").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        String id = given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"crm.customer.*\",\"crm.purchase.recorded.v1\"]}")
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        given().header("X-API-Key", key).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        // Gone (or never there): the documented 404, for the delete and the enable alike.
        given().header("X-API-Key", key).delete("/api/v1/webhooks/" + id).then().statusCode(404).contentType("application/problem+json");
        given().header("X-API-Key", key).post("/api/v1/webhooks/" + id + "/enable").then().statusCode(404).contentType("application/problem+json");
        // Without webhooks:manage, none of it.
        String reader = given().header("Authorization", JwtKeys.bearer("admin-1", "admin")).contentType(ContentType.JSON)
                .body("{\"partner\":\"Reader\",\"scopes\":[\"customers:read\"],\"requestsPerMinute\":1000}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("apiKey");
        given().header("X-API-Key", reader).get("/api/v1/webhooks").then().statusCode(403);
    }

    @Test
    void a_retried_subscription_with_the_same_idempotency_key_is_replayed_for_its_caller_only() {
        String staffOne = JwtKeys.bearer("hook-staff-1", "staff");
        String staffTwo = JwtKeys.bearer("hook-staff-2", "staff");
        String key = java.util.UUID.randomUUID().toString();
        String body = "{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"crm.customer.registered.v1\"]}";
        String first = given().header("Authorization", staffOne).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        given().header("Authorization", staffOne).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/webhooks").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        String second = given().header("Authorization", staffTwo).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/webhooks").then().statusCode(201)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue()).extract().path("id");
        assertThat(second).isNotEqualTo(first);
        given().header("Authorization", staffOne).delete("/api/v1/webhooks/" + first).then().statusCode(204);
        given().header("Authorization", staffTwo).delete("/api/v1/webhooks/" + second).then().statusCode(204);
    }

    double failed(String outcome) {
        var counter = meters.find("crm.webhook.deliveries.failed").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void a_delivery_given_up_counts_as_abandoned_in_the_failure_metric() throws IOException {
        double retried = failed("retry");
        double abandoned = failed("abandoned");
        subscribe(startReceiver(() -> 500), "\"crm.customer.registered.v1\"");
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, registered(customer, true));
        // max-attempts is 3 in tests: two failures to retry, then the last one gives the delivery up.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("X-API-Key", partnerKey).get("/api/v1/webhooks/" + subscriptionId + "/attempts")
                        .then().statusCode(200).body("items.size()", equalTo(3)).body("items[0].deliveryStatus", equalTo("FAILED")));
        assertThat(failed("retry") - retried).isGreaterThanOrEqualTo(2);
        assertThat(failed("abandoned") - abandoned).isGreaterThanOrEqualTo(1);
        // As Prometheus scrapes it, under the name the CrmWebhookFailures alert reads.
        String scraped = given().get(metrics.toString()).then().statusCode(200).extract().asString();
        assertThat(scraped.lines().filter(l -> l.startsWith("crm_webhook_deliveries_failed_total{")))
                .anyMatch(l -> l.contains("outcome=\"abandoned\""))
                .anyMatch(l -> l.contains("outcome=\"retry\""));
    }

    @Test
    void a_pending_delivery_is_withheld_once_the_customer_withdraws_partner_sharing() throws Exception {
        String customer = UUID.randomUUID().toString();
        AtomicInteger calls = new AtomicInteger();
        java.util.concurrent.CountDownLatch withdrawn = new java.util.concurrent.CountDownLatch(1);
        // The first attempt fails, and while it is in flight the customer withdraws the consent: the
        // retry that follows must not be sent.
        subscribe(startReceiver(() -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    withdrawn.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 500;
        }), "\"crm.customer.registered.v1\"");
        TopicRecords.send("crm.customers", customer, registered(customer, true));
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() == 1);
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.updated.v1", customer, "{\"customerId\":\"" + customer
                        + "\",\"consents\":{\"marketing\":false,\"partnerSharing\":false}}"));
        await().atMost(Duration.ofSeconds(15)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("select partner_sharing from partner_consent where customer_id = ?1")
                        .setParameter(1, customer).getResultList().stream().findFirst().orElse(null)) == Boolean.FALSE);
        withdrawn.countDown();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("X-API-Key", partnerKey).get("/api/v1/webhooks/" + subscriptionId + "/attempts")
                        .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].deliveryStatus", equalTo("WITHHELD")));
        // Backoff in tests is 200 ms: had it not been withheld, the next attempts would have come by now.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> calls.get() == 1);
    }

    /** A receiver that files each request by its path: one path per subscription of the campaign test. */
    final Map<String, ConcurrentLinkedQueue<Received>> byPath = new java.util.concurrent.ConcurrentHashMap<>();
    final List<String[]> ownedSubscriptions = new java.util.concurrent.CopyOnWriteArrayList<>();

    String startRouter() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            Map<String, String> headers = new java.util.HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            byPath.computeIfAbsent(ex.getRequestURI().getPath(), p -> new ConcurrentLinkedQueue<>())
                    .add(new Received(headers, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Issues a partner key; returns {id, apiKey}. */
    static String[] partner(String name, String scopes) {
        var issued = given().header("Authorization", JwtKeys.bearer("admin-1", "admin")).contentType(ContentType.JSON)
                .body("{\"partner\":\"" + name + "\",\"scopes\":[" + scopes + "],\"requestsPerMinute\":1000}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract();
        return new String[] {issued.path("id"), issued.path("apiKey")};
    }

    /** Subscribes with the given credential header; returns the secret. */
    String subscribeAs(String header, String value, String url, String types) {
        var created = given().header(header, value).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url + "\",\"eventTypes\":[" + types + "]}")
                .post("/api/v1/webhooks").then().statusCode(201).extract();
        ownedSubscriptions.add(new String[] {header, value, created.path("id")});
        return created.path("secret");
    }

    @AfterEach
    void unsubscribeOwned() {
        ownedSubscriptions.forEach(s -> given().header(s[0], s[1]).delete("/api/v1/webhooks/" + s[2]).then().statusCode(204));
        ownedSubscriptions.clear();
    }

    static String deliveryRequested(String customer, String deliveryPartner, String rsvpToken) {
        String delivery = UUID.randomUUID().toString();
        return TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service", "crm.campaign.delivery-requested.v1", customer,
                "{\"deliveryId\":\"" + delivery + "\",\"campaignId\":\"c-1\",\"runId\":\"r-1\",\"customerId\":\"" + customer
                        + "\",\"kind\":\"EVENT_INVITATION\",\"subject\":\"Spring show\",\"templateKey\":\"invite-v1\",\"variables\":{},"
                        + "\"event\":{\"title\":\"Spring show\",\"startsAt\":\"2030-04-01T10:00:00Z\",\"endsAt\":\"2030-04-01T16:00:00Z\","
                        + "\"location\":\"Showroom\"},\"rsvpToken\":" + (rsvpToken == null ? "null" : "\"" + rsvpToken + "\"")
                        + ",\"deliveryPartner\":" + (deliveryPartner == null ? "null" : "\"" + deliveryPartner + "\"")
                        + ",\"requestedAt\":\"2030-03-01T09:00:00Z\"}");
    }

    boolean profileKept(String customer) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                        "select 1 from personal_copy where record_key = ?1")
                .setParameter(1, PersonalRecords.key(customer, "customer", customer)).getResultList().isEmpty());
    }

    boolean consentKept(String customer, boolean sharing) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                        "select 1 from partner_consent where customer_id = ?1 and partner_sharing = ?2")
                .setParameter(1, customer).setParameter(2, sharing).getResultList().isEmpty());
    }

    List<String> customersAt(String path) {
        return byPath.getOrDefault(path, new ConcurrentLinkedQueue<>()).stream()
                .map(r -> TopicRecords.parse(r.body()).path("data").path("customerId").asText()).toList();
    }

    @Test
    void a_delivery_request_reaches_its_delivery_partner_without_sharing_consent_and_no_other_partner()
            throws IOException, InterruptedException {
        String base = startRouter();
        String[] mailer = partner("Mailer", "\"webhooks:manage\",\"campaigns:read\"");
        String[] other = partner("Other", "\"webhooks:manage\",\"campaigns:read\",\"customers:read\"");
        String staff = JwtKeys.bearer("campaign-desk", "staff");
        String mailerSecret = subscribeAs("X-API-Key", mailer[1], base + "/mailer", "\"crm.campaign.delivery-requested.v1\"");
        subscribeAs("X-API-Key", other[1], base + "/other", "\"crm.campaign.*\"");
        subscribeAs("Authorization", staff, base + "/staff", "\"crm.campaign.*\"");
        // A partner without campaigns:read cannot subscribe to them at all.
        String[] narrow = partner("Narrow", "\"webhooks:manage\",\"customers:read\"");
        given().header("X-API-Key", narrow[1]).contentType(ContentType.JSON)
                .body("{\"url\":\"" + base + "/narrow\",\"eventTypes\":[\"crm.campaign.delivery-requested.v1\"]}")
                .post("/api/v1/webhooks").then().statusCode(403).contentType("application/problem+json");

        String private_ = UUID.randomUUID().toString();
        String sharing = UUID.randomUUID().toString();
        String selfDelivered = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", private_, registered(private_, false));
        TopicRecords.send("crm.customers", sharing, registered(sharing, true));
        TopicRecords.send("crm.customers", selfDelivered, registered(selfDelivered, false));
        // The recipients' profiles, on customer-service's personal topic (the requests carry no recipient).
        PersonalRecords.profile(private_, "Private Person", "private@example.com");
        PersonalRecords.profile(sharing, "Sharing Person", "sharing@example.com");
        await().atMost(Duration.ofSeconds(20)).until(() -> consentKept(private_, false) && consentKept(sharing, true)
                && consentKept(selfDelivered, false) && profileKept(private_) && profileKept(sharing));

        TopicRecords.send("crm.customers", private_, deliveryRequested(private_, mailer[0], "tok-private"));
        TopicRecords.send("crm.customers", sharing, deliveryRequested(sharing, mailer[0], "tok-sharing"));
        TopicRecords.send("crm.customers", selfDelivered, deliveryRequested(selfDelivered, null, "tok-self"));
        String campaign = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", campaign, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.campaign.sent.v1", campaign, "{\"campaignId\":\"" + campaign + "\",\"runId\":\"r-1\",\"runNumber\":1,"
                        + "\"kind\":\"NEWSLETTER\",\"audienceSize\":3,\"requested\":3,\"deferred\":0,\"holdout\":0,\"excluded\":{},"
                        + "\"sentAt\":\"2030-03-01T09:00:00Z\"}"));
        // Another partner named as the delivery partner of its own campaign gets that request, its customer's consent or not.
        TopicRecords.send("crm.customers", private_, deliveryRequested(private_, other[0], "tok-other"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(customersAt("/mailer")).containsExactlyInAnyOrder(private_, sharing);
            assertThat(customersAt("/other")).containsExactlyInAnyOrder(sharing, private_);
            assertThat(byPath.getOrDefault("/staff", new ConcurrentLinkedQueue<>())).hasSize(2);
        });
        // Nothing more arrives: the counts hold for a second after the expected deliveries.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> customersAt("/mailer").size() == 2
                && customersAt("/other").size() == 2 && byPath.getOrDefault("/staff", new ConcurrentLinkedQueue<>()).size() == 2);
        // The delivery partner: both of its customers, the RSVP capability included, signed with its secret.
        assertThat(customersAt("/mailer")).containsExactlyInAnyOrder(private_, sharing);
        for (Received hook : byPath.get("/mailer")) {
            assertThat(hook.headers().get("webhook-signature")).isEqualTo(WebhookSignature.sign(mailerSecret,
                    hook.headers().get("webhook-id"), Long.parseLong(hook.headers().get("webhook-timestamp")), hook.body()));
            var data = TopicRecords.parse(hook.body()).path("data");
            assertThat(data.path("rsvpToken").asText()).isEqualTo(data.path("customerId").asText().equals(private_) ? "tok-private" : "tok-sharing");
            // The recipient, filled in from the profile copy when sent.
            assertThat(data.at("/recipient/email").asText()).isEqualTo(data.path("customerId").asText().equals(private_)
                    ? "private@example.com" : "sharing@example.com");
        }
        // Another partner: the mailer's request only for the customer who consented to sharing, and without the
        // capability to answer for them; its own request in full. Never the campaign-level event.
        List<String> otherTokens = byPath.get("/other").stream()
                .map(r -> TopicRecords.parse(r.body()).path("data").path("rsvpToken")).map(n -> n.isNull() ? "null" : n.asText()).toList();
        assertThat(otherTokens).containsExactlyInAnyOrder("null", "tok-other");
        assertThat(byPath.get("/other")).noneMatch(r -> r.body().contains("crm.campaign.sent.v1"));
        // Staff: the consent rule as for every customer event (so the sharing customer only, token and all),
        // and the campaign-level event, which is about no customer.
        List<String> staffTypes = byPath.get("/staff").stream().map(r -> TopicRecords.parse(r.body()).path("type").asText()).toList();
        assertThat(staffTypes).containsExactlyInAnyOrder("crm.campaign.delivery-requested.v1", "crm.campaign.sent.v1");
        assertThat(byPath.get("/staff")).anyMatch(r -> r.body().contains("tok-sharing"));
        assertThat(byPath.values().stream().flatMap(java.util.Collection::stream)).noneMatch(r -> r.body().contains("tok-self"));
    }

    static String registeredForMarketing(String customer) {
        return TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service", "crm.customer.registered.v1", customer,
                "{\"customerId\":\"" + customer + "\",\"consents\":{\"marketing\":true,\"partnerSharing\":false}}");
    }

    String deliveryStatus(String customer) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                        "select status from webhook_delivery where customer_id = ?1 and event_type = 'crm.campaign.delivery-requested.v1'")
                .setParameter(1, customer).getResultList().stream().findFirst().orElse(null));
    }

    @Test
    void a_delivery_request_gets_its_recipient_from_the_profile_copy_when_sent_and_keeps_none() throws IOException {
        String base = startRouter();
        String[] mailer = partner("Mailer", "\"webhooks:manage\",\"campaigns:read\"");
        String secret = subscribeAs("X-API-Key", mailer[1], base + "/mailer", "\"crm.campaign.delivery-requested.v1\"");
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, registeredForMarketing(customer));
        PersonalRecords.profile(customer, "Li Wei", "li.wei@example.com");
        await().atMost(Duration.ofSeconds(20)).until(() -> profileKept(customer));
        TopicRecords.send("crm.customers", customer, deliveryRequested(customer, mailer[0], "tok-1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> customersAt("/mailer").contains(customer));
        Received hook = byPath.get("/mailer").peek();
        assertThat(hook.headers().get("webhook-signature")).as("signed as sent, recipient included").isEqualTo(WebhookSignature.sign(
                secret, hook.headers().get("webhook-id"), Long.parseLong(hook.headers().get("webhook-timestamp")), hook.body()));
        var recipient = TopicRecords.parse(hook.body()).at("/data/recipient");
        assertThat(recipient.path("displayName").asText()).isEqualTo("Li Wei");
        assertThat(recipient.path("email").asText()).isEqualTo("li.wei@example.com");
        assertThat(recipient.path("phone").asText()).isEqualTo("+86 21 5555 0101");
        assertThat(recipient.at("/postalAddress/city").asText()).isEqualTo("Shanghai");
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(deliveryStatus(customer)));
        // The delivery row keeps the event as published, without the address.
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                        "select payload from webhook_delivery where customer_id = ?1").setParameter(1, customer).getSingleResult());
        assertThat(stored).contains("tok-1").doesNotContain("li.wei@example.com", "recipient");
    }

    @Test
    void a_delivery_request_waits_for_a_profile_that_arrives_after_it() throws IOException {
        String base = startRouter();
        String[] mailer = partner("Mailer", "\"webhooks:manage\",\"campaigns:read\"");
        subscribeAs("X-API-Key", mailer[1], base + "/mailer", "\"crm.campaign.delivery-requested.v1\"");
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, registeredForMarketing(customer));
        TopicRecords.send("crm.customers", customer, deliveryRequested(customer, mailer[0], "tok-late"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "PENDING".equals(deliveryStatus(customer)));
        // Polled every 200 ms in tests: without a profile it is neither sent nor withheld meanwhile.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> "PENDING".equals(deliveryStatus(customer))
                && customersAt("/mailer").isEmpty());
        PersonalRecords.profile(customer, "Late Profile", "late@example.com");
        await().atMost(Duration.ofSeconds(20)).until(() -> customersAt("/mailer").contains(customer));
        assertThat(TopicRecords.parse(byPath.get("/mailer").peek().body()).at("/data/recipient/email").asText())
                .isEqualTo("late@example.com");
    }

    /**
     * A mailer whose first answer fails and waits for {@code meanwhile} (the customer's change, kept by
     * the gateway) before answering: the retry that follows is decided on the change.
     */
    String failingMailerWaitingFor(java.util.concurrent.CountDownLatch meanwhile, AtomicInteger calls) throws IOException {
        String url = startReceiver(() -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    meanwhile.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 500;
        });
        String[] mailer = partner("Mailer", "\"webhooks:manage\",\"campaigns:read\"");
        subscribeAs("X-API-Key", mailer[1], url, "\"crm.campaign.delivery-requested.v1\"");
        return mailer[0];
    }

    @Test
    void a_pending_delivery_request_is_withheld_once_the_customer_is_erased() throws IOException {
        java.util.concurrent.CountDownLatch erased = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        String mailer = failingMailerWaitingFor(erased, calls);
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, registeredForMarketing(customer));
        PersonalRecords.profile(customer, "Li Wei", "li.wei@example.com");
        await().atMost(Duration.ofSeconds(20)).until(() -> profileKept(customer));
        TopicRecords.send("crm.customers", customer, deliveryRequested(customer, mailer, "tok-erased"));
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() == 1);
        // The first attempt carried the recipient; then customer-service erases the customer.
        assertThat(received.peek().body()).contains("li.wei@example.com");
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.erased.v1", customer, "{\"customerId\":\"" + customer + "\",\"erasedAt\":\"2030-03-01T10:00:00Z\"}"));
        PersonalRecords.tombstone(PersonalRecords.CUSTOMERS, PersonalRecords.key(customer, "customer", customer));
        await().atMost(Duration.ofSeconds(20)).until(() -> !profileKept(customer));
        erased.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> "WITHHELD".equals(deliveryStatus(customer)));
        // Backoff in tests is 200 ms: had it not been withheld, the retry would have come by now.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> calls.get() == 1);
    }

    @Test
    void a_pending_delivery_request_is_withheld_once_the_customer_withdraws_marketing_consent() throws IOException {
        java.util.concurrent.CountDownLatch withdrawn = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        String mailer = failingMailerWaitingFor(withdrawn, calls);
        String customer = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", customer, registeredForMarketing(customer));
        PersonalRecords.profile(customer, "Li Wei", "li.wei@example.com");
        await().atMost(Duration.ofSeconds(20)).until(() -> profileKept(customer) && marketingKept(customer, true));
        TopicRecords.send("crm.customers", customer, deliveryRequested(customer, mailer, "tok-withdrawn"));
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() == 1);
        TopicRecords.send("crm.customers", customer, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.updated.v1", customer, "{\"customerId\":\"" + customer
                        + "\",\"changed\":[\"consents\"],\"consents\":{\"marketing\":false,\"partnerSharing\":false}}"));
        await().atMost(Duration.ofSeconds(20)).until(() -> marketingKept(customer, false));
        withdrawn.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> "WITHHELD".equals(deliveryStatus(customer)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> calls.get() == 1);
        assertThat(profileKept(customer)).as("withheld for the consent, the profile is still there").isTrue();
    }

    boolean marketingKept(String customer, boolean marketing) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                        "select 1 from marketing_consent where customer_id = ?1 and marketing = ?2")
                .setParameter(1, customer).setParameter(2, marketing).getResultList().isEmpty());
    }
}
