package dev.crmsuite.survey.score;

import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.survey.support.Rows;
import dev.crmsuite.survey.survey.Question;
import dev.crmsuite.survey.survey.QuestionType;
import dev.crmsuite.survey.survey.SurveyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The free-text answers to one question of a survey, newest first, keyset paged. The sort key of an
 * anonymous answer is the start of its day and its tie-breaker the answer's own random {@code ref}, so
 * neither the order within a day nor the cursor (which a client can decode) tells its exact time or
 * response; other answers sort by their exact time.
 */
@ApplicationScoped
public class TextAnswers {

    /** The query's filters; null means no restriction. {@code from} inclusive, {@code to} exclusive (UTC days). */
    public record Filters(Integer version, LocalDate from, LocalDate to) {
    }

    private final EntityManager em;
    private final SurveyStore surveys;

    public TextAnswers(EntityManager em, SurveyStore surveys) {
        this.em = em;
        this.surveys = surveys;
    }

    /** One row as read, with its keyset position. */
    private record Row(TextAnswer answer, OffsetDateTime sortAt, UUID ref) {
    }

    public Page<TextAnswer> page(UUID surveyId, String key, Filters filters, String cursorParam, int limit) {
        List<SurveyStore.VersionRow> versions = surveys.versions(surveyId);
        if (filters.version() != null && versions.stream().noneMatch(v -> v.version() == filters.version())) {
            throw ProblemException.invalid("version", "is not a published version of this survey");
        }
        boolean asked = versions.stream().filter(v -> filters.version() == null || v.version() == filters.version())
                .flatMap(v -> v.questions().stream())
                .anyMatch(q -> q.key().equals(key) && q.type() == QuestionType.FREE_TEXT);
        if (!asked) {
            throw new ProblemException(404, "not-found", "Not found", "survey " + surveyId + " has no free-text question '"
                    + key + "'" + (filters.version() == null ? "" : " in version " + filters.version())
                    + (isChoice(versions, key) ? "; the distribution of a choice question is in GET /api/v1/surveys/"
                    + surveyId + "/results" : ""));
        }
        Cursor after = Cursor.decode(cursorParam, 2);
        OffsetDateTime afterAt;
        UUID afterRef;
        try {
            afterAt = after == null ? null : OffsetDateTime.parse(after.get(0));
            afterRef = after == null ? null : UUID.fromString(after.get(1));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select text_value, survey_version, anonymous, submitted_at, response_id, customer_id, invitation_id,
                               sort_at, ref
                        from (select a.text_value, r.survey_version, v.anonymous, r.submitted_at, r.id as response_id,
                                     r.customer_id, r.invitation_id, a.ref,
                                     case when v.anonymous
                                          then date_trunc('day', r.submitted_at at time zone 'UTC') at time zone 'UTC'
                                          else r.submitted_at end as sort_at
                              from survey_answer a
                              join survey_response r on r.id = a.response_id
                              join survey_version v on v.survey_id = r.survey_id and v.version = r.survey_version
                              where r.survey_id = ?1 and a.question_key = ?2 and a.question_type = 'FREE_TEXT'
                                and a.text_value is not null and a.text_value <> ''
                                and (cast(?3 as int) is null or r.survey_version = cast(?3 as int))
                                and (cast(?4 as timestamptz) is null or r.submitted_at >= cast(?4 as timestamptz))
                                and (cast(?5 as timestamptz) is null or r.submitted_at < cast(?5 as timestamptz))) answers
                        where cast(?6 as timestamptz) is null or (sort_at, ref) < (cast(?6 as timestamptz), cast(?7 as uuid))
                        order by sort_at desc, ref desc
                        limit ?8""")
                .setParameter(1, surveyId).setParameter(2, key)
                .setParameter(3, filters.version() == null ? null : filters.version().toString())
                .setParameter(4, dayStart(filters.from())).setParameter(5, dayStart(filters.to()))
                .setParameter(6, afterAt == null ? null : afterAt.toString())
                .setParameter(7, afterRef == null ? null : afterRef.toString())
                .setParameter(8, limit + 1)
                .getResultList();
        return Page.of(rows.stream().map(TextAnswers::row).toList(), limit, r -> Cursor.of(r.sortAt(), r.ref()), Row::answer);
    }

    private static Row row(Object[] r) {
        boolean anonymous = (Boolean) r[2];
        OffsetDateTime submittedAt = Rows.utc(r[3]);
        TextAnswer answer = anonymous
                ? new TextAnswer((String) r[0], Rows.integer(r[1]), true, submittedAt.toLocalDate(), null, null, null, null)
                : new TextAnswer((String) r[0], Rows.integer(r[1]), false, submittedAt.toLocalDate(), submittedAt,
                Rows.uuid(r[4]), Rows.uuid(r[5]), Rows.uuid(r[6]));
        return new Row(answer, Rows.utc(r[7]), Rows.uuid(r[8]));
    }

    private static boolean isChoice(List<SurveyStore.VersionRow> versions, String key) {
        return versions.stream().flatMap(v -> v.questions().stream()).anyMatch(q -> q.key().equals(key) && q.type().choice());
    }

    private static String dayStart(LocalDate day) {
        return day == null ? null : day.atStartOfDay().atOffset(ZoneOffset.UTC).toString();
    }

    /** The free-text questions of these versions (any order), each once with its newest wording. */
    static List<Question> textQuestions(List<SurveyStore.VersionRow> versionsOldestFirst) {
        java.util.Map<String, Question> newest = new java.util.LinkedHashMap<>();
        for (int i = versionsOldestFirst.size() - 1; i >= 0; i--) {
            versionsOldestFirst.get(i).questions().stream().filter(q -> q.type() == QuestionType.FREE_TEXT)
                    .forEach(q -> newest.putIfAbsent(q.key(), q));
        }
        return List.copyOf(newest.values());
    }
}
