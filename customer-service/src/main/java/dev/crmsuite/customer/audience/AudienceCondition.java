package dev.crmsuite.customer.audience;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link AudienceFilter} as a SQL condition on {@code customer c}: the text holds only column
 * names, operators and positional placeholders ({@code ?1}, {@code ?2}...); every value the filter
 * carries is a bind parameter, in {@link #params} order. Always excludes merged-away and erased
 * customers: they are in no audience.
 *
 * @param sql    a boolean expression over {@code c}
 * @param params the values of {@code ?1..?n}
 */
public record AudienceCondition(String sql, List<Object> params) {

    /** Who is never in an audience: customers merged into another one, and erased ones. */
    static final String LIVE = "c.merged_into is null and c.erased_at is null";

    /**
     * The condition for {@code filter} (already {@linkplain AudienceFilter#validated validated}),
     * with {@code now} the time relative dimensions ("no purchase in the last N days") count from.
     */
    public static AudienceCondition of(AudienceFilter filter, OffsetDateTime now) {
        Builder b = new Builder();
        b.sql.append(LIVE);
        AudienceFilter f = filter == null ? AudienceFilter.empty() : filter;
        b.oneOf("c.segment", names(f.segments()));
        b.oneOf("c.value_tier", names(f.valueTiers()));
        b.oneOf("c.stage", names(f.stages()));
        b.oneOf("c.loyalty_tier", names(f.loyaltyTiers()));
        if (f.tags() != null && f.tags().allOf() != null && !f.tags().allOf().isEmpty()) {
            // jsonb containment: served by the GIN index on tags
            b.and("c.tags @> cast(" + b.param(jsonArray(f.tags().allOf())) + " as jsonb)");
        }
        if (f.tags() != null && f.tags().anyOf() != null && !f.tags().anyOf().isEmpty()) {
            b.and("exists (select 1 from jsonb_array_elements_text(cast(" + b.param(jsonArray(f.tags().anyOf()))
                    + " as jsonb)) wanted(tag) where c.tags @> jsonb_build_array(wanted.tag))");
        }
        if (f.attributes() != null) {
            for (Map.Entry<String, String> a : f.attributes().entrySet()) {
                // ->> reads the member as text: 3 and "3" both match "3"
                b.and("(c.attributes ->> cast(" + b.param(a.getKey()) + " as text)) = cast(" + b.param(a.getValue()) + " as text)");
            }
        }
        if (f.lastPurchase() != null) {
            AudienceFilter.LastPurchase lp = f.lastPurchase();
            if (lp.after() != null) {
                b.and("c.last_purchase_at >= " + b.param(lp.after()));
            }
            if (lp.before() != null) {
                b.and("c.last_purchase_at < " + b.param(lp.before()));
            }
            if (lp.noneInLastDays() != null) {
                b.and("(c.last_purchase_at is null or c.last_purchase_at < " + b.param(now.minusDays(lp.noneInLastDays())) + ")");
            }
        }
        if (f.lifetimeValue() != null) {
            if (f.lifetimeValue().min() != null) {
                b.and("c.lifetime_value >= " + b.param(f.lifetimeValue().min()));
            }
            if (f.lifetimeValue().max() != null) {
                b.and("c.lifetime_value <= " + b.param(f.lifetimeValue().max()));
            }
        }
        return new AudienceCondition(b.sql.toString(), List.copyOf(b.params));
    }

    private static final class Builder {
        final StringBuilder sql = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        /** Adds a value and answers its placeholder. */
        String param(Object value) {
            params.add(value);
            return "?" + params.size();
        }

        void and(String condition) {
            sql.append(" and ").append(condition);
        }

        void oneOf(String column, List<String> values) {
            if (values.isEmpty()) {
                return;
            }
            List<String> placeholders = values.stream().map(this::param).toList();
            and(column + " in (" + String.join(", ", placeholders) + ")");
        }
    }

    private static <E extends Enum<E>> List<String> names(List<E> values) {
        return values == null ? List.of() : values.stream().map(Enum::name).toList();
    }

    private static String jsonArray(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array.toString();
    }
}
