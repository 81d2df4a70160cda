package dev.crmsuite.complaint.insight;

import dev.crmsuite.complaint.sla.BusinessCalendar;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

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
        Tally tally = tally(groupBy);
        facts.forEach(tally::add);
        return tally.groups();
    }

    /** Statistics fed one complaint at a time (see {@link Tally}). */
    public Tally tally(GroupBy groupBy) {
        return new Tally(groupBy);
    }

    /**
     * The counts and the hour values the percentiles need, fed one complaint at a time: a year of a
     * large company's complaints is kept as two doubles each, not as the complaints.
     */
    public final class Tally {
        private final Function<Facts, String> key;
        private final Map<String, GroupTally> groups = new TreeMap<>();

        private Tally(GroupBy groupBy) {
            this.key = groupBy == null ? f -> "all" : switch (groupBy) {
                case CATEGORY -> Facts::category;
                case CHANNEL -> Facts::channel;
                case SEGMENT -> f -> f.segment() == null ? "UNKNOWN" : f.segment();
                case ASSIGNEE -> f -> f.assignee() == null ? "UNASSIGNED" : f.assignee();
            };
            if (groupBy == null) {
                groups.put("all", new GroupTally());
            }
        }

        public void add(Facts f) {
            groups.computeIfAbsent(key.apply(f), k -> new GroupTally()).add(f);
        }

        public List<Group> groups() {
            List<Group> out = new ArrayList<>();
            groups.forEach((k, v) -> out.add(v.group(k)));
            return out;
        }
    }

    private final class GroupTally {
        private long volume;
        private long resolved;
        private long fcr;
        private long decided;
        private long compliant;
        private long reopened;
        private final Hours firstResponse = new Hours();
        private final Hours resolution = new Hours();
        private final Map<String, Long> tags = new HashMap<>();

        void add(Facts f) {
            volume++;
            if (f.resolvedAt() != null) {
                resolved++;
                // A reopened complaint never counts as resolved at first contact, whatever its flag says.
                fcr += f.reopenCount() == 0 && Boolean.TRUE.equals(f.firstContactResolution()) ? 1 : 0;
                reopened += f.reopenCount() > 0 ? 1 : 0;
                resolution.add(Math.max(0, hours(calendar.between(f.filedAt(), f.resolvedAt()).minusSeconds(f.pausedSeconds()))));
            }
            if (f.acknowledgedAt() != null) {
                firstResponse.add(hours(calendar.between(f.filedAt(), f.acknowledgedAt())));
            }
            if (f.resolvedAt() != null || f.breached()) {
                decided++;
                compliant += f.resolvedAt() != null && !f.breached() ? 1 : 0;
            }
            f.tags().forEach(t -> tags.merge(t, 1L, Long::sum));
        }

        Group group(String key) {
            List<TagCount> top = tags.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                            .thenComparing(Map.Entry::getKey))
                    .limit(5).map(e -> new TagCount(e.getKey(), e.getValue())).toList();
            double[] first = firstResponse.sorted();
            double[] resolve = resolution.sorted();
            return new Group(key, volume, resolved, percent(fcr, resolved),
                    round(percentile(first, 50), 2), round(percentile(first, 90), 2),
                    round(percentile(resolve, 50), 2), round(percentile(resolve, 90), 2),
                    percent(compliant, decided), percent(reopened, resolved), top);
        }
    }

    /** A growable array of hours (8 bytes each, where a boxed list would take about 24). */
    private static final class Hours {
        private double[] values = new double[16];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] sorted() {
            double[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }

    /** Nearest-rank percentile of sorted values; null when there are none. */
    static Double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
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
