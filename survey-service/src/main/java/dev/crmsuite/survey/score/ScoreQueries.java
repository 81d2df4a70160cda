package dev.crmsuite.survey.score;

import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.survey.support.Rows;
import dev.crmsuite.survey.survey.QuestionType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Reads the samples of a period and hands them to {@link ScoreMath}. */
@ApplicationScoped
public class ScoreQueries {

    private static final int MAX_DAYS = 3 * 366;

    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    public SatisfactionReport report(UUID surveyId, String fromParam, String toParam, String bucketParam) {
        LocalDate to = date("to", toParam, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1));
        LocalDate from = date("from", fromParam, to.minusMonths(12));
        if (!from.isBefore(to)) {
            throw ProblemException.invalid("from", "must be before to");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw ProblemException.invalid("to", "the period may span at most " + MAX_DAYS + " days");
        }
        ScoreMath.Bucket bucket;
        try {
            bucket = bucketParam == null || bucketParam.isBlank() ? ScoreMath.Bucket.MONTH : ScoreMath.Bucket.valueOf(bucketParam);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("bucket", "must be MONTH or WEEK");
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ScoreMath.Tally> tallies = tallies(surveyId, start, end, bucket);
        List<ScoreMath.ResponseCount> responses = responseCounts(surveyId, start, end, bucket);
        return new SatisfactionReport(surveyId, from, to, bucket, responseRate(surveyId, start, end),
                ScoreMath.scores(tallies, responses), ScoreMath.trend(tallies, responses, bucket),
                ScoreMath.by(tallies, responses, ScoreMath.Group::segment),
                ScoreMath.by(tallies, responses, ScoreMath.Group::valueTier),
                ScoreMath.by(tallies, responses, ScoreMath.Group::stage),
                ScoreMath.by(tallies, responses, ScoreMath.Group::loyaltyTier));
    }

    /** Answers counted per group and score value: a few thousand rows at most, however many responses. */
    private List<ScoreMath.Tally> tallies(UUID surveyId, Instant start, Instant end, ScoreMath.Bucket bucket) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select cast(date_trunc(?4, r.submitted_at at time zone 'UTC') as date), r.segment, r.value_tier,
                               r.stage, r.loyalty_tier, a.question_type, a.question_key, a.dimension, a.score, count(*)
                        from survey_response r join survey_answer a on a.response_id = r.id
                        where a.score is not null and (cast(?1 as uuid) is null or r.survey_id = cast(?1 as uuid))
                          and r.submitted_at >= ?2 and r.submitted_at < ?3
                        group by 1, 2, 3, 4, 5, 6, 7, 8, 9""")
                .setParameter(1, surveyId == null ? null : surveyId.toString())
                .setParameter(2, Rows.utc(start)).setParameter(3, Rows.utc(end)).setParameter(4, bucket.sqlUnit())
                .getResultList();
        return rows.stream().map(r -> new ScoreMath.Tally(localDate(r[0]), (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], QuestionType.valueOf((String) r[5]), (String) r[6], (String) r[7], Rows.integer(r[8]),
                Rows.count(r[9]))).toList();
    }

    private List<ScoreMath.ResponseCount> responseCounts(UUID surveyId, Instant start, Instant end, ScoreMath.Bucket bucket) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select cast(date_trunc(?4, r.submitted_at at time zone 'UTC') as date), r.segment, r.value_tier,
                               r.stage, r.loyalty_tier, count(*)
                        from survey_response r
                        where (cast(?1 as uuid) is null or r.survey_id = cast(?1 as uuid))
                          and r.submitted_at >= ?2 and r.submitted_at < ?3
                        group by 1, 2, 3, 4, 5""")
                .setParameter(1, surveyId == null ? null : surveyId.toString())
                .setParameter(2, Rows.utc(start)).setParameter(3, Rows.utc(end)).setParameter(4, bucket.sqlUnit())
                .getResultList();
        return rows.stream().map(r -> new ScoreMath.ResponseCount(localDate(r[0]), (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], Rows.count(r[5]))).toList();
    }

    private static LocalDate localDate(Object value) {
        return switch (value) {
            case LocalDate d -> d;
            case java.sql.Date d -> d.toLocalDate();
            default -> LocalDate.parse(value.toString().substring(0, 10));
        };
    }

    private SatisfactionReport.ResponseRate responseRate(UUID surveyId, Instant start, Instant end) {
        Object[] row = (Object[]) em.createNativeQuery("""
                        select count(*), count(*) filter (where status = 'ANSWERED') from invitation
                        where status <> 'SKIPPED' and (cast(?1 as uuid) is null or survey_id = cast(?1 as uuid))
                          and send_at >= ?2 and send_at < ?3 and send_at <= ?4""")
                .setParameter(1, surveyId == null ? null : surveyId.toString())
                .setParameter(2, Rows.utc(start)).setParameter(3, Rows.utc(end)).setParameter(4, Rows.utc(clock.instant()))
                .getSingleResult();
        long invited = Rows.count(row[0]);
        long responded = Rows.count(row[1]);
        return new SatisfactionReport.ResponseRate(invited, responded, ScoreMath.percent(responded, invited));
    }

    private static LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be a date such as 2026-01-31");
        }
    }
}
