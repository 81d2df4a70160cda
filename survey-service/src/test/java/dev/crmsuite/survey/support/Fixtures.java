package dev.crmsuite.survey.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Test helpers: surveys over the real API, other services' events over the real broker. Every
 * survey with triggers fires for every matching event, so tests retire theirs afterwards
 * ({@link #retireAll()}) to keep classes from inviting each other's customers.
 */
public final class Fixtures {

    private static final List<String> WITH_TRIGGERS = new ArrayList<>();

    private Fixtures() {
    }

    public static final String NPS_SURVEY_QUESTIONS = """
            [{"key":"recommend","type":"NPS","text":"Would you recommend us?","required":true},
             {"key":"satisfied","type":"CSAT","text":"How satisfied are you?"},
             {"key":"staff","type":"RATING","dimension":"STAFF","text":"Our staff"},
             {"key":"why","type":"FREE_TEXT","text":"What went wrong?","showIf":{"question":"recommend","atMost":6}}]""";

    public static String survey(String title, String questions, String triggers) {
        return "{\"title\":\"" + title + "\",\"questions\":" + questions + ",\"triggers\":" + triggers + "}";
    }

    /** Creates and publishes a survey; returns its id. */
    public static String publish(String body) {
        String id = given().contentType(ContentType.JSON).body(body).post("/api/v1/surveys")
                .then().statusCode(201).extract().path("id");
        given().post("/api/v1/surveys/" + id + "/publish").then().statusCode(201);
        if (!body.contains("\"triggers\":[]")) {
            synchronized (WITH_TRIGGERS) {
                WITH_TRIGGERS.add(id);
            }
        }
        return id;
    }

    /** Publishes a trigger-free version of every survey the tests attached triggers to. */
    public static void retireAll() {
        List<String> ids;
        synchronized (WITH_TRIGGERS) {
            ids = List.copyOf(WITH_TRIGGERS);
            WITH_TRIGGERS.clear();
        }
        for (String id : ids) {
            Response current = given().get("/api/v1/surveys/" + id);
            JsonPath json = current.jsonPath();
            Map<String, Object> draft = Map.of("title", json.getString("title"), "questions", json.getList("questions"),
                    "anonymous", json.getBoolean("anonymous"), "triggers", List.of());
            given().contentType(ContentType.JSON).header("If-Match", current.header("ETag")).body(draft)
                    .put("/api/v1/surveys/" + id).then().statusCode(200);
            given().post("/api/v1/surveys/" + id + "/publish").then().statusCode(201);
        }
    }

    /** An open invitation of a fresh consenting customer. */
    public record Invited(String surveyId, String customerId, String invitationId, String token) {
    }

    /**
     * Publishes a survey with these questions, invites a fresh customer to it through a purchase
     * event, then takes the trigger off again so the next call does not invite twice.
     */
    public static Invited invite(String questions, boolean anonymous, String segment) {
        String surveyId = publish("{\"title\":\"Answering\",\"anonymous\":" + anonymous + ",\"questions\":" + questions
                + ",\"triggers\":[{\"on\":\"PURCHASE_RECORDED\"}]}");
        String customer = registerCustomer(true, segment, java.time.Instant.now().toString());
        purchase(customer, "20.00");
        Map<String, Object> invitation = awaitInvitations(customer, 1).getFirst();
        retireAll();
        return new Invited(surveyId, customer, (String) invitation.get("id"), (String) invitation.get("token"));
    }

    public static Invited invite(String questions) {
        return invite(questions, false, "RELATIONAL");
    }

    /** Sends crm.customer.registered.v1 (no partner sharing) and waits until this service knows the customer. */
    public static String registerCustomer(boolean marketingConsent, String segment, String registeredAt) {
        return registerCustomer(marketingConsent, segment, registeredAt, false);
    }

    /**
     * Sends crm.customer.registered.v1 and waits until this service knows the customer: their copy
     * for the contact rules and their partner-sharing consent (two consumers of crm.customers).
     */
    public static String registerCustomer(boolean marketingConsent, String segment, String registeredAt, boolean partnerSharing) {
        String id = UUID.randomUUID().toString();
        TopicRecords.send("crm.customers", id, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.registered.v1", id, """
                        {"customerId":"%s","kind":"PERSON",
                         "consents":{"marketing":%s,"partnerSharing":%s},"segment":%s,"valueTier":"A",
                         "stage":"TRUSTING","tags":[],"registeredAt":"%s"}"""
                        .formatted(id, marketingConsent, partnerSharing,
                                segment == null ? "null" : "\"" + segment + "\"", registeredAt)));
        awaitKnown(id);
        awaitPartnerSharing(id, partnerSharing);
        return id;
    }

    /** A consenting customer who also shares their data with partners (or not), registered now. */
    public static String registerCustomerSharing(boolean partnerSharing) {
        return registerCustomer(true, "RELATIONAL", java.time.Instant.now().toString(), partnerSharing);
    }

    /**
     * The customer changes their partner-sharing consent in customer-service: crm.customer.updated.v1
     * (a full snapshot, marketing consent kept), applied once partner_consent shows it.
     */
    public static void changePartnerSharing(String customerId, boolean partnerSharing) {
        TopicRecords.send("crm.customers", customerId, TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service",
                "crm.customer.updated.v1", customerId, """
                        {"customerId":"%s","kind":"PERSON","consents":{"marketing":true,"partnerSharing":%s},
                         "segment":"RELATIONAL","valueTier":"A","stage":"TRUSTING","changedFields":["consents"],"updatedAt":"%s"}"""
                        .formatted(customerId, partnerSharing, java.time.Instant.now())));
        awaitPartnerSharing(customerId, partnerSharing);
    }

    /** Waits until partner_consent holds this customer's consent as given (not merged). */
    public static void awaitPartnerSharing(String customerId, boolean partnerSharing) {
        await().atMost(Duration.ofSeconds(30)).until(() -> queryLong("select count(*) from partner_consent where customer_id = '"
                + customerId + "' and merged_into is null and partner_sharing = " + partnerSharing) == 1);
    }

    public static String registerCustomer(boolean marketingConsent) {
        return registerCustomer(marketingConsent, "RELATIONAL", java.time.Instant.now().toString());
    }

    public static void awaitKnown(String customerId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> queryLong(
                "select count(*) from known_customer where customer_id = '" + customerId + "'") == 1);
    }

    /**
     * Waits until every event sent so far for this customer on this topic was applied: sends an
     * event this service ignores, with the same key (so the same partition, behind the others),
     * and waits until the service's consumer group has committed past it, which it does once each
     * of its subscribers reading the topic has passed it. Ignored events leave no processed mark,
     * so the committed offset is what shows they were passed.
     */
    public static void barrier(String topic, String customerId) {
        String value = TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/test", "crm.touchpoint.logged.v1",
                customerId, "{\"customerId\":\"" + customerId + "\"}");
        String servers = KafkaBroker.current().bootstrapServers();
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            sent = producer.send(new ProducerRecord<>(topic, customerId, value)).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send the barrier to " + topic, e);
        }
        TopicPartition partition = new TopicPartition(topic, sent.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).get(partition);
                return committed != null && committed.offset() > sent.offset();
            });
        }
    }

    /**
     * The consumer group survey-inbound and the platform's partner consents share (platform
     * SubscriberGroup): its offset moves past a record once both have applied it.
     */
    private static final String GROUP = "survey-service.inbox";

    /** A request as a customer following their answer link: the gateway's anonymous internal token. */
    public static io.restassured.specification.RequestSpecification asCustomer() {
        return given().header("Authorization", "Bearer " + dev.crmsuite.platform.testing.InternalTokens.anonymous("survey-service"));
    }

    /** Sends crm.purchase.recorded.v1; returns the event id. */
    public static String purchase(String customerId, String amount) {
        String eventId = TopicRecords.newId();
        TopicRecords.send("crm.customers", customerId, TopicRecords.cloudEvent(eventId, "/crm/customer-service",
                "crm.purchase.recorded.v1", customerId, """
                        {"purchaseId":"%s","customerId":"%s","externalOrderId":"o-1","amount":%s,"currency":"EUR",
                         "purchasedAt":"%s","discounted":false,"items":[]}"""
                        .formatted(UUID.randomUUID(), customerId, amount, java.time.Instant.now())));
        return eventId;
    }

    /** Sends crm.customer.marked-lost.v1 (customer-service marked the customer LOST); returns the event id. */
    public static String markLost(String customerId) {
        String eventId = TopicRecords.newId();
        TopicRecords.send("crm.customers", customerId, TopicRecords.cloudEvent(eventId, "/crm/customer-service",
                "crm.customer.marked-lost.v1", customerId, """
                        {"customerId":"%s","reasonCode":"PRICE","reasonText":"too dear","lostAt":"%s"}"""
                        .formatted(customerId, java.time.Instant.now())));
        return eventId;
    }

    /**
     * Sends crm.campaign.delivery-requested.v1 as customer-service publishes it (a newsletter delivery of
     * a campaign, requested at {@code requestedAt}); returns the event id.
     */
    public static String campaignDeliveryRequested(String customerId, String deliveryId, java.time.Instant requestedAt) {
        String eventId = TopicRecords.newId();
        TopicRecords.send("crm.customers", customerId, TopicRecords.cloudEvent(eventId, "/crm/customer-service",
                "crm.campaign.delivery-requested.v1", customerId, """
                        {"deliveryId":"%s","campaignId":"%s","runId":"%s","customerId":"%s","kind":"NEWSLETTER",
                         "subject":"Spring news","templateKey":"newsletter-spring","variables":{},
                         "event":null,"rsvpToken":null,"deliveryPartner":null,"requestedAt":"%s"}"""
                        .formatted(deliveryId, UUID.randomUUID(), UUID.randomUUID(), customerId, requestedAt)));
        return eventId;
    }

    /** Sends crm.complaint.resolved.v1; returns the event id. */
    public static String complaintResolved(String customerId, String complaintId) {
        String eventId = TopicRecords.newId();
        TopicRecords.send("crm.complaints", customerId, TopicRecords.cloudEvent(eventId, "/crm/complaint-service",
                "crm.complaint.resolved.v1", customerId, """
                        {"complaintId":"%s","customerId":"%s","resolvedAt":"%s","firstContactResolution":true,
                         "rootCause":"LATE_DELIVERY","outcome":"REFUND","compensationPoints":0}"""
                        .formatted(complaintId, customerId, java.time.Instant.now())));
        return eventId;
    }

    /** The customer's invitations (newest first) once at least {@code count} exist. */
    public static List<Map<String, Object>> awaitInvitations(String customerId, int count) {
        List<Map<String, Object>> out = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            out.clear();
            out.addAll(given().queryParam("customerId", customerId).get("/api/v1/survey-invitations")
                    .then().statusCode(200).extract().jsonPath().getList("items"));
            return out.size() >= count;
        });
        return out;
    }

    public static List<Map<String, Object>> invitations(String customerId) {
        return given().queryParam("customerId", customerId).get("/api/v1/survey-invitations")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** The events of a type on crm.surveys matching a predicate on their data, waiting for at least one. */
    public static List<JsonNode> awaitSurveyEvents(String type, java.util.function.Predicate<JsonNode> data) {
        List<ConsumerRecord<String, String>> found = TopicRecords.await("crm.surveys", Duration.ofSeconds(30), r -> {
            JsonNode e = TopicRecords.parse(r.value());
            return type.equals(e.get("type").asText()) && data.test(e.get("data"));
        });
        return found.stream().map(r -> TopicRecords.parse(r.value())).toList();
    }

    /** The events of a type on crm.surveys right now, without waiting. */
    public static List<JsonNode> surveyEventsNow(String type, java.util.function.Predicate<JsonNode> data) {
        return TopicRecords.all("crm.surveys").stream().map(r -> TopicRecords.parse(r.value()))
                .filter(e -> type.equals(e.get("type").asText()) && data.test(e.get("data"))).toList();
    }

    public static long queryLong(String sql) {
        try (Connection c = PostgresDatabase.connect(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String queryString(String sql) {
        try (Connection c = PostgresDatabase.connect(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
