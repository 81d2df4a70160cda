package dev.crmsuite.customer.audience;

import dev.crmsuite.customer.lifecycle.Stage;
import dev.crmsuite.customer.segment.Segment;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The filter's validation and its translation to SQL, without Quarkus or a database. */
class AudienceFilterTest {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-01T12:00:00Z");

    static AudienceFilter filter(List<Segment> segments, List<ValueTier> tiers, List<Stage> stages, AudienceFilter.Tags tags,
                                 Map<String, String> attributes, List<LoyaltyTier> loyalty, AudienceFilter.LastPurchase last,
                                 AudienceFilter.MoneyRange ltv) {
        return new AudienceFilter(segments, tiers, stages, tags, attributes, loyalty, last, ltv);
    }

    @Test
    void the_empty_filter_holds_every_live_customer_and_binds_nothing() {
        AudienceCondition c = AudienceCondition.of(AudienceFilter.validated(null, "filter"), NOW);
        assertThat(c.sql()).isEqualTo("c.merged_into is null and c.erased_at is null");
        assertThat(c.params()).isEmpty();
        assertThat(AudienceCondition.of(AudienceFilter.validated(filter(List.of(), null, List.of(), new AudienceFilter.Tags(List.of(), null),
                Map.of(), null, new AudienceFilter.LastPurchase(null, null, null), new AudienceFilter.MoneyRange(null, null)), "filter"), NOW)
                .params()).isEmpty();
    }

    @Test
    void every_dimension_becomes_a_condition_with_its_values_bound_as_parameters() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("preferredStore", "Shanghai-3'; drop table customer; --");
        AudienceFilter f = AudienceFilter.validated(filter(List.of(Segment.RELATIONAL, Segment.KEY_ACCOUNT), List.of(ValueTier.A),
                List.of(Stage.REPEAT_BUYER), new AudienceFilter.Tags(List.of(" VIP ", "vip", "golf"), List.of("tennis")), attributes,
                List.of(LoyaltyTier.GOLD), new AudienceFilter.LastPurchase(NOW.minusDays(300), NOW.minusDays(10), 30),
                new AudienceFilter.MoneyRange(new BigDecimal("1000.00"), new BigDecimal("50000"))), "filter");
        AudienceCondition c = AudienceCondition.of(f, NOW);
        assertThat(c.sql()).isEqualTo("c.merged_into is null and c.erased_at is null"
                + " and c.segment in (?1, ?2)"
                + " and c.value_tier in (?3)"
                + " and c.stage in (?4)"
                + " and c.loyalty_tier in (?5)"
                + " and c.tags @> cast(?6 as jsonb)"
                + " and exists (select 1 from jsonb_array_elements_text(cast(?7 as jsonb)) wanted(tag) where c.tags @> jsonb_build_array(wanted.tag))"
                + " and (c.attributes ->> cast(?8 as text)) = cast(?9 as text)"
                + " and c.last_purchase_at >= ?10"
                + " and c.last_purchase_at < ?11"
                + " and (c.last_purchase_at is null or c.last_purchase_at < ?12)"
                + " and c.lifetime_value >= ?13"
                + " and c.lifetime_value <= ?14");
        assertThat(c.params()).containsExactly("RELATIONAL", "KEY_ACCOUNT", "A", "REPEAT_BUYER", "GOLD", "[\"vip\",\"golf\"]",
                "[\"tennis\"]", "preferredStore", "Shanghai-3'; drop table customer; --", NOW.minusDays(300), NOW.minusDays(10),
                NOW.minusDays(30), new BigDecimal("1000.00"), new BigDecimal("50000.00"));
        // no value ever reaches the SQL text
        assertThat(c.sql()).doesNotContain("RELATIONAL", "vip", "Shanghai", "drop table", "1000");
    }

    @Test
    void values_are_deduplicated_and_tags_trimmed_and_lower_cased() {
        AudienceFilter f = AudienceFilter.validated(filter(List.of(Segment.RELATIONAL, Segment.RELATIONAL), null, null,
                new AudienceFilter.Tags(null, List.of("Golf", "golf ")), null, null, null, null), "filter");
        assertThat(f.segments()).containsExactly(Segment.RELATIONAL);
        assertThat(f.tags().anyOf()).containsExactly("golf");
        assertThat(f.tags().allOf()).isNull();
    }

    @Test
    void inverted_ranges_are_422_naming_the_range() {
        ProblemException dates = catchThrowableOfType(ProblemException.class, () -> AudienceFilter.validated(filter(null, null, null, null,
                null, null, new AudienceFilter.LastPurchase(NOW, NOW, null), null), "filter"));
        assertThat(dates.status()).isEqualTo(422);
        assertThat(dates.slug()).isEqualTo("inverted-range");
        assertThat(dates.errors()).extracting(Problem.FieldError::field).containsExactly("filter.lastPurchase");

        ProblemException money = catchThrowableOfType(ProblemException.class, () -> AudienceFilter.validated(filter(null, null, null, null,
                null, null, null, new AudienceFilter.MoneyRange(new BigDecimal("10"), new BigDecimal("9.99"))), "filter"));
        assertThat(money.status()).isEqualTo(422);
        assertThat(money.errors()).extracting(Problem.FieldError::field).containsExactly("filter.lifetimeValue");
        // equal bounds are one value, not an inverted range
        assertThat(AudienceFilter.validated(filter(null, null, null, null, null, null, null,
                new AudienceFilter.MoneyRange(new BigDecimal("10"), new BigDecimal("10.00"))), "filter").lifetimeValue()).isNotNull();
    }

    @Test
    void malformed_values_are_400_naming_each_field() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("bad key!", "x");
        attributes.put("long", "x".repeat(201));
        attributes.put("nothing", null);
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> AudienceFilter.validated(filter(
                Collections.singletonList(null), null, null,
                new AudienceFilter.Tags(IntStream.range(0, 21).mapToObj(i -> "t" + i).toList(), List.of("ok", "no<script>", "")),
                attributes, null, new AudienceFilter.LastPurchase(null, null, 0),
                new AudienceFilter.MoneyRange(new BigDecimal("-1"), new BigDecimal("0.001"))), "filter"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).extracting(Problem.FieldError::field).containsExactlyInAnyOrder("filter.segments", "filter.tags.allOf",
                "filter.tags.anyOf[1]", "filter.tags.anyOf[2]", "filter.attributes", "filter.attributes.long", "filter.attributes.nothing",
                "filter.lastPurchase.noneInLastDays", "filter.lifetimeValue.min", "filter.lifetimeValue.max");
    }

    @Test
    void too_many_attributes_and_too_large_amounts_are_refused() {
        Map<String, String> many = new LinkedHashMap<>();
        IntStream.range(0, 11).forEach(i -> many.put("k" + i, "v"));
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> AudienceFilter.validated(filter(null, null, null, null,
                many, null, null, new AudienceFilter.MoneyRange(null, new BigDecimal("1000000000000"))), "filter"));
        assertThat(e.errors()).extracting(Problem.FieldError::field).containsExactlyInAnyOrder("filter.attributes", "filter.lifetimeValue.max");
        assertThat(AudienceFilter.validated(filter(null, null, null, null, null, null, new AudienceFilter.LastPurchase(null, null, 3650),
                new AudienceFilter.MoneyRange(BigDecimal.ZERO, new BigDecimal("999999999999.99"))), "filter").lastPurchase().noneInLastDays())
                .isEqualTo(3650);
    }
}
