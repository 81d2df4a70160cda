package dev.crmsuite.customer.segment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What staff decide about a customer's segment. */
@Schema(name = "SegmentationInput", description = "Staff input; a null level means: derive it from purchase behaviour")
public record SegmentationInput(
        @Schema(description = "LOW or HIGH; null to derive from the share of purchases on discount", examples = "LOW")
        Level priceSensitivity,
        @Schema(description = "LOW or HIGH; null to derive from the repeat rate", examples = "HIGH")
        Level relationshipOrientation,
        @Schema(description = "Promote to KEY_ACCOUNT (needs orientation HIGH and an account manager)", examples = "true")
        boolean keyAccount) {
}
