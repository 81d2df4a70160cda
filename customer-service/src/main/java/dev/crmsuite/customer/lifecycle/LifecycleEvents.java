package dev.crmsuite.customer.lifecycle;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Payloads of the lifecycle events. */
public final class LifecycleEvents {

    private LifecycleEvents() {
    }

    /**
     * {@code crm.customer.stage-changed.v1}; {@code overridden} tells a staff decision from a rule. {@code reason} is the
     * rule's own wording ("rule: ...", built from counts and days); a staff override's reason is free text about the
     * customer and stays in customer-service (null here): no other service needs it.
     */
    public record StageChanged(UUID customerId, Stage stage, Stage previousStage, String reason, boolean overridden,
                               OffsetDateTime changedAt) {
        public static final String TYPE = "crm.customer.stage-changed.v1";
    }

    /** {@code crm.customer.marked-lost.v1}: survey-service sends an exit survey on it. The reason text is in {@link LostReasonRecord}. */
    public record MarkedLost(UUID customerId, LostReason reasonCode, OffsetDateTime lostAt) {
        public static final String TYPE = "crm.customer.marked-lost.v1";
    }

    /**
     * Why the customer was lost, in words, on crm.customers.personal (thing {@value #THING}, object id = the
     * customer id: one per customer, the current loss). Recorded when the customer is marked LOST,
     * tombstoned when they leave LOST (the customer-360 shows a loss reason only while LOST).
     */
    public record LostReasonRecord(UUID customerId, String reasonText) {
        public static final String THING = "lost-reason";
    }
}
