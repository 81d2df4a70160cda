package dev.crmsuite.customer.lifecycle;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A staff override of the lifecycle stage. */
@Schema(name = "StageOverride", description = "Sets the stage by hand; rules leave it until the override is removed")
public record StageInput(
        @NotNull @Schema(examples = "LOST", required = true) Stage stage,
        @NotBlank @Size(max = 500) @Schema(description = "Why staff set this stage", examples = "moved to a competitor after the price rise", required = true)
        String reason,
        @Schema(description = "Required when stage is LOST", examples = "COMPETITOR") LostReason lostReasonCode,
        @Size(max = 2000) @Schema(description = "Required when stage is LOST: what happened, in words", examples = "Signed with a cheaper supplier in March")
        String lostReasonText) {
}
