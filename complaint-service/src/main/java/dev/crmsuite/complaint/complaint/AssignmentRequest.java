package dev.crmsuite.complaint.complaint;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A (re)assignment: to a handler, to a team queue, or both. */
@Schema(name = "Assignment", description = "Give the complaint to a handler (keeping its team), to a team queue (no handler), or both")
public record AssignmentRequest(
        @Size(min = 1, max = 100) @Pattern(regexp = "[\\p{L}\\p{N} ._@'-]+", message = "must be letters, digits, spaces or . _ @ ' -")
        @Schema(description = "Dedicated handler", examples = "ben") String assignee,
        @Size(min = 1, max = 100)
        @Schema(description = "Team whose queue gets it (a configured team)", examples = "care") String team,
        @Size(max = 500) @Schema(description = "Why it moves", examples = "Ann is on leave") String reason) {
}
