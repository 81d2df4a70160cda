package dev.crmsuite.customer.segment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a segment is served: part of the read model so every channel treats the customer alike. */
@Schema(name = "ServicePolicy", description = "How customers of this segment are served")
public record ServicePolicy(
        @Schema(description = "Who serves them", examples = "senior staff") String servedBy,
        @Schema(description = "Channel to use", examples = "personal contact") String channel,
        @Schema(description = "Whether extra investment (benefits, events) is made", examples = "true") boolean extraInvestment,
        @Schema(description = "Levels added to the priority of this customer's complaints", examples = "1") int complaintPriorityBoost) {
}
