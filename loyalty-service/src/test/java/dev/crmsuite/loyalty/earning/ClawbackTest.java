package dev.crmsuite.loyalty.earning;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ClawbackTest {

    @Test
    void takes_back_in_proportion_to_the_refund() {
        assertThat(Clawback.pointsToReverse(200, 0, new BigDecimal("200"), new BigDecimal("50"))).isEqualTo(50);
        assertThat(Clawback.pointsToReverse(125, 0, new BigDecimal("100"), new BigDecimal("40"))).isEqualTo(50);
    }

    @Test
    void partial_refunds_adding_up_to_the_whole_take_back_exactly_what_was_earned() {
        BigDecimal amount = new BigDecimal("99.99");
        long first = Clawback.pointsToReverse(99, 0, amount, new BigDecimal("33.33"));
        long second = Clawback.pointsToReverse(99, first, amount, new BigDecimal("66.66"));
        long third = Clawback.pointsToReverse(99, first + second, amount, new BigDecimal("99.99"));
        assertThat(first + second + third).isEqualTo(99);
    }

    @Test
    void never_more_than_awarded_even_when_refunds_exceed_the_purchase() {
        assertThat(Clawback.pointsToReverse(100, 0, new BigDecimal("100"), new BigDecimal("150"))).isEqualTo(100);
        assertThat(Clawback.pointsToReverse(100, 100, new BigDecimal("100"), new BigDecimal("150"))).isZero();
        assertThat(Clawback.pointsToReverse(0, 0, new BigDecimal("100"), new BigDecimal("100"))).isZero();
    }

    @Test
    void a_clawback_stops_at_zero_unless_negative_balances_are_allowed() {
        assertThat(Clawback.collectible(100, 30, false)).isEqualTo(30);
        assertThat(Clawback.collectible(100, -5, false)).isZero();
        assertThat(Clawback.collectible(100, 30, true)).isEqualTo(100);
        assertThat(Clawback.collectible(20, 30, false)).isEqualTo(20);
        assertThat(Clawback.collectible(0, 30, true)).isZero();
    }
}
