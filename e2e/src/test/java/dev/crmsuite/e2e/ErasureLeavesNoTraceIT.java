package dev.crmsuite.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Issue 17's promise, end to end: after an erasure nothing of the person is left in Kafka, and the
 * customer-360 rebuilt from the topics knows nothing of them while everybody else's view is as it
 * was. A person with unique words (name, email, phone, address, complaint text, comments, a survey
 * answer, staff notes) goes through purchases, points, a voucher, a redemption, a complaint with
 * goodwill, a survey and a partner webhook; the export taken before erasure must hold every part;
 * after erasure the personal topics are compacted (eager settings in {@link RunningSuite}) and
 * every record of every topic, internal ones included, is read byte by byte for those words.
 */
@ExtendWith(RunningSuite.class)
class ErasureLeavesNoTraceIT {

    private static final ConcurrentLinkedQueue<String> WEBHOOK_BODIES = new ConcurrentLinkedQueue<>();
    private static HttpServer receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", RunningSuite.webhookReceiverPort()), 0);
        receiver.createContext("/erasure-partner", exchange -> {
            WEBHOOK_BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    /** The partner's key and webhook subscription, removed again when the receiver stops. */
    private static String partnerKey;
    private static String subscription;

    @AfterAll
    static void stopReceiver() {
        // as in CampaignStoryIT: a subscription left behind has the gateway retry later suites' events
        // against this closed port, writing delivery attempts while those suites expect quiet
        if (subscription != null) {
            asPartner(partnerKey).delete("/api/v1/webhooks/" + subscription).then().statusCode(204);
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static RequestSpecification asAdmin() {
        return given().baseUri(RunningSuite.api()).header("Authorization", JwtKeys.bearer("e2e-erasure-admin", "admin"))
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification asPartner(String apiKey) {
        return given().baseUri(RunningSuite.api()).header("X-API-Key", apiKey).contentType(ContentType.JSON);
    }

    @Test
    void an_erased_person_leaves_nothing_in_kafka_and_nothing_in_the_rebuilt_360() throws Exception {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String name = "Zephyrine Quoll" + unique;
        String email = "zq-" + unique + "@erasure.example.com";
        String phoneDigits = "86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String phone = "+" + phoneDigits;
        String street = "Quollstrasse " + unique;
        String subject = "Quoll kettle " + unique + " leaks";
        String description = "The kettle " + unique + " leaked on my table";
        String publicComment = "We are sorry, " + unique + ", a new kettle is on its way";
        String internalComment = "Internal: " + unique + " sounded upset";
        String outcome = "Replaced kettle " + unique;
        String surveyText = "Still cross about " + unique;
        String touchpointSummary = "Called " + unique + " about the kettle";
        String followUpReason = "Ring " + unique + " back next week";
        List<String> needles = List.of(name, email, phone, phoneDigits, street, subject, description, publicComment,
                internalComment, outcome, surveyText, touchpointSummary, followUpReason, unique);

        // A partner with a webhook: what carried the person outside is part of the export.
        partnerKey = asAdmin().body(Map.of("partner", "E2E erasure partner", "scopes",
                        List.of("customers:read", "webhooks:manage"), "requestsPerMinute", 600))
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("apiKey");
        subscription = asPartner(partnerKey).body(Map.of("url", RunningSuite.webhookReceiverOrigin() + "/erasure-partner",
                        "eventTypes", List.of("crm.purchase.recorded.v1")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");

        // A survey with a text question, sent after every resolved complaint.
        String survey = asAdmin().body("""
                        {"title":"Erasure IT: was it solved?","questions":[
                          {"key":"recommend","type":"NPS","text":"Would you recommend us?","required":true},
                          {"key":"why","type":"FREE_TEXT","text":"Tell us more"}],
                         "triggers":[{"on":"COMPLAINT_RESOLVED"}]}""")
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        asAdmin().post("/api/v1/surveys/" + survey + "/publish").then().statusCode(201);

        String bystander = asAdmin().body(Map.of("kind", "PERSON", "name", "Erasure Bystander " + UUID.randomUUID(),
                        "email", "bystander-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                        "consents", Map.of("marketing", true, "partnerSharing", true)))
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");

        String id = asAdmin().body(Map.of("kind", "PERSON", "name", name, "email", email, "phone", phone,
                        "address", Map.of("line1", street, "postalCode", "200120", "city", "Shanghai", "country", "CN"),
                        "consents", Map.of("marketing", true, "partnerSharing", true)))
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");

        for (String amount : List.of("880.00", "120.00")) {
            asAdmin().body(Map.of("externalOrderId", "ERASE-" + UUID.randomUUID(), "amount", new java.math.BigDecimal(amount),
                    "currency", "CNY", "discounted", false)).post("/api/v1/customers/" + id + "/purchases").then().statusCode(201);
        }
        asAdmin().body(Map.of("externalOrderId", "BYSTANDER-" + UUID.randomUUID(), "amount", new java.math.BigDecimal("300.00"),
                "currency", "CNY", "discounted", false)).post("/api/v1/customers/" + bystander + "/purchases").then().statusCode(201);
        asAdmin().body(Map.of("channel", "PHONE", "direction", "OUTBOUND", "phase", "AFTER_SALE", "summary", touchpointSummary))
                .post("/api/v1/customers/" + id + "/touchpoints").then().statusCode(201);
        asAdmin().body(Map.of("dueAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), "reason", followUpReason))
                .post("/api/v1/customers/" + id + "/follow-ups").then().statusCode(201);
        asAdmin().body(Map.of("customerId", id, "kind", "VALUE", "value", 10.00,
                        "validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)))
                .post("/api/v1/loyalty/vouchers").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asAdmin().get("/api/v1/loyalty/accounts/" + id).then().statusCode(200).body("balance", greaterThan(10)));
        asAdmin().body(Map.of("points", 10)).post("/api/v1/loyalty/accounts/" + id + "/redemptions").then().statusCode(201);

        String complaint = asAdmin().body(Map.of("customerId", id, "channel", "EMAIL", "category", "PRODUCT",
                        "subject", subject, "description", description))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id");
        asAdmin().body(Map.of("body", publicComment, "visibility", "CUSTOMER"))
                .post("/api/v1/complaints/" + complaint + "/comments").then().statusCode(201);
        asAdmin().body(Map.of("body", internalComment, "visibility", "INTERNAL"))
                .post("/api/v1/complaints/" + complaint + "/comments").then().statusCode(201);
        asAdmin().post("/api/v1/complaints/" + complaint + "/acknowledge").then().statusCode(200);
        asAdmin().post("/api/v1/complaints/" + complaint + "/start").then().statusCode(200);
        asAdmin().body(Map.of("outcome", outcome, "rootCause", "Seal " + unique, "firstContactResolution", false,
                "compensationPoints", 50)).post("/api/v1/complaints/" + complaint + "/resolution").then().statusCode(200);

        String token = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath list = asAdmin().queryParam("customerId", id).get("/api/v1/survey-invitations")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = list.getList("items");
            return items.stream().filter(i -> survey.equals(i.get("surveyId"))).map(i -> (String) i.get("token"))
                    .filter(t -> t != null).findFirst().orElse(null);
        }, t -> t != null);
        given().baseUri(RunningSuite.api()).contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("recommend", 3, "why", surveyText)))
                .post("/api/v1/survey-invitations/" + token + "/responses").then().statusCode(201);

        // Everything has reached the 360 view and the partner.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            asAdmin().get("/api/v1/customers/" + id + "/overview").then().statusCode(200)
                    .body("profile.name", equalTo(name))
                    .body("complaints.lastResolution.complaintId", equalTo(complaint))
                    .body("surveys.lastNps.score", equalTo(3));
            asAdmin().get("/api/v1/loyalty/accounts/" + id).then().body("balance", greaterThan(0));
            assertThat(WEBHOOK_BODIES.stream().filter(b -> b.contains(id)).count()).as("webhooks about the person").isPositive();
        });
        String overview = asAdmin().get("/api/v1/customers/" + id + "/overview").then().extract().asString();
        assertThat(overview).contains(name, email, subject, touchpointSummary, followUpReason);

        // The export before erasure holds every part.
        JsonPath export = asAdmin().get("/api/v1/privacy/customers/" + id + "/export").then().statusCode(200)
                .extract().jsonPath();
        assertThat(export.getString("customer.customer.name")).isEqualTo(name);
        for (String part : List.of("customer.purchases", "customer.touchpoints", "customer.followUps", "customer.history",
                "customer.timeline", "loyalty.ledgerEntries", "loyalty.lots", "loyalty.vouchers", "loyalty.redemptions",
                "loyalty.goodwillDecisions", "complaints.complaints", "complaints.comments", "surveys.invitations",
                "surveys.responses", "webhookDeliveries")) {
            assertThat(export.getList(part)).as(part).isNotEmpty();
        }
        assertThat(export.getList("complaints.comments.visibility")).contains("CUSTOMER", "INTERNAL");
        String exportText = export.prettify();
        assertThat(exportText).contains(subject, description, publicComment, internalComment, surveyText, touchpointSummary);
        // The export itself is in the history.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(asAdmin().get("/api/v1/customers/" + id + "/history").then().statusCode(200).extract().asString())
                        .containsIgnoringCase("export"));

        // Before erasure the words are in Kafka (the scan can find them): on the personal topics.
        assertThat(scan(needles)).as("records holding the person's words before erasure").isNotEmpty()
                .allMatch(hit -> hit.startsWith("crm.customers.personal") || hit.startsWith("crm.complaints.personal"),
                        "only on the personal topics");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asAdmin().get("/api/v1/customers/" + bystander + "/overview").then().statusCode(200)
                        .body("value.lastPurchase.amount", notNullValue()));
        String bystanderBefore = asAdmin().get("/api/v1/customers/" + bystander + "/overview").then().extract().asString();

        asAdmin().post("/api/v1/customers/" + id + "/erasure").then().statusCode(200);

        // Compaction removes what the tombstones void. Segments roll on the next append, so each
        // round puts a harmless probe tombstone on every partition of every personal topic.
        List<String> left = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                probePersonalTopics();
                List<String> hits = scan(needles);
                left.clear();
                left.addAll(hits);
                assertThat(hits).as("records still holding the erased person's words").isEmpty();
            });
        } finally {
            System.out.printf("erasure scan: %d records still hold the person's words%s%n", left.size(),
                    left.isEmpty() ? "" : ": " + left.stream().limit(10).toList());
        }

        // The 360 view rebuilt from the topics: nothing of the person, the bystander as before.
        asAdmin().post("/api/v1/admin/overview/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(asAdmin().get("/api/v1/customers/" + bystander + "/overview").then().extract().asString())
                        .isEqualTo(bystanderBefore));
        var erased = asAdmin().get("/api/v1/customers/" + id + "/overview").then().extract();
        // What is left is the marker that the id was erased (so late events of it are ignored), nothing else.
        assertThat(erased.statusCode()).as("overview of the erased person after the rebuild").isIn(200, 404, 410);
        if (erased.statusCode() == 200) {
            assertThat(erased.jsonPath().getBoolean("erased")).as("erased marker").isTrue();
            assertThat(erased.jsonPath().getMap("profile")).as("profile of the erased person").isNull();
        }
        for (String needle : needles) {
            assertThat(erased.asString()).doesNotContain(needle);
        }
        System.out.printf("erasure: %d words of one person gone from %d topics; rebuilt 360 has no trace%n",
                needles.size(), topics().size());
    }

    /** Every record of every topic (internal ones too) whose key, value or headers contain a needle. */
    private static List<String> scan(List<String> needles) throws Exception {
        List<byte[]> patterns = needles.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toList();
        List<String> hits = new ArrayList<>();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.current().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (TopicDescription topic : describe(topics()).values()) {
                topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read every topic to its end in 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (holds(record, patterns)) {
                        hits.add(record.topic() + "@" + record.partition() + ":" + record.offset());
                    }
                }
            }
        }
        return hits;
    }

    private static boolean holds(ConsumerRecord<byte[], byte[]> record, List<byte[]> patterns) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(record.key());
        parts.add(record.value());
        for (Header header : record.headers()) {
            parts.add(header.key().getBytes(StandardCharsets.UTF_8));
            parts.add(header.value());
        }
        for (byte[] part : parts) {
            if (part == null) {
                continue;
            }
            for (byte[] pattern : patterns) {
                if (indexOf(part, pattern) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A tombstone for a key nobody uses on every partition of every personal topic: it rolls their segments. */
    private static void probePersonalTopics() throws Exception {
        Set<String> personal = new TreeSet<>();
        for (String topic : topics()) {
            if (topic.endsWith(".personal")) {
                personal.add(topic);
            }
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.current().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (TopicDescription topic : describe(personal).values()) {
                for (var partition : topic.partitions()) {
                    String key = new UUID(0, 0) + "/probe/" + UUID.randomUUID();
                    producer.send(new ProducerRecord<>(topic.name(), partition.partition(), key, null)).get(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.current().bootstrapServers()))) {
            return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, TopicDescription> describe(Collection<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.current().bootstrapServers()))) {
            return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        }
    }
}
