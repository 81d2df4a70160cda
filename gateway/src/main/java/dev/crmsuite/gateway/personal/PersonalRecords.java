package dev.crmsuite.gateway.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.CloudEvent;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a personal-data record ({@code crm.<thing>.personal-data-recorded.v1} on a personal topic) is
 * read, and what of it the gateway keeps. Plain rules, no database.
 *
 * <p>Data minimisation: only the things and fields the gateway shows (customer-360) or sends (a
 * campaign delivery's recipient) are kept; a complaint's root cause, say, is recorded by
 * complaint-service for others but never copied here, and a thing the gateway does not know is
 * ignored.
 */
public final class PersonalRecords {

    private static final Pattern TYPE = Pattern.compile("crm\\.([a-z]+(?:-[a-z]+)*)\\.personal-data-recorded\\.v1");

    /** Things the gateway copies, with the fields it keeps of each. */
    static final Map<String, List<String>> KEPT = Map.of(
            "customer", List.of("name", "email", "phone", "postalAddress"),
            "touchpoint", List.of("summary"),
            "follow-up", List.of("reason", "outcome"),
            "lost-reason", List.of("reasonText"),
            "complaint", List.of("subject", "outcome"));

    /** A record as kept: its key parts and the fields of {@link #KEPT}. */
    public record Kept(String key, String customerId, String thing, String objectId, ObjectNode data) {
    }

    private PersonalRecords() {
    }

    /** Whether the type is a personal-data record (of any thing). */
    public static boolean isRecord(String type) {
        return type != null && TYPE.matcher(type).matches();
    }

    /** The thing of a personal-data record type, or null for any other type. */
    static String thingOf(String type) {
        Matcher m = type == null ? null : TYPE.matcher(type);
        return m != null && m.matches() ? m.group(1) : null;
    }

    /**
     * What the gateway keeps of the record, or null when it keeps nothing of it (a thing it does not
     * show, no subject). The record key is rebuilt as the publisher built it: subject (the customer),
     * thing, and the object id, which the data carries as {@code <thing in camelCase>Id}
     * ({@code touchpointId}, {@code followUpId}, {@code complaintId}); things kept once per customer
     * ({@code customer}, {@code lost-reason}) have the customer id as object id.
     */
    static Kept kept(CloudEvent event) {
        String thing = thingOf(event.type());
        List<String> fields = thing == null ? null : KEPT.get(thing);
        String customerId = event.subject();
        if (fields == null || customerId == null || customerId.isBlank()) {
            return null;
        }
        JsonNode data = event.data() == null ? JsonNodeFactory.instance.objectNode() : event.data();
        JsonNode id = data.get(camel(thing) + "Id");
        String objectId = id != null && id.isTextual() && !id.asText().isBlank() ? id.asText() : customerId;
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        for (String field : fields) {
            if (data.has(field)) {
                kept.set(field, data.get(field));
            }
        }
        return new Kept(customerId + "/" + thing + "/" + objectId, customerId, thing, objectId, kept);
    }

    /** {@code follow-up} → {@code followUp}. */
    static String camel(String thing) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : thing.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
