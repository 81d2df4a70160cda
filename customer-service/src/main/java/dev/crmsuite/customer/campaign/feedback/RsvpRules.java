package dev.crmsuite.customer.campaign.feedback;

import java.time.OffsetDateTime;

/**
 * Whether an invitation can be answered and what an answer does. A guest answers once: the first answer
 * is recorded, the same answer again is a harmless repeat (a double click, a reloaded page), a different
 * answer later is refused (the organiser plans with the first). A cancelled campaign or an event that has
 * started takes no answers any more (gone, 410).
 */
public final class RsvpRules {

    public enum Response { ACCEPTED, DECLINED }

    public enum Outcome { RECORD, REPEAT, CHANGE_REFUSED }

    private RsvpRules() {
    }

    /** Why the invitation is closed, or null while it can be answered. */
    public static String closedBecause(String campaignStatus, OffsetDateTime eventStartsAt, OffsetDateTime now) {
        if ("CANCELLED".equals(campaignStatus)) {
            return "this invitation's campaign was cancelled";
        }
        if (eventStartsAt != null && !now.isBefore(eventStartsAt)) {
            return "the event started at " + eventStartsAt;
        }
        return null;
    }

    /** What answering {@code response} does to an invitation whose current answer is {@code current} (null: none yet). */
    public static Outcome answer(String current, Response response) {
        if (current == null) {
            return Outcome.RECORD;
        }
        return current.equals(response.name()) ? Outcome.REPEAT : Outcome.CHANGE_REFUSED;
    }
}
