package dev.crmsuite.complaint.complaint;

import dev.crmsuite.complaint.sla.ComplaintDeadlines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Builds {@link ComplaintView}s: the entity plus what "now" means for its deadlines. */
@ApplicationScoped
public class ComplaintViews {

    @Inject
    ComplaintDeadlines deadlines;
    @Inject
    Conversation conversation;
    @Inject
    Clock clock;

    public ComplaintView of(Complaint c) {
        return of(c, conversation.tags(c.id).stream().map(Conversation.Tag::tag).toList());
    }

    public ComplaintView of(Complaint c, List<String> tags) {
        Instant now = clock.instant();
        Instant paused = c.pausedSince == null ? null : c.pausedSince.toInstant();
        String firstLeft = c.acknowledgedAt != null ? null
                : deadlines.timeLeft(c.respondBy.toInstant(), now, paused).toString();
        String resolutionLeft = !c.status.active() ? null
                : deadlines.timeLeft(c.resolveBy.toInstant(), now, paused).toString();
        ComplaintView.ResolutionView resolution = c.resolvedAt == null ? null
                : new ComplaintView.ResolutionView(c.outcome, c.rootCause, c.firstContactResolution, c.compensationPoints,
                        c.compensationStatus, c.compensationGrantedPoints, c.compensationReason, c.compensationDecidedAt);
        return new ComplaintView(c.id, c.customerId, c.customerKnown, c.customerSegment, c.channel, c.category, c.subject,
                c.description, c.priority, c.status,
                ComplaintLifecycle.allowed(c.status).stream().map(a -> a.path).toList(),
                c.assignee, c.team, c.filedAt, c.acknowledgedAt, c.resolvedAt, c.closedAt, c.respondBy, c.resolveBy,
                firstLeft, resolutionLeft, c.pausedSince != null, c.pausedSeconds,
                c.firstResponseBreachedAt != null, c.resolutionBreachedAt != null, overdue(c, now),
                c.escalationLevel, escalation(c), c.reopenCount, c.reopenedAt,
                c.lastReopenReason, resolution, tags, c.linkedComplaintId, c.erasedAt != null, c.version);
    }

    static ComplaintView.EscalationView escalation(Complaint c) {
        return c.escalatedAt == null ? null : new ComplaintView.EscalationView(c.escalationLevel, c.escalationOwner, c.escalatedAt,
                c.escalationReason, c.escalationStatus, c.escalationAcknowledgedBy, c.escalationAcknowledgedAt);
    }

    /** The same rule as the overdue=true filter of the list. */
    static boolean overdue(Complaint c, Instant now) {
        boolean response = c.acknowledgedAt == null && c.respondBy.toInstant().isBefore(now);
        boolean resolution = c.status.active() && c.status != ComplaintStatus.WAITING_ON_CUSTOMER
                && c.resolveBy.toInstant().isBefore(now);
        return response || resolution;
    }
}
