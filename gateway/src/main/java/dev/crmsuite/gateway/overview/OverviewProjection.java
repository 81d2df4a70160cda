package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.CloudEvent;

/**
 * How each event changes the customer-360 document. Pure: the same events in the same order give
 * the same document, which is what makes {@code ?asOf=} and a rebuild from the topics exact.
 *
 * <p>The document has one object per section ({@code profile}, {@code loyalty}, ...); every section
 * carries {@code asOf}, the time of the last event applied to it, so a frontend can show stale
 * data honestly.
 */
public final class OverviewProjection {

    private OverviewProjection() {
    }

    public static ObjectNode empty(String customerId) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("customerId", customerId);
        return doc;
    }

    /** Applies one event; returns false for event types the overview does not show. */
    public static boolean apply(ObjectNode doc, CloudEvent event) {
        JsonNode data = event.data() == null ? JsonNodeFactory.instance.objectNode() : event.data();
        switch (event.type()) {
            case "crm.customer.registered.v1" -> {
                ObjectNode profile = section(doc, "profile", event);
                copy(data, profile, "kind", "name", "email");
                profile.put("registeredAt", text(data, "registeredAt"));
            }
            default -> {
                return false;
            }
        }
        doc.put("lastEventAt", event.time().toString());
        return true;
    }

    private static ObjectNode section(ObjectNode doc, String name, CloudEvent event) {
        ObjectNode section = doc.has(name) ? (ObjectNode) doc.get(name) : doc.putObject(name);
        section.put("asOf", event.time().toString());
        return section;
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.has(field)) {
                to.set(field, from.get(field));
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
