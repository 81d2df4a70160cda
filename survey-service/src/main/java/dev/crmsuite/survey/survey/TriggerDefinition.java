package dev.crmsuite.survey.survey;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/** Attaches a survey to an event type (with a delay) or to the calendar. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Trigger", description = "When customers are invited to the survey")
public record TriggerDefinition(
        @Schema(required = true, examples = "PURCHASE_RECORDED")
        TriggerKind on,
        @Schema(description = "ISO 8601 duration between the event and sending the invitation; PT0S when absent", examples = "P2D")
        String delay,
        @Schema(description = "PURCHASE_RECORDED only: invite only for purchases of at least this amount", examples = "100.00")
        BigDecimal minimumAmount,
        @Schema(description = "PERIODIC only: invite each customer every this many months (first time that long after registration)", examples = "6")
        Integer everyMonths) {
}
