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
        String oldest = newest.minusMonths(MONTHS).toString();
        List<String> old = new ArrayList<>();
        buckets.fieldNames().forEachRemaining(m -> {
            if (before(m, oldest)) {
                old.add(m);
            }
        });
        buckets.remove(old);
    }

    /**
     * Whether the bucket {@code month} (a {@link YearMonth#toString()}) comes before {@code other}.
     * Months of years 0000-9999 ("2026-09") are ordered as their text, without parsing: parsing every
     * bucket was 1.2% of the gateway's CPU per customer-360 read (JFR, 2026-12-05). Others are parsed.
     */
    static boolean before(String month, String other) {
        if (month.length() == 7 && other.length() == 7 && month.charAt(4) == '-' && other.charAt(4) == '-') {
            return month.compareTo(other) < 0;
        }
        return YearMonth.parse(month).isBefore(YearMonth.parse(other));
    }

    /** The answer's figures as of {@code at}: revenue12Months from the buckets, which are then left out. */
    static void asOfRead(ObjectNode overview, OffsetDateTime at) {
        if (!(overview.get("value") instanceof ObjectNode value)) {
            return;
        }
        JsonNode buckets = value.remove(BUCKETS);
        YearMonth last = YearMonth.from(at.withOffsetSameInstant(ZoneOffset.UTC));
        String first = last.minusMonths(MONTHS - 1L).toString();
        String next = last.plusMonths(1).toString();
        BigDecimal sum = BigDecimal.ZERO;
        if (buckets != null) {
            for (var bucket : buckets.properties()) {
                if (!before(bucket.getKey(), first) && before(bucket.getKey(), next)) {
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
