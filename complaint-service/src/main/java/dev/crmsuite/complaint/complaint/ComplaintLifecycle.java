package dev.crmsuite.complaint.complaint;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.crmsuite.complaint.complaint.ComplaintAction.ACKNOWLEDGE;
import static dev.crmsuite.complaint.complaint.ComplaintAction.CLOSE;
import static dev.crmsuite.complaint.complaint.ComplaintAction.REOPEN;
import static dev.crmsuite.complaint.complaint.ComplaintAction.RESOLVE;
import static dev.crmsuite.complaint.complaint.ComplaintAction.START;
import static dev.crmsuite.complaint.complaint.ComplaintAction.WAIT_ON_CUSTOMER;
import static dev.crmsuite.complaint.complaint.ComplaintStatus.ACKNOWLEDGED;
import static dev.crmsuite.complaint.complaint.ComplaintStatus.CLOSED;
import static dev.crmsuite.complaint.complaint.ComplaintStatus.IN_PROGRESS;
import static dev.crmsuite.complaint.complaint.ComplaintStatus.OPEN;
import static dev.crmsuite.complaint.complaint.ComplaintStatus.REOPENED;
import static dev.crmsuite.complaint.complaint.ComplaintStatus.RESOLVED;
import static dev.crmsuite.complaint.complaint.ComplaintStatus.WAITING_ON_CUSTOMER;

/**
 * The complaint state machine, and nothing else: which action is allowed in which status and where
 * it leads. OPEN → ACKNOWLEDGED → IN_PROGRESS ⇄ WAITING_ON_CUSTOMER, IN_PROGRESS → RESOLVED →
 * CLOSED, RESOLVED/CLOSED → REOPENED → IN_PROGRESS. Time rules (the reopen window, auto-close) are
 * checked by the callers, because they need a clock and this class must not.
 */
public final class ComplaintLifecycle {

    private static final Map<ComplaintStatus, Map<ComplaintAction, ComplaintStatus>> MOVES = new EnumMap<>(ComplaintStatus.class);

    static {
        move(OPEN, ACKNOWLEDGE, ACKNOWLEDGED);
        move(ACKNOWLEDGED, START, IN_PROGRESS);
        move(IN_PROGRESS, WAIT_ON_CUSTOMER, WAITING_ON_CUSTOMER);
        move(IN_PROGRESS, RESOLVE, RESOLVED);
        // "start" from WAITING_ON_CUSTOMER is the resume: the customer answered, the clock runs again.
        move(WAITING_ON_CUSTOMER, START, IN_PROGRESS);
        move(RESOLVED, CLOSE, CLOSED);
        move(RESOLVED, REOPEN, REOPENED);
        move(CLOSED, REOPEN, REOPENED);
        move(REOPENED, START, IN_PROGRESS);
    }

    private ComplaintLifecycle() {
    }

    private static void move(ComplaintStatus from, ComplaintAction action, ComplaintStatus to) {
        MOVES.computeIfAbsent(from, s -> new EnumMap<>(ComplaintAction.class)).put(action, to);
    }

    /** The status {@code action} leads to from {@code from}; throws when the move is not allowed. */
    public static ComplaintStatus next(ComplaintStatus from, ComplaintAction action) {
        ComplaintStatus to = MOVES.getOrDefault(from, Map.of()).get(action);
        if (to == null) {
            throw new IllegalTransition(from, action, allowed(from));
        }
        return to;
    }

    /** The actions allowed in {@code status}, in lifecycle order. */
    public static List<ComplaintAction> allowed(ComplaintStatus status) {
        return List.copyOf(MOVES.getOrDefault(status, Map.of()).keySet());
    }

    /** An action the current status does not allow; carries what is allowed instead. */
    public static final class IllegalTransition extends RuntimeException {
        public final ComplaintStatus from;
        public final ComplaintAction action;
        public final List<ComplaintAction> allowed;

        IllegalTransition(ComplaintStatus from, ComplaintAction action, List<ComplaintAction> allowed) {
            super("a complaint in status " + from + " cannot be " + action.path + (allowed.isEmpty() ? ""
                    : "; allowed: " + String.join(", ", allowed.stream().map(a -> a.path).toList())));
            this.from = from;
            this.action = action;
            this.allowed = allowed;
        }
    }
}
