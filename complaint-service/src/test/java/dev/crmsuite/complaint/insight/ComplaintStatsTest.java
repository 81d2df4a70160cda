package dev.crmsuite.complaint.insight;

import dev.crmsuite.complaint.sla.BusinessCalendar;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ComplaintStatsTest {

    final ComplaintStats stats = new ComplaintStats(new BusinessCalendar(ZoneOffset.UTC,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of()));

    static Instant mon(int hour) {
        return Instant.parse("2026-11-23T00:00:00Z").plusSeconds(hour * 3600L);
    }

    @Test
    void nearest_rank_percentiles() {
        assertThat(ComplaintStats.percentile(new double[] {1.0, 2.0, 3.0, 4.0}, 50)).isEqualTo(2.0);
        assertThat(ComplaintStats.percentile(new double[] {1.0, 2.0, 3.0, 4.0}, 90)).isEqualTo(4.0);
        assertThat(ComplaintStats.percentile(new double[] {5.0}, 90)).isEqualTo(5.0);
        assertThat(ComplaintStats.percentile(new double[0], 50)).isNull();
    }

    @Test
    void a_known_set() {
        List<ComplaintStats.Facts> facts = List.of(
                new ComplaintStats.Facts("PRODUCT", "PHONE", null, "ann", mon(9), mon(10), mon(12), 0, true, false, 1, List.of("product-idea")),
                new ComplaintStats.Facts("PRODUCT", "EMAIL", "KEY_ACCOUNT", "ben", mon(9), mon(11), mon(16), 3 * 3600, false, false, 0,
                        List.of("product-idea", "process-fix")),
                new ComplaintStats.Facts("BILLING", "WEB", null, null, mon(9), null, null, 0, null, true, 0, List.of()));
        ComplaintStats.Group all = stats.compute(facts, null).getFirst();
        assertThat(all.key()).isEqualTo("all");
        assertThat(all.volume()).isEqualTo(3);
        assertThat(all.resolved()).isEqualTo(2);
        // The one flagged first-contact was reopened: it never counts, whatever its flag says.
        assertThat(all.firstContactResolutionPercent()).isEqualByComparingTo("0.0");
        assertThat(all.medianHoursToFirstResponse()).isEqualByComparingTo("1");
        assertThat(all.p90HoursToFirstResponse()).isEqualByComparingTo("2");
        assertThat(all.medianHoursToResolution()).isEqualByComparingTo("3");
        assertThat(all.p90HoursToResolution()).isEqualByComparingTo("4");
        assertThat(all.deadlineCompliancePercent()).isEqualByComparingTo(new BigDecimal("66.7"));
        assertThat(all.reopenPercent()).isEqualByComparingTo("50.0");
        assertThat(all.topTags()).containsExactly(new ComplaintStats.TagCount("product-idea", 2), new ComplaintStats.TagCount("process-fix", 1));

        List<ComplaintStats.Group> bySegment = stats.compute(facts, ComplaintStats.GroupBy.SEGMENT);
        assertThat(bySegment).extracting(ComplaintStats.Group::key).containsExactly("KEY_ACCOUNT", "UNKNOWN");
        List<ComplaintStats.Group> byAssignee = stats.compute(facts, ComplaintStats.GroupBy.ASSIGNEE);
        assertThat(byAssignee).extracting(ComplaintStats.Group::key).containsExactly("UNASSIGNED", "ann", "ben");
        ComplaintStats.Group billing = stats.compute(facts, ComplaintStats.GroupBy.CATEGORY).getFirst();
        assertThat(billing.key()).isEqualTo("BILLING");
        assertThat(billing.firstContactResolutionPercent()).as("nothing resolved: no rate").isNull();
        assertThat(billing.deadlineCompliancePercent()).isEqualByComparingTo("0.0");
    }
}
