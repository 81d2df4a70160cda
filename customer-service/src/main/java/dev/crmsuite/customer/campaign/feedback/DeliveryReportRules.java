package dev.crmsuite.customer.campaign.feedback;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * What a partner's delivery report does to a delivery. Reports come from mailers and printers that
 * retry and reorder, so: the same report twice is the first one again (nothing changes); an open or
 * click proves the message arrived, so it implies DELIVERED when that report is late or never comes;
 * a bounce contradicts a delivery and is refused after one. Only messages that were sent (REQUESTED or
 * DELIVERED rows) take reports; a held-out, excluded or not-yet-sent customer received nothing.
 */
public final class DeliveryReportRules {

    public enum Report { DELIVERED, BOUNCED, OPENED, CLICKED }

    /** How far in the future (clock skew between the partner and us) a report's time may be. */
    public static final Duration SKEW = Duration.ofMinutes(5);

    /** The delivery as the rules see it: its status, when it was requested and delivered, the reports it took. */
    public record State(String status, OffsetDateTime requestedAt, OffsetDateTime deliveredAt, Set<Report> reported) {
    }

    /**
     * The decision: {@code repeat} (answer as the first time, change nothing), or accept, in which case
     * {@code firstDelivery} says whether this report makes the delivery DELIVERED now (the touchpoint
     * is written then, once).
     */
    public record Decision(boolean repeat, boolean firstDelivery) {
        static final Decision REPEAT = new Decision(true, false);
    }

    /** Why a report is refused: 409 when the delivery's state forbids it, 422 when the report contradicts the delivery. */
    public record Refusal(int status, String slug, String detail) {
    }

    public sealed interface Outcome permits Accepted, Refused {
    }

    public record Accepted(Decision decision) implements Outcome {
    }

    public record Refused(Refusal refusal) implements Outcome {
    }

    private DeliveryReportRules() {
    }

    /**
     * Decides a report of {@code report} that happened at {@code occurredAt} (already checked not to be in
     * the future) on a delivery in {@code state}. A repeat is recognised before anything else, so a retry
     * answers as the first report did even after the delivery moved on.
     */
    public static Outcome decide(State state, Report report, OffsetDateTime occurredAt) {
        if (state.reported().contains(report)) {
            return new Accepted(Decision.REPEAT);
        }
        if (!state.status().equals("REQUESTED") && !state.status().equals("DELIVERED")) {
            return new Refused(new Refusal(409, "delivery-not-sent", switch (state.status()) {
                case "HOLDOUT" -> "this customer is in the campaign's holdout and was sent nothing";
                case "EXCLUDED" -> "this customer was excluded from the campaign and was sent nothing";
                case "DEFERRED" -> "this delivery waits for the end of quiet hours and was not requested yet";
                case "BOUNCED" -> "this delivery bounced; it takes no other report";
                default -> "this delivery is " + state.status();
            }));
        }
        if (report == Report.BOUNCED && state.status().equals("DELIVERED")) {
            return new Refused(new Refusal(409, "delivery-already-delivered", "this delivery was reported delivered; it cannot bounce"));
        }
        if (state.requestedAt() != null && occurredAt.isBefore(state.requestedAt())) {
            return new Refused(new Refusal(422, "report-before-request", "occurredAt " + occurredAt
                    + " is before the delivery was requested (" + state.requestedAt() + ")"));
        }
        boolean firstDelivery = report != Report.BOUNCED && state.deliveredAt() == null;
        return new Accepted(new Decision(false, firstDelivery));
    }

    /** Whether {@code occurredAt} is too far in the future to be a report of something that happened. */
    public static boolean inFuture(OffsetDateTime occurredAt, OffsetDateTime now) {
        return occurredAt.isAfter(now.plus(SKEW));
    }
}
