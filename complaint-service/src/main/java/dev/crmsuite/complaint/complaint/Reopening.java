package dev.crmsuite.complaint.complaint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Reopening", description = "Why a resolved or closed complaint is reopened")
public record Reopening(
        @NotBlank @Size(max = 1000)
        @Schema(description = "Reason, e.g. what the customer reported", examples = "Replacement also arrived broken", required = true)
        String reason) {
}
