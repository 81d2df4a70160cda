package dev.crmsuite.complaint.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.response.ValidatableResponse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Small helpers the complaint tests share: callers, file, act, send customer events, read the outbox.
 * Requests without an {@code Authorization} header go as the test kit's admin (actor "test-admin").
 */
public final class Api {

    public static final String BASE = "/api/v1/complaints";
    /** The audience of this service's internal tokens. */
    public static final String AUDIENCE = "complaint-service";
    /** Every scope a partner key can hold (all but admin). */
    public static final String[] PARTNER_SCOPES = Scopes.GRANTABLE_TO_PARTNERS.toArray(String[]::new);
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private Api() {
    }

    public static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    public static String body(String customerId, String channel, String category, String priority) {
        return """
                {"customerId":"%s","channel":"%s","category":"%s","subject":"Parcel arrived damaged",
                 "description":"The box was crushed and the vase inside is broken."%s}"""
                .formatted(customerId, channel, category, priority == null ? "" : ",\"priority\":\"" + priority + "\"");
    }

    /** A member of staff with every scope whose changes are recorded as {@code actor}. */
    public static Header actor(String actor) {
        return bearer(InternalTokens.token(AUDIENCE, "user:" + actor, "staff", null, actor, List.of(Scopes.ADMIN)));
    }

    /** A partner channel holding every scope a partner can hold. */
    public static Header partner(String partnerId) {
        return bearer(InternalTokens.partner(AUDIENCE, partnerId, PARTNER_SCOPES));
    }

    public static Header bearer(String token) {
        return new Header("Authorization", "Bearer " + token);
    }

    public static ValidatableResponse file(String customerId, String channel, String category) {
        return given().contentType(ContentType.JSON).header(actor("ann"))
                .body(body(customerId, channel, category, null)).post(BASE).then();
    }

    public static String fileId(String customerId, String channel, String category) {
        return file(customerId, channel, category).statusCode(201).extract().path("id");
    }

    public static ValidatableResponse act(String id, String action) {
        return given().header(actor("ann")).post(BASE + "/" + id + "/" + action).then();
    }

    public static ValidatableResponse resolve(String id, boolean firstContact, Integer points) {
        return given().contentType(ContentType.JSON).header(actor("ann"))
                .body("{\"outcome\":\"Replacement sent\",\"rootCause\":\"Thin packaging\",\"firstContactResolution\":"
                        + firstContact + (points == null ? "" : ",\"compensationPoints\":" + points) + "}")
                .post(BASE + "/" + id + "/resolution").then();
    }

    public static ValidatableResponse get(String id) {
        return given().get(BASE + "/" + id).then();
    }

    public static void customerEvent(String type, String customerId, String dataJson) {
        TopicRecords.send("crm.customers", customerId,
                TopicRecords.cloudEvent(TopicRecords.newId(), "/crm/customer-service", type, customerId, dataJson));
    }

    public static void registered(String customerId, String segment, String tier) {
        customerEvent("crm.customer.registered.v1", customerId, """
                {"customerId":"%s","kind":"PERSON","segment":%s,"valueTier":%s,
                 "registeredAt":"2026-11-22T10:00:00Z"}""".formatted(customerId, json(segment), json(tier)));
    }

    /**
     * The customer's segment changed, as customer-service publishes it: with the new segment's
     * complaint priority boost ({@code priorityBoost}, omitted from the data when null).
     */
    public static void segmentChanged(String customerId, String segment, String tier, Integer priorityBoost) {
        customerEvent("crm.customer.segment-changed.v1", customerId, """
                {"customerId":"%s","segment":%s,"previousSegment":"TRANSACTIONAL","valueTier":%s,
                 "lifetimeValue":120000.00,"changedAt":"2026-11-24T09:30:00Z"%s}""".formatted(customerId, json(segment), json(tier),
                priorityBoost == null ? "" : ",\"priorityBoost\":" + priorityBoost));
    }

    /**
     * A customer registered with (or without) consent to partner sharing, as customer-service
     * publishes it; the service keeps the consent in partner_consent.
     */
    public static void registered(String customerId, boolean partnerSharing) {
        customerEvent("crm.customer.registered.v1", customerId, """
                {"customerId":"%s","kind":"PERSON","segment":"TRANSACTIONAL",
                 "valueTier":"C","consents":{"marketing":false,"partnerSharing":%s},"registeredAt":"2026-11-22T10:00:00Z"}"""
                .formatted(customerId, partnerSharing));
    }

    /** The customer changed its consent to partner sharing (crm.customer.updated.v1 with consents). */
    public static void partnerSharing(String customerId, boolean partnerSharing) {
        customerEvent("crm.customer.updated.v1", customerId, """
                {"customerId":"%s","kind":"PERSON","segment":"TRANSACTIONAL",
                 "valueTier":"C","consents":{"marketing":false,"partnerSharing":%s},"changedFields":["consents"],
                 "updatedAt":"2026-11-23T10:00:00Z"}""".formatted(customerId, partnerSharing));
    }

    /**
     * Waits until the service has applied the customer's consent (its partner_consent row says
     * {@code partnerSharing}), so a partner's view of the customer is decided, not merely unknown.
     */
    public static void awaitConsent(String customerId, boolean partnerSharing) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            try (Connection c = PostgresDatabase.connect();
                 PreparedStatement s = c.prepareStatement("select partner_sharing from partner_consent where customer_id = ?")) {
                s.setString(1, customerId);
                ResultSet rs = s.executeQuery();
                return rs.next() && rs.getBoolean(1) == partnerSharing;
            }
        });
    }

    public static String json(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    public static String newCustomer() {
        return UUID.randomUUID().toString();
    }

    /** The single number {@code sql} answers, read straight from the database. */
    public static long count(String sql) {
        try (Connection c = PostgresDatabase.connect(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The data of the events of {@code type} about {@code complaintId} in the outbox (what will be published). */
    public static List<JsonNode> outbox(String type, String complaintId) {
        try (Connection c = PostgresDatabase.connect();
             PreparedStatement s = c.prepareStatement("""
                     select payload::text from outbox_event where event_type = ? and payload -> 'data' ->> 'complaintId' = ?
                     order by seq""")) {
            s.setString(1, type);
            s.setString(2, complaintId);
            ResultSet rs = s.executeQuery();
            List<JsonNode> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(TopicRecords.parse(rs.getString(1)).get("data"));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records on crm.complaints.personal about {@code customerId} (key {@code <customerId>/<thing>/<objectId>});
     * the records of one key are in the order written (one key, one partition). A tombstone has a null value.
     */
    public static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> personal(String customerId) {
        return TopicRecords.all("crm.complaints.personal").stream()
                .filter(r -> r.key() != null && r.key().startsWith(customerId + "/"))
                .toList();
    }

    /** Events on the crm.complaints topic about {@code customerId}, in order. */
    public static List<JsonNode> published(String customerId) {
        return TopicRecords.eventsFor("crm.complaints", customerId);
    }

    /**
     * Every item of a list answered as the suite's one list shape, {items, nextCursor}, following
     * nextCursor from {@code firstUrl} (its other query parameters, the filters, kept); each page is
     * checked to hold at most {@code limit} items and to carry no Link header (the retired shape).
     */
    public static List<JsonNode> walk(String firstUrl, int limit, List<Integer> pageSizes) {
        List<JsonNode> all = new java.util.ArrayList<>();
        String next = firstUrl;
        while (next != null) {
            io.restassured.response.Response page = given().urlEncodingEnabled(false).get(next).then().statusCode(200)
                    .extract().response();
            if (page.header("Link") != null) {
                throw new AssertionError(next + " answered a Link header: " + page.header("Link"));
            }
            JsonNode body = TopicRecords.parse(page.asString());
            JsonNode items = body.get("items");
            if (items == null || !items.isArray() || !body.has("nextCursor")) {
                throw new AssertionError(next + " is not a page {items, nextCursor}: " + body);
            }
            if (items.size() > limit) {
                throw new AssertionError(next + " answered " + items.size() + " items, more than limit " + limit);
            }
            items.forEach(all::add);
            pageSizes.add(items.size());
            JsonNode cursor = body.get("nextCursor");
            next = cursor.isNull() ? null : firstUrl + (firstUrl.contains("?") ? "&" : "?") + "cursor="
                    + java.net.URLEncoder.encode(cursor.asText(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return all;
    }

    public static List<JsonNode> walk(String firstUrl, int limit) {
        return walk(firstUrl, limit, new java.util.ArrayList<>());
    }
}
