package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.CloudEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How each event changes the customer-360 document. Pure: the same events in the same order give
 * the same document, which is what makes {@code ?asOf=} and a rebuild from the topics exact.
 *
 * <p>The document has one object per section ({@code profile}, {@code value}, {@code lifecycle},
 * {@code loyalty}, {@code complaints}, {@code surveys}, {@code followUps}, {@code touchpoints},
 * {@code communications} ({@link OverviewCommunications}), {@code risk});
 * every section carries {@code asOf}, the time of the last event applied to it, so a frontend can
 * show stale data honestly. Payloads follow docs/event-contracts.md.
 */
public final class OverviewProjection {

    /** How many recent items the overview lists per section; the services hold the full history. */
    static final int RECENT = 5;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> PROFILE_FIELDS = Set.of("kind", "consents", "accountManager", "tags");
    /**
     * Personal fields that events published before issue 17 still carry: never folded in nor logged.
     * The overview shows personal data only from the gateway's copy of the personal topics, merged at
     * read time ({@link OverviewPersonalFields}), so a tombstone or an erasure removes it from every
     * view, and a rebuild from the kept-forever domain topics brings none of it back.
     */
    static final Map<String, Set<String>> PERSONAL = Map.ofEntries(
            Map.entry("crm.customer.registered.v1", Set.of("name", "email", "phone", "address", "postalAddress")),
            Map.entry("crm.customer.updated.v1", Set.of("name", "email", "phone", "address", "postalAddress")),
            Map.entry("crm.customer.stage-changed.v1", Set.of("reason")),
            Map.entry("crm.customer.marked-lost.v1", Set.of("reasonText")),
            Map.entry("crm.touchpoint.logged.v1", Set.of("summary")),
            Map.entry("crm.follow-up.scheduled.v1", Set.of("reason")),
            Map.entry("crm.follow-up.completed.v1", Set.of("outcome")),
            Map.entry("crm.points.adjusted.v1", Set.of("reason")),
            Map.entry("crm.complaint.filed.v1", Set.of("subject", "description")),
            Map.entry("crm.complaint.resolved.v1", Set.of("outcome", "rootCause")),
            Map.entry("crm.complaint.reopened.v1", Set.of("reason")),
            Map.entry("crm.survey.response.submitted.v1", Set.of("comment", "answers")));

    private OverviewProjection() {
    }

    public static ObjectNode empty(String customerId) {
        ObjectNode doc = JSON.objectNode();
        doc.put("customerId", customerId);
        return doc;
    }

    /** Whether the overview shows events of this type at all (others are not even logged). */
    public static boolean shows(String type) {
        return switch (type) {
            case "crm.customer.registered.v1", "crm.customer.updated.v1", "crm.customer.segment-changed.v1",
                 "crm.customer.stage-changed.v1", "crm.customer.marked-lost.v1", "crm.customer.merged.v1",
                 "crm.customer.erased.v1", "crm.purchase.recorded.v1", "crm.purchase.refunded.v1",
                 "crm.touchpoint.logged.v1", "crm.follow-up.scheduled.v1", "crm.follow-up.completed.v1",
                 "crm.account.opened.v1", "crm.points.earned.v1", "crm.points.redeemed.v1", "crm.points.expired.v1",
                 "crm.points.adjusted.v1", "crm.points.reversed.v1", "crm.tier.changed.v1", "crm.reward.redeemed.v1",
                 "crm.complaint.filed.v1", "crm.complaint.acknowledged.v1", "crm.complaint.assigned.v1",
                 "crm.complaint.status-changed.v1", "crm.complaint.escalated.v1", "crm.complaint.resolved.v1",
                 "crm.complaint.reopened.v1", "crm.complaint.closed.v1", "crm.survey.response.submitted.v1",
                 "crm.customer.risk-changed.v1", OverviewCommunications.REQUESTED, OverviewCommunications.REPORTED,
                 OverviewCommunications.RSVP, OverviewCommunications.ATTENDED -> true;
            default -> false;
        };
    }

    /** Applies one event; returns false for event types the overview does not show. */
    public static boolean apply(ObjectNode doc, CloudEvent event) {
        if (!shows(event.type())) {
            return false;
        }
        JsonNode data = event.data() == null ? JSON.objectNode() : event.data();
        if (doc.path("erased").asBoolean(false) && !event.type().equals("crm.customer.erased.v1")) {
            return true; // nothing personal is shown again after erasure
        }
        switch (event.type()) {
            case "crm.customer.registered.v1", "crm.customer.updated.v1" -> {
                ObjectNode profile = section(doc, "profile", event);
                data.properties().forEach(field -> {
                    if (PROFILE_FIELDS.contains(field.getKey())) {
                        profile.set(field.getKey(), field.getValue());
                    }
                });
                if (data.has("registeredAt")) {
                    profile.set("registeredAt", data.get("registeredAt"));
                }
                if (data.hasNonNull("segment") || data.hasNonNull("valueTier")) {
                    copyIfPresent(data, section(doc, "value", event), "segment", "valueTier");
                }
                if (data.hasNonNull("stage")) {
                    copyIfPresent(data, section(doc, "lifecycle", event), "stage");
                }
            }
            case "crm.customer.segment-changed.v1" ->
                    copyIfPresent(data, section(doc, "value", event), "segment", "valueTier", "lifetimeValue");
            case "crm.customer.stage-changed.v1" -> {
                ObjectNode lifecycle = section(doc, "lifecycle", event);
                copyIfPresent(data, lifecycle, "stage", "previousStage");
                if (!"LOST".equals(text(data, "stage"))) {
                    lifecycle.remove("lost");
                }
            }
            case "crm.customer.marked-lost.v1" -> {
                ObjectNode lifecycle = section(doc, "lifecycle", event);
                lifecycle.put("stage", "LOST");
                ObjectNode lost = lifecycle.putObject("lost");
                copyIfPresent(data, lost, "reasonCode", "lostAt");
            }
            case "crm.customer.merged.v1" -> {
                // Applied to the surviving customer; the store re-keys the source's history to it.
                ArrayNode from = doc.has("mergedFrom") ? (ArrayNode) doc.get("mergedFrom") : doc.putArray("mergedFrom");
                from.add(text(data, "sourceCustomerId"));
            }
            case "crm.customer.erased.v1" -> {
                String id = doc.get("customerId").asText();
                doc.removeAll();
                doc.put("customerId", id);
                doc.put("erased", true);
                doc.set("erasedAt", data.get("erasedAt"));
            }
            case "crm.purchase.recorded.v1" -> {
                ObjectNode value = section(doc, "value", event);
                ObjectNode last = value.putObject("lastPurchase");
                copyIfPresent(data, last, "purchaseId", "amount", "currency", "purchasedAt");
                value.put("purchaseCount", value.path("purchaseCount").asInt(0) + 1);
                if (data.hasNonNull("amount")) {
                    OverviewRevenue.add(value, data.get("amount").decimalValue(), time(data, "purchasedAt", event));
                    copyIfPresent(data, value, "currency");
                }
                copyIfPresent(data, value, "customerSegment", "customerValueTier");
                rename(value, "customerSegment", "segment");
                rename(value, "customerValueTier", "valueTier");
            }
            case "crm.purchase.refunded.v1" -> {
                ObjectNode value = section(doc, "value", event);
                ObjectNode refund = value.putObject("lastRefund");
                copyIfPresent(data, refund, "refundId", "purchaseId", "amount", "currency", "refundedAt");
                if (data.hasNonNull("amount")) {
                    OverviewRevenue.add(value, data.get("amount").decimalValue().negate(), time(data, "refundedAt", event));
                }
            }
            case "crm.touchpoint.logged.v1" -> {
                ObjectNode section = section(doc, "touchpoints", event);
                ObjectNode item = JSON.objectNode();
                copyIfPresent(data, item, "touchpointId", "channel", "direction", "phase", "staff", "occurredAt");
                List<JsonNode> items = items(section, "recent");
                items.addFirst(item);
                items.sort(Comparator.comparing((JsonNode n) -> n.path("occurredAt").asText()).reversed());
                section.set("recent", array(items.subList(0, Math.min(RECENT, items.size()))));
            }
            case "crm.follow-up.scheduled.v1" -> {
                ObjectNode section = section(doc, "followUps", event);
                ObjectNode item = JSON.objectNode();
                copyIfPresent(data, item, "followUpId", "owner", "dueAt", "urgent");
                List<JsonNode> items = items(section, "next");
                items.removeIf(n -> n.path("followUpId").asText().equals(text(data, "followUpId")));
                items.add(item);
                items.sort(Comparator.comparing((JsonNode n) -> n.path("dueAt").asText()));
                section.set("next", array(items));
                section.put("openCount", items.size());
            }
            case "crm.follow-up.completed.v1" -> {
                ObjectNode section = section(doc, "followUps", event);
                List<JsonNode> items = items(section, "next");
                items.removeIf(n -> n.path("followUpId").asText().equals(text(data, "followUpId")));
                section.set("next", array(items));
                section.put("openCount", items.size());
                ObjectNode last = section.putObject("lastCompleted");
                copyIfPresent(data, last, "followUpId", "completedAt");
            }
            case "crm.account.opened.v1" -> copyIfPresent(data, section(doc, "loyalty", event), "joinedAt", "tier");
            case "crm.points.earned.v1", "crm.points.redeemed.v1", "crm.points.expired.v1", "crm.points.adjusted.v1",
                 "crm.points.reversed.v1", "crm.reward.redeemed.v1" -> {
                ObjectNode loyalty = section(doc, "loyalty", event);
                copyIfPresent(data, loyalty, "balance", "expiringNext");
            }
            case "crm.tier.changed.v1" -> copyIfPresent(data, section(doc, "loyalty", event), "tier");
            case "crm.complaint.filed.v1" -> {
                ObjectNode complaints = section(doc, "complaints", event);
                ObjectNode item = JSON.objectNode();
                copyIfPresent(data, item, "complaintId", "category", "channel", "priority", "filedAt",
                        "respondBy", "resolveBy");
                item.put("status", "OPEN");
                upsertOpen(complaints, item);
            }
            case "crm.complaint.acknowledged.v1" -> updateOpen(doc, event, data, "ACKNOWLEDGED");
            case "crm.complaint.status-changed.v1" -> updateOpen(doc, event, data, text(data, "status"));
            case "crm.complaint.assigned.v1", "crm.complaint.escalated.v1" -> updateOpen(doc, event, data, null);
            case "crm.complaint.reopened.v1" -> {
                ObjectNode complaints = section(doc, "complaints", event);
                ObjectNode item = findOpen(complaints, text(data, "complaintId"));
                if (item == null) {
                    item = JSON.objectNode();
                    item.put("complaintId", text(data, "complaintId"));
                }
                item.put("status", "REOPENED");
                upsertOpen(complaints, item);
            }
            case "crm.complaint.resolved.v1" -> {
                ObjectNode complaints = section(doc, "complaints", event);
                removeOpen(complaints, text(data, "complaintId"));
                ObjectNode last = complaints.putObject("lastResolution");
                copyIfPresent(data, last, "complaintId", "resolvedAt", "firstContactResolution", "compensationPoints");
            }
            case "crm.complaint.closed.v1" -> removeOpen(section(doc, "complaints", event), text(data, "complaintId"));
            case "crm.survey.response.submitted.v1" -> {
                ObjectNode surveys = section(doc, "surveys", event);
                for (String score : List.of("nps", "csat")) {
                    if (data.hasNonNull(score)) {
                        ObjectNode last = surveys.putObject("last" + Character.toUpperCase(score.charAt(0)) + score.substring(1));
                        last.set("score", data.get(score));
                        last.set("at", data.get("submittedAt"));
                        List<JsonNode> trend = items(surveys, score + "Trend");
                        trend.add(data.get(score));
                        surveys.set(score + "Trend", array(trend.subList(Math.max(0, trend.size() - RECENT), trend.size())));
                    }
                }
            }
            case "crm.customer.risk-changed.v1" -> {
                // The latest assessment replaces the previous one whole (previousLevel is null on the first).
                ObjectNode risk = section(doc, "risk", event);
                for (String field : List.of("level", "previousLevel", "reasons", "assessedAt")) {
                    if (data.hasNonNull(field)) {
                        risk.set(field, data.get(field));
                    } else {
                        risk.remove(field);
                    }
                }
            }
            case OverviewCommunications.REQUESTED, OverviewCommunications.REPORTED, OverviewCommunications.RSVP,
                 OverviewCommunications.ATTENDED ->
                    OverviewCommunications.apply(section(doc, OverviewCommunications.SECTION, event), event, data);
            default -> {
                return false;
            }
        }
        latest(doc, "lastEventAt", event);
        return true;
    }

    /**
     * The event as the overview logs it: without the personal fields of {@link #PERSONAL} (and a
     * delivery request with only what the communications section shows).
     */
    static CloudEvent logged(CloudEvent published) {
        CloudEvent event = OverviewCommunications.logged(published);
        Set<String> personal = PERSONAL.get(event.type());
        if (personal == null || !(event.data() instanceof ObjectNode data) || personal.stream().noneMatch(data::has)) {
            return event;
        }
        ObjectNode kept = data.deepCopy();
        kept.remove(personal);
        return new CloudEvent(event.specversion(), event.id(), event.source(), event.type(), event.subject(), event.time(),
                event.datacontenttype(), event.requestid(), kept);
    }

    /**
     * Freshness is the newest event time seen, not the time of the last event applied: the four
     * topics interleave differently live and in a replay, and the document must not depend on that.
     */
    private static void latest(ObjectNode node, String field, CloudEvent event) {
        JsonNode current = node.get(field);
        if (current == null || java.time.OffsetDateTime.parse(current.asText()).isBefore(event.time())) {
            node.put(field, event.time().toString());
        }
    }

    private static void updateOpen(ObjectNode doc, CloudEvent event, JsonNode data, String status) {
        ObjectNode complaints = section(doc, "complaints", event);
        ObjectNode item = findOpen(complaints, text(data, "complaintId"));
        if (item == null) {
            return; // filed before this view's history began
        }
        if (status != null) {
            item.put("status", status);
        }
        copyIfPresent(data, item, "assignee", "priority");
    }

    private static void upsertOpen(ObjectNode complaints, ObjectNode item) {
        List<JsonNode> open = items(complaints, "open");
        open.removeIf(n -> n.path("complaintId").asText().equals(item.path("complaintId").asText()));
        open.add(item);
        complaints.set("open", array(open));
        complaints.put("openCount", open.size());
    }

    private static void removeOpen(ObjectNode complaints, String complaintId) {
        List<JsonNode> open = items(complaints, "open");
        open.removeIf(n -> n.path("complaintId").asText().equals(complaintId));
        complaints.set("open", array(open));
        complaints.put("openCount", open.size());
    }

    private static ObjectNode findOpen(ObjectNode complaints, String complaintId) {
        for (JsonNode n : items(complaints, "open")) {
            if (n.path("complaintId").asText().equals(complaintId)) {
                return (ObjectNode) n;
            }
        }
        return null;
    }

    private static ObjectNode section(ObjectNode doc, String name, CloudEvent event) {
        ObjectNode section = doc.has(name) ? (ObjectNode) doc.get(name) : doc.putObject(name);
        latest(section, "asOf", event);
        return section;
    }

    /** The members of a section's list (also for {@link OverviewCommunications}). */
    static List<JsonNode> items(ObjectNode section, String field) {
        List<JsonNode> out = new ArrayList<>();
        section.path(field).forEach(out::add);
        return out;
    }

    static ArrayNode array(List<JsonNode> items) {
        ArrayNode array = JSON.arrayNode();
        items.forEach(array::add);
        return array;
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.has(field)) {
                to.set(field, from.get(field));
            }
        }
    }

    private static void rename(ObjectNode node, String from, String to) {
        if (node.has(from)) {
            JsonNode value = node.remove(from);
            if (!value.isNull()) {
                node.set(to, value);
            }
        }
    }

    /** A time the event's data names, or the event's own time if it names none. */
    private static java.time.OffsetDateTime time(JsonNode data, String field, CloudEvent event) {
        String at = text(data, field);
        return at == null ? event.time() : java.time.OffsetDateTime.parse(at);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
