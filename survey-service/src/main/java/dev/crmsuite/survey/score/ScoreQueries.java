package dev.crmsuite.survey.score;

import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.survey.SurveyConfig;
import dev.crmsuite.survey.support.Rows;
import dev.crmsuite.survey.survey.Question;
import dev.crmsuite.survey.survey.QuestionType;
import dev.crmsuite.survey.survey.SurveyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads the samples of a period and hands them to {@link ScoreMath}. */
@ApplicationScoped
public class ScoreQueries {

    private static final int MAX_DAYS = 3 * 366;

    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    @Inject
    SurveyStore surveys;
    @Inject
    SurveyConfig config;

    /**
     * The report over a period; {@code version} (only with a survey) narrows it to one published version.
     * For one survey it also holds the choice distributions and the free-text question counts.
     */
    public SatisfactionReport report(UUID surveyId, Integer version, String fromParam, String toParam, String bucketParam) {
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
        List<SurveyStore.VersionRow> versions = surveyId == null ? List.of() : surveys.versions(surveyId);
        if (version != null && versions.stream().noneMatch(v -> v.version() == version)) {
            throw ProblemException.invalid("version", "is not a published version of this survey");
        }
        List<SurveyStore.VersionRow> inReport = versions.stream().filter(v -> version == null || v.version() == version).toList();
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        Scope scope = new Scope(surveyId, version, start, end);
        List<ScoreMath.Tally> tallies = tallies(scope, bucket);
        List<ScoreMath.ResponseCount> responses = responseCounts(scope, bucket);
        // Anonymous answers: every set shown (overall, each trend bucket, each group of a breakdown) holds
        // at least minimumGroup responses, the same rule as the choice distributions.
        int minimumGroup = Math.max(1, config.results().minimumGroup());
        return new SatisfactionReport(surveyId, from, to, bucket, responseRate(scope),
                ScoreMath.scores(tallies, responses, minimumGroup), ScoreMath.trend(tallies, responses, bucket, minimumGroup),
                ScoreMath.by(tallies, responses, ScoreMath.Group::segment, minimumGroup),
                ScoreMath.by(tallies, responses, ScoreMath.Group::valueTier, minimumGroup),
                ScoreMath.by(tallies, responses, ScoreMath.Group::stage, minimumGroup),
                ScoreMath.by(tallies, responses, ScoreMath.Group::loyaltyTier, minimumGroup),
                version, choiceQuestions(scope, inReport), textQuestions(scope, inReport));
    }

    /** Which responses a report counts: one survey (or all), one version (or all), a period. */
    private record Scope(UUID surveyId, Integer version, Instant start, Instant end) {
        String survey() {
            return surveyId == null ? null : surveyId.toString();
        }

        String versionText() {
            return version == null ? null : version.toString();
        }
    }

    /** The choice questions of the versions in the report, counted in two grouped queries whatever the number of responses. */
    private List<ChoiceResults> choiceQuestions(Scope scope, List<SurveyStore.VersionRow> versions) {
        List<ChoiceDistributions.ChoiceQuestion> questions =
                ChoiceDistributions.questions(versions.stream().map(SurveyStore.VersionRow::questions).toList());
        if (questions.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> chosen = em.createNativeQuery("""
                        select r.segment, r.value_tier, r.stage, r.loyalty_tier, a.question_key, c.option, count(*)
                        from survey_response r join survey_answer a on a.response_id = r.id
                        cross join lateral jsonb_array_elements_text(a.choices) as c(option)
                        where r.survey_id = cast(?1 as uuid) and (cast(?2 as int) is null or r.survey_version = cast(?2 as int))
                          and r.submitted_at >= ?3 and r.submitted_at < ?4
                          and a.question_type in ('SINGLE_CHOICE', 'MULTIPLE_CHOICE')
                        group by 1, 2, 3, 4, 5, 6""")
                .setParameter(1, scope.survey()).setParameter(2, scope.versionText())
                .setParameter(3, Rows.utc(scope.start())).setParameter(4, Rows.utc(scope.end()))
                .getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> answered = em.createNativeQuery("""
                        select r.segment, r.value_tier, r.stage, r.loyalty_tier, a.question_key, count(*),
                               count(*) filter (where v.anonymous)
                        from survey_response r join survey_answer a on a.response_id = r.id
                        join survey_version v on v.survey_id = r.survey_id and v.version = r.survey_version
                        where r.survey_id = cast(?1 as uuid) and (cast(?2 as int) is null or r.survey_version = cast(?2 as int))
                          and r.submitted_at >= ?3 and r.submitted_at < ?4
                          and a.question_type in ('SINGLE_CHOICE', 'MULTIPLE_CHOICE')
                        group by 1, 2, 3, 4, 5""")
                .setParameter(1, scope.survey()).setParameter(2, scope.versionText())
                .setParameter(3, Rows.utc(scope.start())).setParameter(4, Rows.utc(scope.end()))
                .getResultList();
        List<ChoiceDistributions.OptionTally> tallies = chosen.stream().map(r -> new ChoiceDistributions.OptionTally(
                (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5], Rows.count(r[6]))).toList();
        List<ChoiceDistributions.Respondents> respondents = answered.stream().map(r -> new ChoiceDistributions.Respondents(
                (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], Rows.count(r[5]), Rows.count(r[6]))).toList();
        int minimumGroup = Math.max(1, config.results().minimumGroup());
        return questions.stream().map(q -> ChoiceDistributions.results(q, tallies, respondents, minimumGroup)).toList();
    }

    /** The free-text questions of the versions in the report with their number of non-empty answers. */
    private List<TextQuestionSummary> textQuestions(Scope scope, List<SurveyStore.VersionRow> versions) {
        List<Question> questions = TextAnswers.textQuestions(versions);
        if (questions.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select a.question_key, count(*)
                        from survey_response r join survey_answer a on a.response_id = r.id
                        where r.survey_id = cast(?1 as uuid) and (cast(?2 as int) is null or r.survey_version = cast(?2 as int))
                          and r.submitted_at >= ?3 and r.submitted_at < ?4
                          and a.question_type = 'FREE_TEXT' and a.text_value is not null and a.text_value <> ''
                        group by 1""")
                .setParameter(1, scope.survey()).setParameter(2, scope.versionText())
                .setParameter(3, Rows.utc(scope.start())).setParameter(4, Rows.utc(scope.end()))
                .getResultList();
        Map<String, Long> counts = new HashMap<>();
        rows.forEach(r -> counts.put((String) r[0], Rows.count(r[1])));
        return questions.stream().map(q -> new TextQuestionSummary(q.key(), q.text(), counts.getOrDefault(q.key(), 0L),
                "/api/v1/surveys/" + scope.surveyId() + "/questions/" + q.key() + "/answers")).toList();
    }

    /** Answers counted per group and score value: a few thousand rows at most, however many responses. */
    private List<ScoreMath.Tally> tallies(Scope scope, ScoreMath.Bucket bucket) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select cast(date_trunc(?4, r.submitted_at at time zone 'UTC') as date), r.segment, r.value_tier,
                               r.stage, r.loyalty_tier, a.question_type, a.question_key, a.dimension, a.score, count(*)
                        from survey_response r join survey_answer a on a.response_id = r.id
                        where a.score is not null and (cast(?1 as uuid) is null or r.survey_id = cast(?1 as uuid))
                          and r.submitted_at >= ?2 and r.submitted_at < ?3
                          and (cast(?5 as int) is null or r.survey_version = cast(?5 as int))
                        group by 1, 2, 3, 4, 5, 6, 7, 8, 9""")
                .setParameter(1, scope.survey())
                .setParameter(2, Rows.utc(scope.start())).setParameter(3, Rows.utc(scope.end())).setParameter(4, bucket.sqlUnit())
                .setParameter(5, scope.versionText())
                .getResultList();
        return rows.stream().map(r -> new ScoreMath.Tally(localDate(r[0]), (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], QuestionType.valueOf((String) r[5]), (String) r[6], (String) r[7], Rows.integer(r[8]),
                Rows.count(r[9]))).toList();
    }

    private List<ScoreMath.ResponseCount> responseCounts(Scope scope, ScoreMath.Bucket bucket) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select cast(date_trunc(?4, r.submitted_at at time zone 'UTC') as date), r.segment, r.value_tier,
                               r.stage, r.loyalty_tier, count(*), count(*) filter (where v.anonymous)
                        from survey_response r
                        join survey_version v on v.survey_id = r.survey_id and v.version = r.survey_version
                        where (cast(?1 as uuid) is null or r.survey_id = cast(?1 as uuid))
                          and r.submitted_at >= ?2 and r.submitted_at < ?3
                          and (cast(?5 as int) is null or r.survey_version = cast(?5 as int))
                        group by 1, 2, 3, 4, 5""")
                .setParameter(1, scope.survey())
                .setParameter(2, Rows.utc(scope.start())).setParameter(3, Rows.utc(scope.end())).setParameter(4, bucket.sqlUnit())
                .setParameter(5, scope.versionText())
                .getResultList();
        return rows.stream().map(r -> new ScoreMath.ResponseCount(localDate(r[0]), (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], Rows.count(r[5]), Rows.count(r[6]))).toList();
    }

    private static LocalDate localDate(Object value) {
        return switch (value) {
            case LocalDate d -> d;
            case java.sql.Date d -> d.toLocalDate();
            default -> LocalDate.parse(value.toString().substring(0, 10));
        };
    }

    private SatisfactionReport.ResponseRate responseRate(Scope scope) {
        Object[] row = (Object[]) em.createNativeQuery("""
                        select count(*), count(*) filter (where status = 'ANSWERED') from invitation
                        where status <> 'SKIPPED' and (cast(?1 as uuid) is null or survey_id = cast(?1 as uuid))
                          and send_at >= ?2 and send_at < ?3 and send_at <= ?4
                          and (cast(?5 as int) is null or survey_version = cast(?5 as int))""")
                .setParameter(1, scope.survey())
                .setParameter(2, Rows.utc(scope.start())).setParameter(3, Rows.utc(scope.end()))
                .setParameter(4, Rows.utc(clock.instant())).setParameter(5, scope.versionText())
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
