package dev.crmsuite.complaint.complaint;

/** Where a complaint is in its lifecycle; see {@link ComplaintLifecycle} for the moves between them. */
public enum ComplaintStatus {
    OPEN, ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED, CLOSED, REOPENED;

    /** Still someone's work: the resolution deadline applies. */
    public boolean active() {
        return this != RESOLVED && this != CLOSED;
    }
}
