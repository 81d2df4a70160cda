package dev.crmsuite.complaint.compensation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.complaint.complaint.AuditTrail;
import dev.crmsuite.complaint.complaint.Complaint;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.inbox.EventSubscriber;
import dev.crmsuite.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * Closes the compensation loop with crm.loyalty: a resolution asks loyalty-service for goodwill
 * points (crm.complaint.resolved.v1), loyalty decides against its budgets, and its answer lands on
 * the complaint so nobody reads requested points as granted ones. A grant is loyalty's GOODWILL
 * ledger entry for the complaint (crm.points.adjusted.v1, kind GOODWILL, sourceRef complaint:<id>).
 */
@ApplicationScoped
public class GoodwillOutcomes implements EventSubscriber {

    static final String ADJUSTED = "crm.points.adjusted.v1";
    static final String COMPLAINT_REF = "complaint:";

    @Inject
    AuditTrail audit;
    @Inject
    Clock clock;

    @Override
    public String name() {
        return "complaint-goodwill-outcomes";
    }

    @Override
    public Set<String> topics() {
        return Set.of("crm.loyalty");
    }

    @Override
    public boolean handles(String eventType) {
        return ADJUSTED.equals(eventType);
    }

    @Override
    public void handle(CloudEvent event) {
        if (!ADJUSTED.equals(event.type())) {
            return;
        }
        JsonNode data = event.data();
        String sourceRef = data.path("sourceRef").asText("");
        if (!"GOODWILL".equals(data.path("kind").asText()) || !sourceRef.startsWith(COMPLAINT_REF)) {
            return; // manual adjustments and bonuses are no answer to a complaint
        }
        UUID complaintId;
        try {
            complaintId = UUID.fromString(sourceRef.substring(COMPLAINT_REF.length()));
        } catch (IllegalArgumentException notOurs) {
            return; // goodwill for a complaint of another system: nothing of ours
        }
        Complaint c = Complaint.forUpdate(complaintId).orElse(null);
        if (c == null || "GRANTED".equals(c.compensationStatus)) {
            return; // unknown here, or a redelivery
        }
        OffsetDateTime at = event.time() != null ? event.time().withOffsetSameInstant(ZoneOffset.UTC)
                : OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int points = data.path("points").asInt();
        audit.change(c.id, Caller.SYSTEM_ACTOR, at, "compensation", "compensationStatus", c.compensationStatus, "GRANTED");
        audit.change(c.id, Caller.SYSTEM_ACTOR, at, "compensation", "compensationGrantedPoints", c.compensationGrantedPoints, points);
        c.compensationStatus = "GRANTED";
        c.compensationGrantedPoints = points;
        c.compensationReason = null;
        c.compensationDecidedAt = at;
        c.updatedAt = at;
    }
}
