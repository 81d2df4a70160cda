package dev.crmsuite.gateway;

import dev.crmsuite.platform.testing.TopicRecords;

import java.time.Instant;

/**
 * Personal-data records and tombstones as customer-service and complaint-service publish them on their
 * compacted personal topics: key {@code <customerId>/<thing>/<objectId>}, a CloudEvent of type
 * {@code crm.<thing>.personal-data-recorded.v1} with the customer as subject, or no value.
 */
public final class PersonalRecords {

    public static final String CUSTOMERS = "crm.customers.personal";
    public static final String COMPLAINTS = "crm.complaints.personal";

    private PersonalRecords() {
    }

    public static String key(String customerId, String thing, String objectId) {
        return customerId + "/" + thing + "/" + objectId;
    }

    /** Sends a record of {@code thing} about {@code objectId} with {@code dataJson}; returns its key. */
    public static String record(String topic, String customerId, String thing, String objectId, String dataJson) {
        String key = key(customerId, thing, objectId);
        TopicRecords.send(topic, key, TopicRecords.cloudEvent(TopicRecords.newId(), source(topic),
                "crm." + thing + ".personal-data-recorded.v1", customerId, Instant.now(), dataJson));
        return key;
    }

    /** The profile record: {customerId, name, email, phone, postalAddress}. */
    public static String profile(String customerId, String name, String email) {
        return record(CUSTOMERS, customerId, "customer", customerId, "{\"customerId\":\"" + customerId + "\",\"name\":\"" + name
                + "\",\"email\":" + (email == null ? "null" : "\"" + email + "\"") + ",\"phone\":\"+86 21 5555 0101\","
                + "\"postalAddress\":{\"street\":\"1 Century Ave\",\"postalCode\":\"200120\",\"city\":\"Shanghai\",\"country\":\"CN\"}}");
    }

    /** A tombstone: the key's record is void. */
    public static void tombstone(String topic, String key) {
        TopicRecords.send(topic, key, null);
    }

    private static String source(String topic) {
        return topic.startsWith("crm.complaints") ? "/crm/complaint-service" : "/crm/customer-service";
    }
}
