package dev.crmsuite.complaint.escalation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why staff escalate a complaint by hand (control characters are refused for every request text). */
@Schema(name = "ManualEscalation", description = "Why a complaint is escalated by hand, ahead of any missed deadline")
public record ManualEscalation(
        @NotBlank @Size(min = 1, max = 500)
        @Schema(description = "Reason, 1 to 500 characters; recorded as the escalation's reason with who escalated",
                examples = "Customer threatens to cancel the contract", required = true, minLength = 1, maxLength = 500)
        String reason) {
}
