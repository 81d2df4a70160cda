package dev.crmsuite.customer.touchpoint;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** API records and event payload of touchpoints. */
public final class TouchpointModels {

    private TouchpointModels() {
    }

    public enum Channel {
        PHONE, EMAIL, VISIT, WEB, CALL_CENTRE, EVENT, LETTER, NEWSLETTER, PARTNER;

        /** A channel named in a query: null when absent, 400 naming {@code channel} when unknown. */
        public static Channel parse(String value) {
            if (value == null) {
                return null;
            }
            for (Channel c : values()) {
                if (c.name().equals(value)) {
                    return c;
                }
            }
            throw dev.crmsuite.platform.problem.ProblemException.invalid("channel",
                    "must be one of " + java.util.Arrays.toString(values()));
        }
    }

    public enum Direction { INBOUND, OUTBOUND }

    public enum Phase { PRE_SALE, SALE, AFTER_SALE }

    @Schema(name = "NewTouchpoint", description = "One interaction with the customer")
    public record NewTouchpoint(
            @NotNull @Schema(examples = "PHONE", required = true) Channel channel,
            @NotNull @Schema(examples = "OUTBOUND", required = true) Direction direction,
            @NotNull @Schema(examples = "AFTER_SALE", required = true) Phase phase,
            @Size(max = 100) @Schema(description = "Who talked to the customer; the caller (the actor the gateway names) when absent", examples = "zhang.min") String staff,
            @Schema(description = "When; now when absent", examples = "2026-11-22T09:30:00Z") OffsetDateTime occurredAt,
            @Size(max = 4000) @Schema(examples = "Called a week after delivery; TV works well") String summary) {
    }

    @Schema(name = "Touchpoint")
    public record TouchpointView(UUID id, UUID customerId, Channel channel, Direction direction, Phase phase, String staff,
                                 OffsetDateTime occurredAt, String summary) {
        static TouchpointView of(Touchpoint t) {
            return new TouchpointView(t.id, t.customerId, Channel.valueOf(t.channel), Direction.valueOf(t.direction),
                    Phase.valueOf(t.phase), t.staff, t.occurredAt, t.summary);
        }
    }

    /** {@code crm.touchpoint.logged.v1}: no summary, which is free text about the customer (see {@link Personal}). */
    public record Logged(UUID touchpointId, UUID customerId, Channel channel, Direction direction, Phase phase, String staff,
                         OffsetDateTime occurredAt) {
        public static final String TYPE = "crm.touchpoint.logged.v1";
    }

    /**
     * The touchpoint's personal record on crm.customers.personal (thing {@value #THING}, object id = the
     * touchpoint id): its summary, for the customer-360. Recorded only when there is a summary.
     */
    public record Personal(UUID touchpointId, UUID customerId, String summary) {
        public static final String THING = "touchpoint";

        public static Personal of(Touchpoint t) {
            return new Personal(t.id, t.customerId, t.summary);
        }
    }
}
