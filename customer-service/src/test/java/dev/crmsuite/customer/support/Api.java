package dev.crmsuite.customer.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.TopicRecords;
import io.restassured.http.ContentType;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Small helpers shared by the customer-service tests. */
public final class Api {

    private Api() {
    }

    /** This service's audience in internal tokens. */
    public static final String AUDIENCE = "customer-service";

    /**
     * The Authorization header of a member of staff with every scope whose token names {@code actor}:
     * audit actors come from the gateway's token only.
     */
    public static String staffActing(String actor) {
        return "Bearer " + InternalTokens.token(AUDIENCE, "user:" + actor, "staff", null, actor, List.of("admin"));
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String email() {
        return unique("c") + "@example.com";
    }

    /** Registers a customer from a JSON body and returns its id. */
    public static String register(String json) {
        return given().contentType(ContentType.JSON).body(json).post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
    }

    public static String register() {
        return register("{\"name\":\"" + unique("Customer") + "\",\"email\":\"" + email() + "\"}");
    }

    public static String registerManaged(String accountManager) {
        return register("{\"name\":\"" + unique("Customer") + "\",\"email\":\"" + email() + "\",\"accountManager\":\"" + accountManager + "\"}");
    }

    public static String purchase(String customerId, String orderId, String amount, boolean discounted, String purchasedAt) {
        return given().contentType(ContentType.JSON)
                .body("{\"externalOrderId\":\"" + orderId + "\",\"amount\":" + amount + ",\"currency\":\"CNY\",\"discounted\":" + discounted
                        + (purchasedAt == null ? "" : ",\"purchasedAt\":\"" + purchasedAt + "\"") + "}")
                .post("/api/v1/customers/" + customerId + "/purchases")
                .then().statusCode(201).extract().path("id");
    }

    /** The data of every event of {@code type} about {@code customerId}, waiting until at least {@code min} arrived. */
    public static List<JsonNode> events(String customerId, String type, int min) {
        Predicate<JsonNode> ofType = e -> type.equals(e.get("type").asText());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<JsonNode> found = TopicRecords.eventsFor("crm.customers", customerId).stream().filter(ofType).toList();
            if (found.size() >= min || System.nanoTime() > deadline) {
                return found.stream().map(e -> e.get("data")).toList();
            }
            org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        }
    }

    /** A record of crm.customers.personal: its key and its CloudEvent, or null for a tombstone. */
    public record PersonalRecord(String key, JsonNode event) {
        public boolean tombstone() {
            return event == null;
        }

        public JsonNode data() {
            return event == null ? null : event.get("data");
        }

        public String thing() {
            return key.split("/")[1];
        }
    }

    /**
     * Every record on crm.customers.personal about {@code customerId} (keys {@code <customerId>/<thing>/<objectId>}), in
     * topic order per key, waiting until at least {@code min} arrived.
     */
    public static List<PersonalRecord> personal(String customerId, int min) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<PersonalRecord> found = TopicRecords.all("crm.customers.personal").stream()
                    .filter(r -> r.key() != null && r.key().startsWith(customerId + "/"))
                    .sorted(java.util.Comparator.comparing((org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r) -> r.partition())
                            .thenComparing(r -> r.offset()))
                    .map(r -> new PersonalRecord(r.key(), r.value() == null ? null : TopicRecords.parse(r.value())))
                    .toList();
            if (found.size() >= min || System.nanoTime() > deadline) {
                return found;
            }
            org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        }
    }

    /** The personal records of one key, oldest first. */
    public static List<PersonalRecord> personal(String customerId, String thing, String objectId, int min) {
        String key = customerId + "/" + thing + "/" + objectId;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<PersonalRecord> found = personal(customerId, 0).stream().filter(r -> key.equals(r.key())).toList();
            if (found.size() >= min || System.nanoTime() > deadline) {
                return found;
            }
            org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        }
    }
}
