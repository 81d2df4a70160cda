package dev.crmsuite.customer.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.inbox.EventSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Complaints, survey answers and loyalty milestones from the other services, copied into the
 * timeline so the customer's story is complete. Events about customers we do not know (anonymous
 * answers, ids from elsewhere) are skipped: there is no timeline to add them to.
 */
@ApplicationScoped
public class TimelineEvents implements EventSubscriber {

    /** The types copied into the timeline (the cases of {@link #handle}). */
    static final Set<String> TYPES = Set.of("crm.complaint.filed.v1", "crm.complaint.resolved.v1",
            "crm.survey.response.submitted.v1", "crm.account.opened.v1", "crm.tier.changed.v1");

    @Inject
    Timeline timeline;
    @Inject
    Customers customers;

    @Override
    public String name() {
        return "customer-timeline";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.complaints", "crm.surveys", "crm.loyalty");
    }

    @Override
    public boolean handles(String eventType) {
        return TYPES.contains(eventType);
    }

    @Override
    public void handle(CloudEvent event) {
        JsonNode d = event.data() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : event.data();
        String kind;
        String ref;
        String summary;
        switch (event.type()) {
            case "crm.complaint.filed.v1" -> {
                kind = "COMPLAINT_FILED";
                ref = d.path("complaintId").asText(null);
                // No subject: complaint-service keeps it off crm.complaints (free text), and this service does not need it.
                summary = "Complaint (" + d.path("category").asText("?") + ")";
            }
            case "crm.complaint.resolved.v1" -> {
                kind = "COMPLAINT_RESOLVED";
                ref = d.path("complaintId").asText(null);
                // No outcome either, for the same reason (older events still carry it: not copied).
                summary = "Complaint resolved" + (d.path("firstContactResolution").asBoolean() ? " at first contact" : "");
            }
            case "crm.survey.response.submitted.v1" -> {
                kind = "SURVEY_ANSWERED";
                ref = d.path("responseId").asText(null);
                summary = "Survey answered" + (d.hasNonNull("nps") ? " (NPS " + d.path("nps").asInt() + ")" : "")
                        + (d.hasNonNull("csat") ? " (CSAT " + d.path("csat").asInt() + ")" : "");
            }
            case "crm.account.opened.v1" -> {
                kind = "LOYALTY_JOINED";
                ref = null;
                summary = "Joined the customer club" + (d.hasNonNull("tier") ? " at tier " + d.path("tier").asText() : "");
            }
            case "crm.tier.changed.v1" -> {
                kind = "LOYALTY_TIER_CHANGED";
                ref = null;
                summary = "Loyalty tier " + d.path("previousTier").asText("none") + " -> " + d.path("tier").asText("?");
            }
            default -> {
                return;
            }
        }
        UUID customerId;
        try {
            customerId = UUID.fromString(d.path("customerId").asText(event.subject()));
        } catch (IllegalArgumentException e) {
            return;
        }
        Customer customer = customers.resolve(customerId);
        if (customer == null) {
            return;
        }
        OffsetDateTime at = event.time() != null ? event.time() : OffsetDateTime.now();
        timeline.add(customer.id, at, kind, ref, summary, d);
    }
}
