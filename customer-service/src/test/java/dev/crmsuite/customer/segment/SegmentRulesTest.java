package dev.crmsuite.customer.segment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The segment table of the domain brief, rule by rule. */
class SegmentRulesTest {

    @Test
    void price_sensitivity_times_relationship_orientation() {
        assertThat(SegmentRules.segment(Level.HIGH, Level.LOW, false, false, false)).isEqualTo(Segment.TRANSACTIONAL);
        assertThat(SegmentRules.segment(Level.LOW, Level.LOW, false, false, false)).isEqualTo(Segment.INDIFFERENT);
        assertThat(SegmentRules.segment(Level.HIGH, Level.HIGH, false, false, false)).isEqualTo(Segment.RELATIONAL);
        assertThat(SegmentRules.segment(Level.LOW, Level.HIGH, false, false, false)).isEqualTo(Segment.RELATIONAL);
        assertThat(SegmentRules.segment(null, Level.HIGH, false, false, false)).isEqualTo(Segment.RELATIONAL);
        assertThat(SegmentRules.segment(null, Level.LOW, false, false, false)).isNull();
        assertThat(SegmentRules.segment(Level.HIGH, null, true, true, true)).isNull();
    }

    @Test
    void key_accounts_come_from_relational_customers_with_an_account_manager() {
        assertThat(SegmentRules.segment(Level.LOW, Level.HIGH, true, false, true)).isEqualTo(Segment.KEY_ACCOUNT);
        assertThat(SegmentRules.segment(Level.LOW, Level.HIGH, false, true, true)).isEqualTo(Segment.KEY_ACCOUNT);
        assertThat(SegmentRules.segment(Level.LOW, Level.HIGH, true, true, false)).isEqualTo(Segment.RELATIONAL);
        assertThat(SegmentRules.segment(Level.LOW, Level.LOW, true, true, true)).isEqualTo(Segment.INDIFFERENT);
    }

    @Test
    void levels_are_derived_only_from_enough_purchases() {
        assertThat(SegmentRules.priceSensitivity(2, 2, 3, 0.5)).isNull();
        assertThat(SegmentRules.priceSensitivity(4, 2, 3, 0.5)).isEqualTo(Level.HIGH);
        assertThat(SegmentRules.priceSensitivity(4, 1, 3, 0.5)).isEqualTo(Level.LOW);
        assertThat(SegmentRules.relationshipOrientation(2, 2, 3, 4)).isNull();
        assertThat(SegmentRules.relationshipOrientation(10, 4, 3, 4)).isEqualTo(Level.HIGH);
        assertThat(SegmentRules.relationshipOrientation(10, 3, 3, 4)).isEqualTo(Level.LOW);
    }
}
