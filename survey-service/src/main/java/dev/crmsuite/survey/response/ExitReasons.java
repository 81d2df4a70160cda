package dev.crmsuite.survey.response;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The exit survey's contribution to the lost-customer analysis: the options a lost customer chose
 * are their reasons for leaving, told to customer-service in {@code crm.survey.exit-reasons.recorded.v1}.
 * Only for a survey sent because the customer was marked lost, only when the customer is known
 * (an anonymous answer cannot be tied to a lost customer without undoing the anonymity), and only
 * when at least one choice question was answered (a free-text-only answer names no reason to count).
 */
public final class ExitReasons {

    /** The trigger event type of an exit survey's invitation. */
    public static final String MARKED_LOST = "crm.customer.marked-lost.v1";

    private ExitReasons() {
    }

    /** The reasons to publish, or empty when this response is not an exit survey's answer that names any. */
    public static Optional<List<String>> recordable(String triggerEventType, boolean anonymous, List<AnswerValidator.Answer> answers) {
        if (anonymous || !MARKED_LOST.equals(triggerEventType)) {
            return Optional.empty();
        }
        // Question order, each option once: two questions offering "price" are one reason, counted once.
        Set<String> reasons = new LinkedHashSet<>();
        answers.stream().filter(a -> a.type().choice() && a.choices() != null).forEach(a -> reasons.addAll(a.choices()));
        return reasons.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(reasons));
    }
}
