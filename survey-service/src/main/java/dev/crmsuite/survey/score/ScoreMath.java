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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Satisfaction arithmetic, free of Quarkus and SQL so it is unit-tested on known sets:
 * NPS = % promoters (9-10) minus % detractors (0-6); CSAT = % of answers 4-5; CES and ratings
 * are plain averages. Percentages and averages are rounded half-up to one decimal; a measure
 * nobody answered is null, never 0.
 */
public final class ScoreMath {

    private ScoreMath() {
    }

    /** One answered scale question of one response, with what the response is cut by. */
    public record Sample(UUID responseId, Instant submittedAt, String segment, String valueTier, String stage,
                         String loyaltyTier, QuestionType type, String questionKey, String dimension, Integer score) {
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

    /**
     * The scores of a set of samples. A response with no scale answer still counts as a response
     * (it comes as a sample with a null type).
     */
    public static Scores scores(Collection<Sample> samples) {
        Set<UUID> responses = new HashSet<>();
        long promoters = 0, passives = 0, detractors = 0, satisfied = 0, csatCount = 0, cesSum = 0, cesCount = 0;
        Map<String, long[]> dimensions = new TreeMap<>();
        Map<String, long[]> questions = new TreeMap<>();
        for (Sample s : samples) {
            responses.add(s.responseId());
            if (s.type() == null || s.score() == null) {
                continue;
            }
            int v = s.score();
            switch (s.type()) {
                case NPS -> {
                    if (v >= 9) {
                        promoters++;
                    } else if (v >= 7) {
                        passives++;
                    } else {
                        detractors++;
                    }
                }
                case CSAT -> {
                    csatCount++;
                    if (v >= 4) {
                        satisfied++;
                    }
                }
                case CES -> {
                    cesSum += v;
                    cesCount++;
                }
                case RATING -> add(dimensions, s.dimension(), v);
                default -> {
                }
            }
            add(questions, s.questionKey(), v);
        }
        long npsCount = promoters + passives + detractors;
        return new Scores(responses.size(),
                new Scores.Nps(nps(promoters, detractors, npsCount), promoters, passives, detractors, npsCount),
                new Scores.Csat(csat(satisfied, csatCount), satisfied, csatCount),
                new Scores.Average(average(cesSum, cesCount), cesCount),
                averages(dimensions), averages(questions));
    }

    /** Time buckets of a trend line. */
    public enum Bucket {
        MONTH, WEEK;

        public LocalDate start(Instant at) {
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            return this == MONTH ? day.withDayOfMonth(1) : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }

        public String label(LocalDate start) {
            return this == MONTH ? start.toString().substring(0, 7)
                    : "%d-W%02d".formatted(start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
    }

    /** Scores per time bucket, oldest first; buckets without responses are left out. */
    public static List<Scores.Period> trend(Collection<Sample> samples, Bucket bucket) {
        Map<LocalDate, List<Sample>> byStart = new TreeMap<>();
        samples.forEach(s -> byStart.computeIfAbsent(bucket.start(s.submittedAt()), k -> new ArrayList<>()).add(s));
        List<Scores.Period> out = new ArrayList<>();
        byStart.forEach((start, group) -> out.add(new Scores.Period(bucket.label(start), start, scores(group))));
        return out;
    }

    /** Scores per value of an attribute (segment, tier, stage); an unknown value is "UNKNOWN". */
    public static Map<String, Scores> by(Collection<Sample> samples, Function<Sample, String> attribute) {
        Map<String, List<Sample>> groups = new TreeMap<>();
        samples.forEach(s -> {
            String key = attribute.apply(s);
            groups.computeIfAbsent(key == null ? "UNKNOWN" : key, k -> new ArrayList<>()).add(s);
        });
        Map<String, Scores> out = new LinkedHashMap<>();
        groups.forEach((k, group) -> out.put(k, scores(group)));
        return out;
    }

    private static void add(Map<String, long[]> sums, String key, int value) {
        long[] acc = sums.computeIfAbsent(key, k -> new long[2]);
        acc[0] += value;
        acc[1]++;
    }

    private static Map<String, Scores.Average> averages(Map<String, long[]> sums) {
        Map<String, Scores.Average> out = new LinkedHashMap<>();
        sums.forEach((k, acc) -> out.put(k, new Scores.Average(average(acc[0], acc[1]), acc[1])));
        return out;
    }
}
