package dev.crmsuite.loyalty.earning;

import dev.crmsuite.loyalty.tier.Tier;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PointsCalculatorTest {

    static final RuleDefinition RULES = new RuleDefinition(BigDecimal.ONE, new BigDecimal("10.00"),
            Map.of(Tier.SILVER, new BigDecimal("1.25"), Tier.GOLD, new BigDecimal("1.5")),
            List.of(new Campaign("XMAS", LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-24"), new BigDecimal("2"), null),
                    new Campaign("R-TRIPLE", LocalDate.parse("2026-12-20"), LocalDate.parse("2026-12-31"), new BigDecimal("3"), "RELATIONAL")),
            null);

    static PointsCalculator.Result calc(String amount, String at, Tier tier, String segment) {
        return PointsCalculator.calculate(RULES, new PointsCalculator.Purchase(new BigDecimal(amount), OffsetDateTime.parse(at), tier, segment));
    }

    @Test
    void one_point_per_unit_rounded_down() {
        assertThat(calc("120.99", "2026-11-01T10:00:00Z", Tier.MEMBER, null).points()).isEqualTo(120);
    }

    @Test
    void below_the_minimum_purchase_earns_nothing() {
        var result = calc("9.99", "2026-11-01T10:00:00Z", Tier.GOLD, null);
        assertThat(result.points()).isZero();
        assertThat(result.belowMinimum()).isTrue();
    }

    @Test
    void tier_multiplier_applies() {
        assertThat(calc("100", "2026-11-01T10:00:00Z", Tier.SILVER, null).points()).isEqualTo(125);
        assertThat(calc("100", "2026-11-01T10:00:00Z", Tier.PLATINUM, null).points()).isEqualTo(100); // not listed: x1
    }

    @Test
    void campaigns_apply_inside_their_dates_and_segment_and_do_not_stack() {
        assertThat(calc("100", "2026-12-01T00:00:00Z", Tier.MEMBER, null).points()).isEqualTo(200);
        assertThat(calc("100", "2026-12-25T00:00:00Z", Tier.MEMBER, null).points()).isEqualTo(100); // XMAS over, not RELATIONAL
        var both = calc("100", "2026-12-22T12:00:00Z", Tier.GOLD, "RELATIONAL");
        assertThat(both.points()).isEqualTo(450); // 100 x 1.5 x 3, not x 2 x 3
        assertThat(both.campaigns()).containsExactly("R-TRIPLE");
        assertThat(calc("100", "2026-11-30T23:59:59Z", Tier.MEMBER, null).points()).isEqualTo(100);
    }

    @Test
    void an_attended_event_earns_the_flat_points_of_the_rule_and_nothing_without_one() {
        assertThat(RULES.attendancePoints()).isZero();
        RuleDefinition withAttendance = new RuleDefinition(BigDecimal.ONE, BigDecimal.ZERO, Map.of(), List.of(),
                new EventAttendanceRule(50L));
        assertThat(withAttendance.attendancePoints()).isEqualTo(50);
        assertThat(EventAttendanceRule.MAX_POINTS_PER_EVENT).isLessThanOrEqualTo(dev.crmsuite.loyalty.ledger.PointsLimits.MAX_POINTS);
    }
}
