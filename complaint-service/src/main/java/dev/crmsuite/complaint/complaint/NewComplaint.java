package dev.crmsuite.complaint.complaint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** What a channel sends to file a complaint. */
@Schema(name = "NewComplaint", description = "A complaint to file")
public record NewComplaint(
        @NotNull
        @Schema(description = "The complaining customer. A customer not yet known from crm.customers events is accepted "
                + "(customerKnown=false) and reconciled when the customer's event arrives. A partner may name only "
                + "customers who consented to partner sharing (any other: 422 unknown-customer). Exactly 8-4-4-4-12 hex "
                + "digits: no spaces around it.",
                examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d", required = true)
        UUID customerId,
        @NotNull @Schema(description = "Where the customer complained", examples = "PHONE", required = true)
        Channel channel,
        @NotNull @Schema(description = "What it is about; sets the starting priority and the handler team", examples = "DELIVERY", required = true)
        Category category,
        @NotBlank @Size(max = 200)
        @Schema(description = "One-line summary", examples = "Parcel arrived damaged", required = true)
        String subject,
        @NotBlank @Size(max = 20000)
        @Schema(description = "The customer's account of the problem (personal text: removed on erasure)",
                examples = "The box was crushed and the vase inside is broken.", required = true)
        String description,
        @Schema(description = "Explicit priority; raises the derived priority, never lowers it", examples = "HIGH")
        Priority priority) {
}
