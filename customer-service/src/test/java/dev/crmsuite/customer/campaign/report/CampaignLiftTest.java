package dev.crmsuite.customer.campaign.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lift statistics against an example worked by hand.
 *
 * <pre>
 * Recipients, 4 customers: purchases 2, 0, 1, 1; net revenue 100.00, 0, 50.00, 30.00
 * Holdout,    3 customers: purchases 1, 0, 0;    net revenue  40.00, 0, 0
 *
 * Purchases per customer
 *   recipients: Σx = 4, Σx² = 4+0+1+1 = 6, mean 4/4 = 1,       s² = (6 - 4²/4)/3 = 2/3 = 0.6667
 *   holdout:    Σx = 1, Σx² = 1,           mean 1/3 = 0.3333,  s² = (1 - 1²/3)/2 = 1/3 = 0.3333
 *   diff = 1 - 1/3 = 0.6667
 *   SE = sqrt(0.6667/4 + 0.3333/3) = sqrt(0.16667 + 0.11111) = sqrt(0.27778) = 0.52705
 *   95%: 0.66667 ± 1.96 · 0.52705 = 0.66667 ± 1.03301 -> [-0.3663, 1.6997]
 *
 * Net revenue per customer
 *   recipients: Σx = 180, Σx² = 10000+0+2500+900 = 13400, mean 45.00, s² = (13400 - 180²/4)/3 = 5300/3 = 1766.67
 *   holdout:    Σx = 40,  Σx² = 1600,                      mean 13.33, s² = (1600 - 40²/3)/2 = 533.33
 *   diff = 45 - 13.3333 = 31.67
 *   SE = sqrt(1766.67/4 + 533.33/3) = sqrt(441.667 + 177.778) = sqrt(619.444) = 24.8886
 *   95%: 31.6667 ± 1.96 · 24.8886 = 31.6667 ± 48.7817 -> [-17.12, 80.45]
 *
 * Conversion (bought at least once: 0/1, so Σx² = Σx)
 *   recipients: 3 of 4 = 0.75, s² = (3 - 3²/4)/3 = 0.25
 *   holdout:    1 of 3 = 0.3333, s² = (1 - 1²/3)/2 = 0.3333
 *   diff = 0.75 - 0.3333 = 0.4167
 *   SE = sqrt(0.25/4 + 0.3333/3) = sqrt(0.0625 + 0.11111) = sqrt(0.17361) = 0.41667
 *   95%: 0.41667 ± 1.96 · 0.41667 = 0.41667 ± 0.81667 -> [-0.4000, 1.2333]
 * </pre>
 */
class CampaignLiftTest {

    static final CampaignLift.GroupSums RECIPIENTS = new CampaignLift.GroupSums(4, new BigDecimal("4"), new BigDecimal("6"),
            new BigDecimal("180.00"), new BigDecimal("13400.0000"), 3);
    static final CampaignLift.GroupSums HOLDOUT = new CampaignLift.GroupSums(3, new BigDecimal("1"), new BigDecimal("1"),
            new BigDecimal("40.00"), new BigDecimal("1600.0000"), 1);

    @Test
    void the_hand_computed_example() {
        CampaignLift.Lift lift = CampaignLift.of(RECIPIENTS, HOLDOUT);

        assertThat(lift.recipients()).isEqualTo(new CampaignLift.GroupOutcome(4, new BigDecimal("1.0000"), new BigDecimal("45.00"),
                new BigDecimal("0.7500")));
        assertThat(lift.holdout()).isEqualTo(new CampaignLift.GroupOutcome(3, new BigDecimal("0.3333"), new BigDecimal("13.33"),
                new BigDecimal("0.3333")));
        assertThat(lift.purchasesPerCustomer()).isEqualTo(new CampaignLift.Difference(new BigDecimal("0.6667"),
                new BigDecimal("-0.3663"), new BigDecimal("1.6997")));
        assertThat(lift.revenuePerCustomer()).isEqualTo(new CampaignLift.Difference(new BigDecimal("31.67"),
                new BigDecimal("-17.12"), new BigDecimal("80.45")));
        assertThat(lift.conversionRate()).isEqualTo(new CampaignLift.Difference(new BigDecimal("0.4167"),
                new BigDecimal("-0.4000"), new BigDecimal("1.2333")));
    }

    @Test
    void a_group_of_one_has_a_difference_but_no_interval() {
        // holdout of one customer who bought once for 40.00: no variance to estimate
        CampaignLift.Lift lift = CampaignLift.of(RECIPIENTS, new CampaignLift.GroupSums(1, BigDecimal.ONE, BigDecimal.ONE,
                new BigDecimal("40.00"), new BigDecimal("1600.0000"), 1));
        assertThat(lift.revenuePerCustomer()).isEqualTo(new CampaignLift.Difference(new BigDecimal("5.00"), null, null));
        assertThat(lift.purchasesPerCustomer()).isEqualTo(new CampaignLift.Difference(new BigDecimal("0.0000"), null, null));
    }

    @Test
    void an_empty_group_has_no_means_and_no_difference() {
        CampaignLift.Lift lift = CampaignLift.of(RECIPIENTS, CampaignLift.GroupSums.EMPTY);
        assertThat(lift.holdout()).isEqualTo(new CampaignLift.GroupOutcome(0, null, null, null));
        assertThat(lift.revenuePerCustomer()).isEqualTo(new CampaignLift.Difference(null, null, null));
    }

    @Test
    void identical_customers_have_a_zero_width_interval() {
        // everyone bought once for 10.00: s² = (n·100 - (n·10)²/n)/(n-1) = 0
        CampaignLift.GroupSums same = new CampaignLift.GroupSums(5, new BigDecimal("5"), new BigDecimal("5"), new BigDecimal("50.00"),
                new BigDecimal("500.0000"), 5);
        CampaignLift.Lift lift = CampaignLift.of(same, same);
        assertThat(lift.revenuePerCustomer()).isEqualTo(new CampaignLift.Difference(new BigDecimal("0.00"), new BigDecimal("0.00"),
                new BigDecimal("0.00")));
    }

    @Test
    void sums_beyond_a_long_stay_exact() {
        // 3 recipients with 10^15 each, 2 holdout with 0: the squares (10^30) overflow any long or double mantissa
        BigDecimal big = new BigDecimal("1000000000000000.00");
        CampaignLift.Lift lift = CampaignLift.of(
                new CampaignLift.GroupSums(3, new BigDecimal("3"), new BigDecimal("3"), big.multiply(BigDecimal.valueOf(3)),
                        big.multiply(big).multiply(BigDecimal.valueOf(3)), 3),
                new CampaignLift.GroupSums(2, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0));
        assertThat(lift.revenuePerCustomer()).isEqualTo(new CampaignLift.Difference(new BigDecimal("1000000000000000.00"),
                new BigDecimal("1000000000000000.00"), new BigDecimal("1000000000000000.00")));
    }
}
