package dev.crmsuite.survey.score;

import dev.crmsuite.survey.survey.QuestionType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Satisfaction arithmetic, free of Quarkus and SQL so it is unit-tested on known sets:
 * NPS = % promoters (9-10) minus % detractors (0-6); CSAT = % of answers 4-5; CES and ratings
 * are plain averages. Percentages and averages are rounded half-up to one decimal; a measure
 * nobody answered is null, never 0.
 *
 * <p>The input is already counted by the database: how many answers of each score value each
 * group of responses (time bucket x segment x value tier x stage x loyalty tier) gave, and how many
 * responses each group holds. So a report costs the same for ten responses or ten million.
 */
public final class ScoreMath {

    private ScoreMath() {
    }

    /** What responses are cut by: the time bucket and the customer's attributes at answer time. */
    public interface Group {
        LocalDate bucketStart();

        String segment();

        String valueTier();

        String stage();

        String loyaltyTier();
    }

    /** {@code answers} answers with this {@code score} to one scale question, within one group. */
    public record Tally(LocalDate bucketStart, String segment, String valueTier, String stage, String loyaltyTier,
                        QuestionType type, String questionKey, String dimension, int score, long answers) implements Group {
    }

    /** How many responses one group holds (including those that answered no scale question). */
    public record ResponseCount(LocalDate bucketStart, String segment, String valueTier, String stage, String loyaltyTier,
                                long responses, long anonymous) implements Group {
        /** A group of named responses only. */
        public ResponseCount(LocalDate bucketStart, String segment, String valueTier, String stage, String loyaltyTier, long responses) {
            this(bucketStart, segment, valueTier, stage, loyaltyTier, responses, 0);
        }
    }

    public static BigDecimal nps(long promoters, long detractors, long answers) {
        return answers == 0 ? null : percent(promoters - detractors, answers);
    }

    public static BigDecimal csat(long satisfied, long answers) {
        return answers == 0 ? null : percent(satisfied, answers);
    }

    public static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    public static BigDecimal average(long sum, long count) {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
    }

    /** The scores of a set of tallies and the responses they came from. */
    public static Scores scores(Collection<Tally> tallies, Collection<ResponseCount> responses) {
        long promoters = 0, passives = 0, detractors = 0, satisfied = 0, csatCount = 0, cesSum = 0, cesCount = 0;
        Map<String, long[]> dimensions = new TreeMap<>();
        Map<String, long[]> questions = new TreeMap<>();
        for (Tally t : tallies) {
            int v = t.score();
            long n = t.answers();
            switch (t.type()) {
                case NPS -> {
                    if (v >= 9) {
                        promoters += n;
                    } else if (v >= 7) {
                        passives += n;
                    } else {
                        detractors += n;
                    }
                }
                case CSAT -> {
                    csatCount += n;
                    if (v >= 4) {
                        satisfied += n;
                    }
                }
                case CES -> {
                    cesSum += (long) v * n;
                    cesCount += n;
                }
                case RATING -> add(dimensions, t.dimension(), v, n);
                default -> {
                }
            }
            add(questions, t.questionKey(), v, n);
        }
        long npsCount = promoters + passives + detractors;
        return new Scores(responses.stream().mapToLong(ResponseCount::responses).sum(),
                new Scores.Nps(nps(promoters, detractors, npsCount), promoters, passives, detractors, npsCount),
                new Scores.Csat(csat(satisfied, csatCount), satisfied, csatCount),
                new Scores.Average(average(cesSum, cesCount), cesCount),
                averages(dimensions), averages(questions), false);
    }

    /**
     * The scores of a whole set, or {@link Scores#suppressedSet()} when it holds anonymous answers and
     * fewer than {@code minimumGroup} responses (the rule of {@link ChoiceDistributions#tooSmall}).
     */
    public static Scores scores(Collection<Tally> tallies, Collection<ResponseCount> responses, int minimumGroup) {
        long total = responses.stream().mapToLong(ResponseCount::responses).sum();
        long anonymous = responses.stream().mapToLong(ResponseCount::anonymous).sum();
        return ChoiceDistributions.tooSmall(total, anonymous, minimumGroup) ? Scores.suppressedSet() : scores(tallies, responses);
    }

    /** Time buckets of a trend line. */
    public enum Bucket {
        MONTH, WEEK;

        /** Start of the bucket holding {@code at} (UTC); the database computes the same with date_trunc. */
        public LocalDate start(Instant at) {
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            return this == MONTH ? day.withDayOfMonth(1) : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }

        public String label(LocalDate start) {
            return this == MONTH ? start.toString().substring(0, 7)
                    : "%d-W%02d".formatted(start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }

        /** The unit PostgreSQL's date_trunc takes. */
        public String sqlUnit() {
            return this == MONTH ? "month" : "week";
        }
    }

    /** Scores per time bucket, oldest first; buckets without responses are left out. */
    public static List<Scores.Period> trend(Collection<Tally> tallies, Collection<ResponseCount> responses, Bucket bucket) {
        return trend(tallies, responses, bucket, 1);
    }

    /** Scores per time bucket, with the small buckets holding anonymous answers suppressed as in {@link #by(Collection, Collection, Function, int)}. */
    public static List<Scores.Period> trend(Collection<Tally> tallies, Collection<ResponseCount> responses, Bucket bucket,
                                            int minimumGroup) {
        List<Scores.Period> out = new ArrayList<>();
        by(tallies, responses, g -> g.bucketStart().toString(), minimumGroup)
                .forEach((start, scores) -> out.add(new Scores.Period(bucket.label(LocalDate.parse(start)), LocalDate.parse(start), scores)));
        return out;
    }

    /** Scores per value of an attribute (segment, tier, stage), sorted; an unknown value is "UNKNOWN". */
    public static Map<String, Scores> by(Collection<Tally> tallies, Collection<ResponseCount> responses,
                                         Function<Group, String> attribute) {
        return by(tallies, responses, attribute, 1);
    }

    /**
     * Scores per value of an attribute, with the anonymity rule of the choice distributions: a group
     * holding anonymous answers and fewer than {@code minimumGroup} responses is suppressed, and further
     * groups, smallest first, until the suppressed ones hold at least that many together
     * ({@link ChoiceDistributions#hiddenGroups}). Otherwise the scores of two or three anonymous answers
     * in a known segment, tier or week point at the people who gave them.
     */
    public static Map<String, Scores> by(Collection<Tally> tallies, Collection<ResponseCount> responses,
                                         Function<Group, String> attribute, int minimumGroup) {
        Function<Group, String> key = g -> attribute.apply(g) == null ? "UNKNOWN" : attribute.apply(g);
        TreeSet<String> keys = new TreeSet<>();
        responses.forEach(r -> keys.add(key.apply(r)));
        tallies.forEach(t -> keys.add(key.apply(t)));
        Map<String, ChoiceDistributions.GroupSize> sizes = new LinkedHashMap<>();
        for (String k : keys) {
            List<ResponseCount> group = responses.stream().filter(r -> k.equals(key.apply(r))).toList();
            sizes.put(k, new ChoiceDistributions.GroupSize(group.stream().mapToLong(ResponseCount::responses).sum(),
                    group.stream().mapToLong(ResponseCount::anonymous).sum()));
        }
        java.util.Set<String> hidden = ChoiceDistributions.hiddenGroups(sizes, minimumGroup);
        Map<String, Scores> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, hidden.contains(k) ? Scores.suppressedSet() : scores(tallies.stream().filter(t -> k.equals(key.apply(t))).toList(),
                    responses.stream().filter(r -> k.equals(key.apply(r))).toList()));
        }
        return out;
    }

    private static void add(Map<String, long[]> sums, String key, int value, long count) {
        long[] acc = sums.computeIfAbsent(key, k -> new long[2]);
        acc[0] += (long) value * count;
        acc[1] += count;
    }

    private static Map<String, Scores.Average> averages(Map<String, long[]> sums) {
        Map<String, Scores.Average> out = new LinkedHashMap<>();
        sums.forEach((k, acc) -> out.put(k, new Scores.Average(average(acc[0], acc[1]), acc[1])));
        return out;
    }
}
