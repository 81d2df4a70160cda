package dev.crmsuite.complaint.compensation;

import dev.crmsuite.complaint.complaint.AuditTrail;
import dev.crmsuite.complaint.complaint.Complaint;
import dev.crmsuite.complaint.complaint.Conversation;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.events.PoisonEventException;
import dev.crmsuite.platform.inbox.EventSubscriber;
import dev.crmsuite.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * Closes the compensation loop with crm.loyalty: a resolution asks loyalty-service for goodwill
 * points (crm.complaint.resolved.v1), loyalty decides against its budgets and publishes its decision,
 * crm.goodwill.decided.v1 (GRANTED with the points, or REFUSED with why), exactly once per complaint.
 * That decision is the one source of what the complaint shows: compensationStatus, the granted points
 * and the reason. A refusal is also an INTERNAL note, so the handler who promised the points reads it
 * in the conversation and can make it up to the customer another way.
 *
 * <p>Loyalty's GOODWILL ledger entry (crm.points.adjusted.v1, sourceRef complaint:&lt;id&gt;), which
 * this subscriber read before the decision event existed, is no longer read: a grant is published as
 * both events, so reading both would be two sources for one fact. Nothing in the log needs the old
 * path: every such entry published before this change was applied when it was consumed (this
 * subscriber's consumer group is past it, and the complaint kept GRANTED), and loyalty-service never
 * grants without publishing the decision since then. A complaint already GRANTED or REFUSED keeps
 * its decision, so a late decision for it changes nothing.
 */
@ApplicationScoped
public class GoodwillOutcomes implements EventSubscriber {

    static final String DECIDED = "crm.goodwill.decided.v1";
    static final String GRANTED = "GRANTED";
    static final String REFUSED = "REFUSED";

    private final AuditTrail audit;
    private final Conversation conversation;
    private final Clock clock;

    public GoodwillOutcomes(AuditTrail audit, Conversation conversation, Clock clock) {
        this.audit = audit;
        this.conversation = conversation;
        this.clock = clock;
    }

    /** The data of crm.goodwill.decided.v1 (docs/event-contracts.md, crm.loyalty). */
    record Decision(UUID complaintId, UUID customerId, Long requestedPoints, String status, Long grantedPoints, String reason,
                    UUID entryId, OffsetDateTime decidedAt) {
    }

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
        return DECIDED.equals(eventType);
    }

    @Override
    public void handle(CloudEvent event) {
        if (!DECIDED.equals(event.type())) {
            return;
        }
        Decision d = EventJson.data(event, Decision.class);
        if (d.complaintId() == null || !(GRANTED.equals(d.status()) || REFUSED.equals(d.status()))) {
            throw new PoisonEventException("goodwill.decided needs a complaintId and status GRANTED or REFUSED: " + d);
        }
        long granted = GRANTED.equals(d.status()) ? (d.grantedPoints() == null ? 0 : d.grantedPoints()) : 0;
        if (granted < 0 || granted > Integer.MAX_VALUE) {
            throw new PoisonEventException("goodwill.decided grantedPoints out of range: " + d.grantedPoints());
        }
        Complaint c = Complaint.forUpdate(d.complaintId()).orElse(null);
        if (c == null || GRANTED.equals(c.compensationStatus) || REFUSED.equals(c.compensationStatus)) {
            return; // goodwill for a complaint of another system, or this complaint's decision is already shown
        }
        // Recorded (audit, note, quiet period) when we learn it; shown as decided when loyalty decided.
        OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime decidedAt = (d.decidedAt() != null ? d.decidedAt() : event.time() != null ? event.time() : at)
                .withOffsetSameInstant(ZoneOffset.UTC);
        String reason = REFUSED.equals(d.status()) ? reasonOrDefault(d.reason()) : null;
        audit.change(c.id, Caller.SYSTEM_ACTOR, at, "compensation", "compensationStatus", c.compensationStatus, d.status());
        audit.change(c.id, Caller.SYSTEM_ACTOR, at, "compensation", "compensationGrantedPoints", c.compensationGrantedPoints, granted);
        audit.change(c.id, Caller.SYSTEM_ACTOR, at, "compensation", "compensationReason", c.compensationReason, reason);
        c.compensationStatus = d.status();
        c.compensationGrantedPoints = (int) granted;
        c.compensationReason = reason;
        c.compensationDecidedAt = decidedAt;
        c.updatedAt = at;
        if (REFUSED.equals(d.status())) {
            long asked = d.requestedPoints() != null ? d.requestedPoints() : c.compensationPoints == null ? 0 : c.compensationPoints;
            conversation.comment(c, new Conversation.NewComment("Compensation refused by loyalty-service: " + asked
                    + " goodwill points were asked, none were credited. Reason: " + reason, Conversation.Visibility.INTERNAL),
                    Caller.SYSTEM_ACTOR, at);
        }
    }

    private static String reasonOrDefault(String reason) {
        if (reason == null || reason.isBlank()) {
            return "loyalty-service gave no reason";
        }
        String trimmed = reason.trim();
        return trimmed.length() > 1000 ? trimmed.substring(0, 1000) : trimmed;
    }
}
