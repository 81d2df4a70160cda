package dev.crmsuite.complaint.complaint;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a complaint was resolved. */
@Schema(name = "Resolution", description = "The resolution of a complaint")
public record Resolution(
        @NotBlank @Size(max = 4000)
        @Schema(description = "What was done for the customer", examples = "Replacement vase sent by express", required = true)
        String outcome,
        @NotBlank @Size(max = 1000)
        @Schema(description = "Why it happened", examples = "Carrier handling; packaging too thin", required = true)
        String rootCause,
        @NotNull
        @Schema(description = "Resolved at the first contact (95% of those customers buy again)", examples = "false", required = true)
        Boolean firstContactResolution,
        @PositiveOrZero @Max(1_000_000)
        @Schema(description = "Goodwill points for loyalty-service (in crm.complaint.resolved.v1)", examples = "500")
        Integer compensationPoints) {
}
