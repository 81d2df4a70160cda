package dev.crmsuite.loyalty.earning;

import dev.crmsuite.loyalty.ledger.PointsLimits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A time-boxed bonus, e.g. double points in December, optionally only for one customer segment. */
@Schema(name = "Campaign", description = "A time-boxed points multiplier; campaigns do not stack, the highest applicable one counts")
public record Campaign(
        @NotBlank @Size(max = 60) @Schema(examples = "XMAS-DOUBLE", required = true) String code,
        @NotNull @Schema(description = "First day (UTC), inclusive", examples = "2026-12-01", required = true) LocalDate startsOn,
        @NotNull @Schema(description = "Last day (UTC), inclusive", examples = "2026-12-24", required = true) LocalDate endsOn,
        @NotNull @DecimalMin("1.0") @DecimalMax(PointsLimits.MAX_RATE) @Schema(description = "Multiplier on the points of the purchase, at most 1000", examples = "2.0", required = true) BigDecimal multiplier,
        @Size(max = 40) @Schema(description = "Only purchases of customers in this segment; all when absent", examples = "RELATIONAL") String segment) {

    boolean appliesTo(LocalDate day, String customerSegment) {
        return !day.isBefore(startsOn) && !day.isAfter(endsOn)
                && (segment == null || segment.equalsIgnoreCase(String.valueOf(customerSegment)));
    }
}
