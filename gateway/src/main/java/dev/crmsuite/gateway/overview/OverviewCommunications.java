package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.CloudEvent;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The customer-360 {@code communications} section, folded from the campaign events of issue 20
 * ({@code crm.campaign.delivery-requested/delivery-reported/rsvp-recorded/attendance-recorded.v1}):
 * {@code last}, the customer's five latest communications, newest first, and {@code openInvitations},
 * the event invitations still to come that the customer did not decline, soonest first.
 *
 * <p>Each event touches one delivery, so its cost is bounded: at most {@link OverviewProjection#RECENT}
 * items in {@code last} and {@link #OPEN_INVITATIONS} in {@code openInvitations}; a report about a
 * delivery that already left {@code last} changes nothing. Whether an invitation's event is still
 * to come depends on when the overview is read, which a fold cannot know, so the fold drops only
 * invitations whose event had started before the event being applied (no read can show them again)
 * and {@link #asOfRead} leaves out those that started by the time of the read. The gateway logs a
 * delivery request without what the section does not show ({@link #logged}): no recipient address,
 * template variables or RSVP token (the capability to answer for the customer) is kept here.
 */
final class OverviewCommunications {

    static final String SECTION = "communications";
    static final String REQUESTED = "crm.campaign.delivery-requested.v1";
    static final String REPORTED = "crm.campaign.delivery-reported.v1";
    static final String RSVP = "crm.campaign.rsvp-recorded.v1";
    static final String ATTENDED = "crm.campaign.attendance-recorded.v1";
    static final Set<String> TYPES = Set.of(REQUESTED, REPORTED, RSVP, ATTENDED);
    /** Most open invitations kept, soonest first: more than a customer is invited to at once in practice. */
    static final int OPEN_INVITATIONS = 20;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** What of a delivery request the section shows, the only fields logged of it. */
    private static final List<String> REQUEST_FIELDS = List.of("deliveryId", "campaignId", "customerId", "kind", "subject",
            "requestedAt");
    private static final List<String> EVENT_FIELDS = List.of("title", "startsAt", "location");

    private OverviewCommunications() {
    }

    /** Folds one campaign event into the section. */
    static void apply(ObjectNode section, CloudEvent event, JsonNode data) {
        String deliveryId = text(data, "deliveryId");
        if (deliveryId == null) {
            return;
        }
        switch (event.type()) {
            case REQUESTED -> requested(section, event, data, deliveryId);
            case REPORTED -> {
                ObjectNode item = find(section, "last", deliveryId);
                String report = text(data, "report");
                if (item == null || report == null) {
                    return;
                }
                switch (report) {
                    case "DELIVERED", "BOUNCED" -> item.put("status", report);
                    case "OPENED" -> {
                        if (!item.hasNonNull("openedAt")) {
                            copy(data, item, "occurredAt"); // the first open
                            rename(item, "occurredAt", "openedAt");
                        }
                    }
                    default -> {
                        // CLICKED: not shown in the overview
                    }
                }
            }
            case RSVP -> {
                String rsvp = text(data, "rsvp");
                ObjectNode item = find(section, "last", deliveryId);
                if (item != null && rsvp != null) {
                    item.put("rsvp", rsvp);
                }
                List<JsonNode> open = OverviewProjection.items(section, "openInvitations");
                if ("DECLINED".equals(rsvp)) {
                    open.removeIf(n -> deliveryId.equals(n.path("deliveryId").asText()));
                } else if (rsvp != null) {
                    open.stream().filter(n -> deliveryId.equals(n.path("deliveryId").asText()))
                            .forEach(n -> ((ObjectNode) n).put("rsvp", rsvp));
                }
                section.set("openInvitations", OverviewProjection.array(open));
            }
            case ATTENDED -> {
                ObjectNode item = find(section, "last", deliveryId);
                if (item != null) {
                    copy(data, item, "attendedAt");
                }
            }
            default -> {
                // not a campaign event
            }
        }
    }

    private static void requested(ObjectNode section, CloudEvent event, JsonNode data, String deliveryId) {
        ObjectNode item = JSON.objectNode();
        item.put("deliveryId", deliveryId);
        copy(data, item, "campaignId", "kind", "subject", "requestedAt");
        item.put("status", "REQUESTED");
        List<JsonNode> last = OverviewProjection.items(section, "last");
        last.removeIf(n -> deliveryId.equals(n.path("deliveryId").asText()));
        last.add(item);
        last.sort(Comparator.comparing((JsonNode n) -> n.path("requestedAt").asText())
                .thenComparing(n -> n.path("deliveryId").asText()).reversed());
        section.set("last", OverviewProjection.array(last.subList(0, Math.min(OverviewProjection.RECENT, last.size()))));

        List<JsonNode> open = OverviewProjection.items(section, "openInvitations");
        // Invitations whose event started before this event happened can never be shown again.
        open.removeIf(n -> !startsAt(n).isAfter(event.time()));
        JsonNode invited = data.path("event");
        OffsetDateTime starts = time(invited, "startsAt");
        if ("EVENT_INVITATION".equals(text(data, "kind")) && starts != null && starts.isAfter(event.time())) {
            ObjectNode invitation = JSON.objectNode();
            invitation.put("deliveryId", deliveryId);
            copy(data, invitation, "campaignId");
            copy(invited, invitation.putObject("event"), EVENT_FIELDS.toArray(String[]::new));
            open.removeIf(n -> deliveryId.equals(n.path("deliveryId").asText()));
            open.add(invitation);
        }
        open.sort(Comparator.comparing(OverviewCommunications::startsAt).thenComparing(n -> n.path("deliveryId").asText()));
        section.set("openInvitations", OverviewProjection.array(open.subList(0, Math.min(OPEN_INVITATIONS, open.size()))));
    }

    /** The answer as of {@code at}: only invitations whose event starts after it are still open. */
    static void asOfRead(ObjectNode overview, OffsetDateTime at) {
        if (!(overview.get(SECTION) instanceof ObjectNode section)) {
            return;
        }
        List<JsonNode> open = OverviewProjection.items(section, "openInvitations");
        open.removeIf(n -> !startsAt(n).isAfter(at));
        section.set("openInvitations", OverviewProjection.array(open));
    }

    /**
     * The event as the gateway logs it for {@code ?asOf=} and rebuilds: a delivery request only with
     * what the section shows; every other event as it is (they carry nothing more).
     */
    static CloudEvent logged(CloudEvent event) {
        if (!REQUESTED.equals(event.type()) || event.data() == null || !event.data().isObject()) {
            return event;
        }
        ObjectNode data = JSON.objectNode();
        copy(event.data(), data, REQUEST_FIELDS.toArray(String[]::new));
        JsonNode invited = event.data().path("event");
        if (invited.isObject()) {
            copy(invited, data.putObject("event"), EVENT_FIELDS.toArray(String[]::new));
        }
        return new CloudEvent(event.specversion(), event.id(), event.source(), event.type(), event.subject(), event.time(),
                event.datacontenttype(), event.requestid(), data);
    }

    /** A time of the event's data, or null when it names none or none the contract allows (then nothing is shown). */
    private static OffsetDateTime time(JsonNode node, String field) {
        String at = text(node, field);
        try {
            return at == null ? null : OffsetDateTime.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Only invitations with a valid startsAt are ever kept. */
    private static OffsetDateTime startsAt(JsonNode invitation) {
        return OffsetDateTime.parse(invitation.path("event").path("startsAt").asText());
    }

    private static ObjectNode find(ObjectNode section, String list, String deliveryId) {
        for (JsonNode n : section.path(list)) {
            if (deliveryId.equals(n.path("deliveryId").asText())) {
                return (ObjectNode) n;
            }
        }
        return null;
    }

    /** Copies the fields {@code from} has a value for; a field stays absent until known. */
    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.hasNonNull(field)) {
                to.set(field, from.get(field));
            }
        }
    }

    private static void rename(ObjectNode node, String from, String to) {
        JsonNode value = node.remove(from);
        if (value != null) {
            node.set(to, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
