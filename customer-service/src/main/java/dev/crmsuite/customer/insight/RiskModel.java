package dev.crmsuite.customer.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How likely a customer is to be slipping away, judged against their own rhythm rather than one
 * number for everybody: a customer who buys every week and has been silent for a month is more
 * worrying than one who buys twice a year and has been silent for three months.
 *
 * <p>Recency, frequency and monetary value (RFM) describe the customer; the usual interval is the
 * median number of days between their purchase days (a median, so one long holiday does not make a
 * weekly buyer look like a monthly one), and the next purchase is expected one interval after the
 * last. Points: overdue by {@link Thresholds#mediumOverdueFactor} intervals 1, by
 * {@link Thresholds#highOverdueFactor} 2; a single purchase long ago 1; one unresolved complaint 1,
 * two or more 2; a detractor's last NPS 1. Level: 0 LOW, 1 MEDIUM, 2 or more HIGH. Each point
 * comes with its reason in words, for the account manager.
 */
public final class RiskModel {

    public enum Level {
        LOW, MEDIUM, HIGH;

        public int rank() {
            return ordinal();
        }
    }

    public record Thresholds(double mediumOverdueFactor, double highOverdueFactor, int singlePurchaseSilentDays, int detractorMaxNps) {
        public static final Thresholds DEFAULT = new Thresholds(1.5, 3, 180, 6);
    }

    /** What is known about the customer: the times of their purchases not fully refunded, in any order. */
    public record Inputs(List<OffsetDateTime> purchases, BigDecimal revenue12Months, int unresolvedComplaints, Integer lastNps) {
    }

    public record Assessment(Level level, List<String> reasons, OffsetDateTime lastPurchaseAt, Integer recencyDays,
                             int purchases12Months, BigDecimal revenue12Months, Integer usualIntervalDays,
                             OffsetDateTime expectedNextPurchaseAt, int unresolvedComplaints, Integer lastNps) {
    }

    private static final String[] WORDS = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};

    private RiskModel() {
    }

    public static Assessment assess(Inputs in, OffsetDateTime now, Thresholds t) {
        List<String> reasons = new ArrayList<>();
        int points = 0;
        OffsetDateTime last = in.purchases().stream().max(OffsetDateTime::compareTo).orElse(null);
        TreeSet<LocalDate> days = new TreeSet<>();
        in.purchases().forEach(p -> days.add(utcDay(p)));
        int purchases12Months = (int) in.purchases().stream().filter(p -> p.isAfter(now.minusMonths(12)) && !p.isAfter(now)).count();
        Integer recency = last == null ? null : (int) Math.max(0, ChronoUnit.DAYS.between(utcDay(last), utcDay(now)));
        Integer interval = usualInterval(days);
        OffsetDateTime expected = interval == null ? null : last.plusDays(interval);

        if (interval != null) {
            double overdue = (double) recency / interval;
            int rhythm = overdue >= t.highOverdueFactor() ? 2 : overdue >= t.mediumOverdueFactor() ? 1 : 0;
            if (rhythm > 0) {
                points += rhythm;
                reasons.add("no purchase for " + recency + " days, usually every " + interval);
            }
        } else if (recency != null && recency >= t.singlePurchaseSilentDays()) {
            points += 1;
            reasons.add("one purchase only, " + recency + " days ago");
        }
        if (in.unresolvedComplaints() > 0) {
            points += in.unresolvedComplaints() >= 2 ? 2 : 1;
            reasons.add(words(in.unresolvedComplaints()) + " unresolved complaint" + (in.unresolvedComplaints() == 1 ? "" : "s"));
        }
        if (in.lastNps() != null && in.lastNps() <= t.detractorMaxNps()) {
            points += 1;
            reasons.add("last NPS " + in.lastNps());
        }
        Level level = points >= 2 ? Level.HIGH : points == 1 ? Level.MEDIUM : Level.LOW;
        return new Assessment(level, List.copyOf(reasons), last, recency, purchases12Months, in.revenue12Months(), interval, expected,
                in.unresolvedComplaints(), in.lastNps());
    }

    /** Median gap in days between consecutive purchase days (half a day rounds up); null with fewer than two days. */
    static Integer usualInterval(TreeSet<LocalDate> days) {
        if (days.size() < 2) {
            return null;
        }
        List<Long> gaps = new ArrayList<>();
        LocalDate previous = null;
        for (LocalDate d : days) {
            if (previous != null) {
                gaps.add(ChronoUnit.DAYS.between(previous, d));
            }
            previous = d;
        }
        gaps.sort(Long::compare);
        int n = gaps.size();
        long twiceMedian = n % 2 == 1 ? 2 * gaps.get(n / 2) : gaps.get(n / 2 - 1) + gaps.get(n / 2);
        return (int) Math.max(1, (twiceMedian + 1) / 2);
    }

    /**
     * Whether the account manager gets a follow-up: a valuable customer (tier A or a key account) has
     * just become HIGH. Staying HIGH is the same episode (no second task); dropping below HIGH ends it.
     */
    public static boolean followUpDue(Level previous, Level now, String valueTier, String segment) {
        return now == Level.HIGH && previous != Level.HIGH && ("A".equals(valueTier) || "KEY_ACCOUNT".equals(segment));
    }

    static String words(int n) {
        return n >= 0 && n < WORDS.length ? WORDS[n] : String.valueOf(n);
    }

    private static LocalDate utcDay(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }
}
