package dev.crmsuite.survey.survey;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What invites a customer to a survey: another service's event, or the calendar. */
@Schema(description = "PURCHASE_RECORDED (crm.purchase.recorded.v1), COMPLAINT_RESOLVED (crm.complaint.resolved.v1), "
        + "CUSTOMER_MARKED_LOST (crm.customer.marked-lost.v1, the exit survey) or PERIODIC (relationship survey every N months)")
public enum TriggerKind {
    PURCHASE_RECORDED("crm.purchase.recorded.v1"),
    COMPLAINT_RESOLVED("crm.complaint.resolved.v1"),
    CUSTOMER_MARKED_LOST("crm.customer.marked-lost.v1"),
    PERIODIC("PERIODIC");

    /** The event type that fires it, and what invitations record as their trigger event type. */
    public final String eventType;

    TriggerKind(String eventType) {
        this.eventType = eventType;
    }
}
