package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Revenue in the customer-360 value section. The projection keeps net revenue per calendar month
 * ({@code revenueByMonth}, purchases by purchase date, refunds by refund date) because "the last 12
 * months" depends on when the overview is read, which a fold over events cannot know; the answer gets
 * the 12-month sum as of the read (or of {@code asOf}) and never the buckets themselves.
 */
final class OverviewRevenue {

    static final String BUCKETS = "revenueByMonth";
    /** Months kept behind the newest one: enough for any read at or after the newest event. */
    private static final int MONTHS = 12;

    private OverviewRevenue() {
    }

    /** Adds {@code amount} (negative for a refund) to the month of {@code at}, and to the lifetime revenue. */
    static void add(ObjectNode value, BigDecimal amount, OffsetDateTime at) {
        ObjectNode buckets = value.has(BUCKETS) ? (ObjectNode) value.get(BUCKETS) : value.putObject(BUCKETS);
        String month = YearMonth.from(at.withOffsetSameInstant(ZoneOffset.UTC)).toString();
        buckets.put(month, buckets.path(month).decimalValue().add(amount));
        value.put("lifetimeRevenue", value.path("lifetimeRevenue").decimalValue().add(amount));
        // Older months can never count again once a newer one exists (reads come after the events).
        YearMonth newest = YearMonth.parse(buckets.properties().stream().map(java.util.Map.Entry::getKey).max(String::compareTo).orElseThrow());
        List<String> old = new ArrayList<>();
        buckets.fieldNames().forEachRemaining(m -> {
            if (YearMonth.parse(m).isBefore(newest.minusMonths(MONTHS))) {
                old.add(m);
            }
        });
        buckets.remove(old);
    }

    /** The answer's figures as of {@code at}: revenue12Months from the buckets, which are then left out. */
    static void asOfRead(ObjectNode overview, OffsetDateTime at) {
        if (!(overview.get("value") instanceof ObjectNode value)) {
            return;
        }
        JsonNode buckets = value.remove(BUCKETS);
        YearMonth last = YearMonth.from(at.withOffsetSameInstant(ZoneOffset.UTC));
        YearMonth first = last.minusMonths(MONTHS - 1L);
        BigDecimal sum = BigDecimal.ZERO;
        if (buckets != null) {
            for (var bucket : buckets.properties()) {
                YearMonth month = YearMonth.parse(bucket.getKey());
                if (!month.isBefore(first) && !month.isAfter(last)) {
                    sum = sum.add(bucket.getValue().decimalValue());
                }
            }
        }
        value.put("revenue12Months", sum);
        if (!value.has("lifetimeRevenue")) {
            value.put("lifetimeRevenue", BigDecimal.ZERO);
        }
    }
}
