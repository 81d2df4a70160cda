package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.gateway.personal.PersonalCopies.Ref;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The customer-360's personal fields, merged into the answer at read time from the gateway's copy of
 * the personal topics ({@code dev.crmsuite.gateway.personal}): the profile's name, email and phone,
 * a touchpoint's summary, a follow-up's reason and outcome, a complaint's subject and outcome and the
 * lost reason's text. The documents hold ids only, so the two topics may arrive in any order, a
 * tombstone or an erasure shows on the next read, and a merged customer's moved items are found by
 * (thing, object id) under whichever customer's key they are recorded now. Plain rules: the caller
 * looks the copies up ({@link #objectIds}) and hands them in.
 */
final class OverviewPersonalFields {

    private OverviewPersonalFields() {
    }

    /** The fields that hold the ids {@link #objectIds} reads, besides the customer's own id. */
    static final List<String> ID_FIELDS = List.of("touchpointId", "followUpId", "complaintId");

    /**
     * SQL rows (a {@code select ... union ...}) of the text of every {@link #ID_FIELDS} value anywhere
     * in the jsonb {@code document}: a superset of {@link #objectIds} but for the customer's own id,
     * for a statement that reads the copies together with the document.
     */
    static String idsSql(String document) {
        return ID_FIELDS.stream()
                .map(field -> "select jsonb_path_query(%s, 'strict $.**.%s') #>> '{}'".formatted(document, field))
                .collect(Collectors.joining(" union "));
    }

    /** The object ids whose copies the overview shows (what to look up). */
    static Set<String> objectIds(ObjectNode overview) {
        Set<String> ids = new LinkedHashSet<>();
        if (overview.path("erased").asBoolean(false)) {
            return ids;
        }
        String customerId = overview.path("customerId").asText();
        if (overview.has("profile") || overview.path("lifecycle").has("lost")) {
            ids.add(customerId); // customer (profile) and lost-reason
        }
        overview.path("touchpoints").path("recent").forEach(n -> add(ids, n, "touchpointId"));
        overview.path("followUps").path("next").forEach(n -> add(ids, n, "followUpId"));
        add(ids, overview.path("followUps").path("lastCompleted"), "followUpId");
        overview.path("complaints").path("open").forEach(n -> add(ids, n, "complaintId"));
        add(ids, overview.path("complaints").path("lastResolution"), "complaintId");
        return ids;
    }

    /** Fills the personal fields from {@code copies} (by thing and object id); absent copies leave them out. */
    static void merge(ObjectNode overview, Map<Ref, ObjectNode> copies) {
        if (overview.path("erased").asBoolean(false) || copies.isEmpty()) {
            return;
        }
        String customerId = overview.path("customerId").asText();
        if (overview.get("profile") instanceof ObjectNode profile) {
            fill(profile, copies.get(new Ref("customer", customerId)), "name", "email", "phone");
        }
        if (overview.path("lifecycle").get("lost") instanceof ObjectNode lost) {
            fill(lost, copies.get(new Ref("lost-reason", customerId)), "reasonText");
        }
        overview.path("touchpoints").path("recent").forEach(n ->
                fill(n, copies.get(ref("touchpoint", n, "touchpointId")), "summary"));
        overview.path("followUps").path("next").forEach(n ->
                fill(n, copies.get(ref("follow-up", n, "followUpId")), "reason"));
        JsonNode completed = overview.path("followUps").path("lastCompleted");
        fill(completed, copies.get(ref("follow-up", completed, "followUpId")), "outcome");
        overview.path("complaints").path("open").forEach(n ->
                fill(n, copies.get(ref("complaint", n, "complaintId")), "subject"));
        JsonNode resolution = overview.path("complaints").path("lastResolution");
        fill(resolution, copies.get(ref("complaint", resolution, "complaintId")), "outcome");
    }

    private static void add(Set<String> ids, JsonNode item, String idField) {
        if (item.path(idField).isTextual()) {
            ids.add(item.path(idField).asText());
        }
    }

    private static Ref ref(String thing, JsonNode item, String idField) {
        return item.path(idField).isTextual() ? new Ref(thing, item.path(idField).asText()) : null;
    }

    /** Copies the copy's fields that have a value into the overview item (same names). */
    private static void fill(JsonNode item, ObjectNode copy, String... fields) {
        if (copy == null || !(item instanceof ObjectNode target)) {
            return;
        }
        for (String field : fields) {
            JsonNode value = copy.get(field);
            if (value != null && !value.isNull()) {
                target.set(field, value);
            }
        }
    }
}
