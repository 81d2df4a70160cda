package dev.crmsuite.customer.audience;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** API records of audiences. */
public final class AudienceModels {

    private AudienceModels() {
    }

    @Schema(name = "NewAudience", description = "A saved, named filter over customers (also the target of merge patches)")
    public record NewAudience(
            @NotBlank @Size(max = 100)
            @Schema(description = "Unique among live audiences, case-insensitively", examples = "Lapsed gold members", required = true)
            String name,
            @Size(max = 1000) @Schema(examples = "Gold and platinum members who bought in the last year, but not in the last 90 days")
            String description,
            @Valid @Schema(description = "Who the audience holds; absent: every customer") AudienceFilter filter) {
    }

    @Schema(name = "Audience", description = "A saved, named filter; evaluated each time it is used (a campaign run, a preview), never frozen")
    public record AudienceView(
            @Schema(examples = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b") UUID id,
            @Schema(examples = "Lapsed gold members") String name,
            String description,
            AudienceFilter filter,
            @Schema(description = "Who created it", examples = "zhang.min") String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            @Schema(description = "Row version; also sent as the ETag header", examples = "0") long version) {
    }

    @Schema(name = "AudiencePreview", description = "Who the audience holds right now: how many, and the first of them by customer id")
    public record Preview(
            @Schema(description = "How many customers the audience holds now", examples = "1250") long count,
            @Schema(description = "The first `limit` of them, by customer id", maxItems = 200) List<PreviewMember> members) {
    }

    @Schema(name = "AudiencePreviewMember", description = "A customer the audience holds")
    public record PreviewMember(
            @Schema(examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d") UUID id,
            @Schema(examples = "Li Wei") String displayName,
            @Schema(description = "Absent until known", examples = "RELATIONAL") String segment,
            @Schema(description = "Absent until the first ranking", examples = "A") String valueTier,
            @Schema(examples = "REPEAT_BUYER") String stage,
            @Schema(description = "Absent for customers outside the club", examples = "GOLD") String loyaltyTier) {
    }
}
