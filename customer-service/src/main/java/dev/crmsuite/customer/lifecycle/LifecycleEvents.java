package dev.crmsuite.customer.lifecycle;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Payloads of the lifecycle events. */
public final class LifecycleEvents {

    private LifecycleEvents() {
    }

    /** {@code crm.customer.stage-changed.v1}; {@code overridden} tells a staff decision from a rule. */
    public record StageChanged(UUID customerId, Stage stage, Stage previousStage, String reason, boolean overridden,
                               OffsetDateTime changedAt) {
        public static final String TYPE = "crm.customer.stage-changed.v1";
    }

    /** {@code crm.customer.marked-lost.v1}: survey-service sends an exit survey on it. */
    public record MarkedLost(UUID customerId, LostReason reasonCode, String reasonText, OffsetDateTime lostAt) {
        public static final String TYPE = "crm.customer.marked-lost.v1";
    }
}
