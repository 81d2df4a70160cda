package dev.crmsuite.complaint.insight;

import dev.crmsuite.complaint.sla.BusinessCalendar;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Complaint statistics over a set of complaints, as plain arithmetic (unit-testable). Definitions:
 * <ul>
 * <li>volume: complaints filed in the range;</li>
 * <li>first-contact resolution %: of the resolved ones, those resolved at first contact and never reopened;</li>
 * <li>time to first response: filing → acknowledgement, business hours;</li>
 * <li>time to resolution: filing → (latest) resolution, business hours, minus the clock pauses
 *     while waiting on the customer;</li>
 * <li>median and p90 by nearest rank (the smallest value with at least 50% / 90% of values at or below it);</li>
 * <li>deadline compliance %: of the complaints whose outcome is decided (resolved, or a deadline
 *     breached), those resolved without any breach;</li>
 * <li>reopen %: of the complaints ever resolved, those reopened at least once;</li>
 * <li>top tags: the five most used tags, ties by name.</li>
 * </ul>
 * A rate or time with nothing to measure is null, not zero.
 */
public final class ComplaintStats {

    public enum GroupBy { CATEGORY, CHANNEL, SEGMENT, ASSIGNEE }

    public record Facts(String category, String channel, String segment, String assignee, Instant filedAt,
                        Instant acknowledgedAt, Instant resolvedAt, long pausedSeconds, Boolean firstContactResolution,
                        boolean breached, int reopenCount, List<String> tags) {
    }

    @Schema(name = "TagCount")
    public record TagCount(String tag, long count) {
    }

    @Schema(name = "ComplaintStatsGroup", description = "Statistics of one group (or of all complaints without groupBy)")
    public record Group(
            @Schema(description = "Group key (category, channel, segment or assignee); 'all' without groupBy", examples = "DELIVERY") String key,
            @Schema(examples = "42") long volume,
            @Schema(examples = "30") long resolved,
            @Schema(description = "Percent of resolved complaints resolved at first contact", examples = "40.0") BigDecimal firstContactResolutionPercent,
            @Schema(description = "Business hours", examples = "1.5") BigDecimal medianHoursToFirstResponse,
            @Schema(description = "Business hours", examples = "6.0") BigDecimal p90HoursToFirstResponse,
            @Schema(description = "Business hours, pauses excluded", examples = "12.0") BigDecimal medianHoursToResolution,
            @Schema(description = "Business hours, pauses excluded", examples = "30.0") BigDecimal p90HoursToResolution,
            @Schema(description = "Percent of decided complaints that met every deadline", examples = "87.5") BigDecimal deadlineCompliancePercent,
            @Schema(description = "Percent of resolved complaints reopened", examples = "5.0") BigDecimal reopenPercent,
            List<TagCount> topTags) {
    }

    private final BusinessCalendar calendar;

    public ComplaintStats(BusinessCalendar calendar) {
        this.calendar = calendar;
    }

    public List<Group> compute(List<Facts> facts, GroupBy groupBy) {
        if (groupBy == null) {
            return List.of(group("all", facts));
        }
        Function<Facts, String> key = switch (groupBy) {
            case CATEGORY -> Facts::category;
            case CHANNEL -> Facts::channel;
            case SEGMENT -> f -> f.segment() == null ? "UNKNOWN" : f.segment();
            case ASSIGNEE -> f -> f.assignee() == null ? "UNASSIGNED" : f.assignee();
        };
        Map<String, List<Facts>> groups = facts.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
        List<Group> out = new ArrayList<>();
        groups.forEach((k, v) -> out.add(group(k, v)));
        return out;
    }

    Group group(String key, List<Facts> facts) {
        List<Facts> resolved = facts.stream().filter(f -> f.resolvedAt() != null).toList();
        // A reopened complaint never counts as resolved at first contact, whatever its flag says.
        long fcr = resolved.stream().filter(f -> f.reopenCount() == 0 && Boolean.TRUE.equals(f.firstContactResolution())).count();
        List<Double> firstResponse = facts.stream().filter(f -> f.acknowledgedAt() != null)
                .map(f -> hours(calendar.between(f.filedAt(), f.acknowledgedAt()))).sorted().toList();
        List<Double> resolution = resolved.stream()
                .map(f -> hours(calendar.between(f.filedAt(), f.resolvedAt()).minusSeconds(f.pausedSeconds())))
                .map(h -> Math.max(0, h)).sorted().toList();
        List<Facts> decided = facts.stream().filter(f -> f.resolvedAt() != null || f.breached()).toList();
        long compliant = decided.stream().filter(f -> f.resolvedAt() != null && !f.breached()).count();
        long reopened = resolved.stream().filter(f -> f.reopenCount() > 0).count();
        Map<String, Long> tagCounts = facts.stream().flatMap(f -> f.tags().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<TagCount> top = tagCounts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(5).map(e -> new TagCount(e.getKey(), e.getValue())).toList();
        return new Group(key, facts.size(), resolved.size(), percent(fcr, resolved.size()),
                round(percentile(firstResponse, 50), 2), round(percentile(firstResponse, 90), 2),
                round(percentile(resolution, 50), 2), round(percentile(resolution, 90), 2),
                percent(compliant, decided.size()), percent(reopened, resolved.size()), top);
    }

    /** Nearest-rank percentile of sorted values; null when there are none. */
    static Double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double hours(Duration d) {
        return d.toNanos() / 3_600_000_000_000.0;
    }

    private static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : round(100.0 * part / whole, 1);
    }

    private static BigDecimal round(Double value, int scale) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }
}
