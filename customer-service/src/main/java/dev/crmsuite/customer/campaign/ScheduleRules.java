package dev.crmsuite.customer.campaign;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;

import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold before a campaign is scheduled (a draft may be incomplete; what is scheduled will be
 * sent): the audience exists, an event invitation names an event that starts in the future and after
 * the send time, only a newsletter recurs, at most daily, and a recurrence ends after the first send.
 * All violations together, as one 422 naming the fields.
 */
public final class ScheduleRules {

    /** What scheduling checks about a campaign. */
    public record Draft(CampaignKind kind, boolean audienceExists, CampaignModels.EventDetails event, Instant sendAt,
                        String recurrence, Instant recurUntil) {
    }

    private ScheduleRules() {
    }

    /** An ISO-8601 period of whole days, weeks, months or years (P1D, P1W, P1M), or null when it is not one. */
    public static Period period(String recurrence) {
        if (recurrence == null) {
            return null;
        }
        try {
            return Period.parse(recurrence);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether a recurrence is at least one day and never goes backwards. */
    public static boolean atLeastOneDay(Period p) {
        return p != null && !p.isNegative() && (p.getYears() > 0 || p.getMonths() > 0 || p.getDays() >= 1);
    }

    public static void check(Draft d, Instant now) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!d.audienceExists()) {
            errors.add(new Problem.FieldError("audienceId", "names no audience (it was deleted or never existed)"));
        }
        if (d.sendAt().isBefore(now)) {
            errors.add(new Problem.FieldError("sendAt", "must not be in the past"));
        }
        if (d.kind() == CampaignKind.EVENT_INVITATION) {
            if (d.event() == null) {
                errors.add(new Problem.FieldError("event", "is required for an EVENT_INVITATION"));
            } else {
                Instant starts = d.event().startsAt().toInstant();
                if (!starts.isAfter(now)) {
                    errors.add(new Problem.FieldError("event.startsAt", "must be in the future"));
                } else if (!starts.isAfter(d.sendAt())) {
                    errors.add(new Problem.FieldError("event.startsAt", "must be after sendAt: invitations go out before the event"));
                }
                if (d.event().endsAt() != null && !d.event().endsAt().isAfter(d.event().startsAt())) {
                    errors.add(new Problem.FieldError("event.endsAt", "must be after startsAt"));
                }
            }
        } else if (d.event() != null) {
            errors.add(new Problem.FieldError("event", "is only for an EVENT_INVITATION"));
        }
        if (d.recurrence() != null) {
            if (d.kind() != CampaignKind.NEWSLETTER) {
                errors.add(new Problem.FieldError("recurrence", "only a NEWSLETTER recurs"));
            }
            if (!atLeastOneDay(period(d.recurrence()))) {
                errors.add(new Problem.FieldError("recurrence", "must be an ISO-8601 period of at least P1D"));
            }
            if (d.recurUntil() != null && !d.recurUntil().isAfter(d.sendAt())) {
                errors.add(new Problem.FieldError("recurUntil", "must be after sendAt"));
            }
        } else if (d.recurUntil() != null) {
            errors.add(new Problem.FieldError("recurUntil", "is only for a recurring campaign (set recurrence)"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "campaign-not-schedulable", "Unprocessable campaign",
                    "the campaign cannot be scheduled: " + String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()),
                    errors);
        }
    }
}
