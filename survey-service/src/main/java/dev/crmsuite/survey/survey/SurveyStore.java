package dev.crmsuite.survey.survey;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.crmsuite.survey.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The survey tables. Plain SQL, because drafts and versions are JSON documents. */
@ApplicationScoped
public class SurveyStore {

    static final TypeReference<List<Question>> QUESTIONS = new TypeReference<>() {
    };
    static final TypeReference<List<TriggerDefinition>> TRIGGERS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;
    @Inject
    dev.crmsuite.platform.inbox.PerTransaction perTransaction;

    /** A survey with its draft. */
    public record SurveyRow(UUID id, long version, SurveyDraft draft, Integer latestVersion, Instant createdAt,
                            Instant updatedAt) {
    }

    /** A published, immutable version. */
    public record VersionRow(UUID surveyId, int version, SurveyDraft content, Instant publishedAt) {
        public List<Question> questions() {
            return content.questions();
        }

        public boolean anonymous() {
            return Boolean.TRUE.equals(content.anonymous());
        }
    }

    /** A trigger in force, with the version invitations are bound to. */
    public record ActiveTrigger(UUID surveyId, int surveyVersion, TriggerKind kind, Duration delay,
                                java.math.BigDecimal minimumAmount, Integer everyMonths) {
    }

    public void insert(SurveyRow row) {
        em.createNativeQuery("""
                        insert into survey (id, version, title, description, anonymous, questions, triggers,
                                            latest_version, created_at, updated_at)
                        values (?1, ?2, ?3, cast(?4 as text), ?5, cast(?6 as jsonb), cast(?7 as jsonb), null, ?8, ?8)""")
                .setParameter(1, row.id()).setParameter(2, row.version()).setParameter(3, row.draft().title())
                .setParameter(4, row.draft().description()).setParameter(5, row.draft().anonymous())
                .setParameter(6, Rows.json(row.draft().questions())).setParameter(7, Rows.json(row.draft().triggers()))
                .setParameter(8, Rows.utc(row.createdAt()))
                .executeUpdate();
    }

    public Optional<SurveyRow> find(UUID id, boolean forUpdate) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, version, title, description, anonymous, cast(questions as text), cast(triggers as text),
                               latest_version, created_at, updated_at
                        from survey where id = ?1""" + (forUpdate ? " for update" : ""))
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(SurveyStore::surveyRow);
    }

    /** Newest first, keyset-paged on (created_at, id). */
    public List<SurveyRow> list(Instant afterCreated, UUID afterId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, version, title, description, anonymous, cast(questions as text), cast(triggers as text),
                               latest_version, created_at, updated_at
                        from survey
                        where cast(?1 as timestamptz) is null or (created_at, id) < (cast(?1 as timestamptz), cast(?2 as uuid))
                        order by created_at desc, id desc limit ?3""")
                .setParameter(1, afterCreated == null ? null : afterCreated.toString())
                .setParameter(2, afterId == null ? null : afterId.toString())
                .setParameter(3, limit + 1).getResultList();
        return rows.stream().map(SurveyStore::surveyRow).toList();
    }

    public void updateDraft(UUID id, SurveyDraft draft, Instant now) {
        em.createNativeQuery("""
                        update survey set title = ?2, description = cast(?3 as text), anonymous = ?4,
                               questions = cast(?5 as jsonb), triggers = cast(?6 as jsonb),
                               version = version + 1, updated_at = ?7
                        where id = ?1""")
                .setParameter(1, id).setParameter(2, draft.title()).setParameter(3, draft.description())
                .setParameter(4, draft.anonymous()).setParameter(5, Rows.json(draft.questions()))
                .setParameter(6, Rows.json(draft.triggers())).setParameter(7, Rows.utc(now))
                .executeUpdate();
    }

    public void insertVersion(VersionRow v) {
        SurveyDraft c = v.content();
        em.createNativeQuery("""
                        insert into survey_version (survey_id, version, title, description, anonymous, questions, triggers, published_at)
                        values (?1, ?2, ?3, cast(?4 as text), ?5, cast(?6 as jsonb), cast(?7 as jsonb), ?8)""")
                .setParameter(1, v.surveyId()).setParameter(2, v.version()).setParameter(3, c.title())
                .setParameter(4, c.description()).setParameter(5, c.anonymous())
                .setParameter(6, Rows.json(c.questions())).setParameter(7, Rows.json(c.triggers()))
                .setParameter(8, Rows.utc(v.publishedAt()))
                .executeUpdate();
        em.createNativeQuery("update survey set latest_version = ?2, version = version + 1 where id = ?1")
                .setParameter(1, v.surveyId()).setParameter(2, v.version()).executeUpdate();
        // The triggers in force are always the latest version's.
        em.createNativeQuery("delete from survey_trigger where survey_id = ?1").setParameter(1, v.surveyId()).executeUpdate();
        List<TriggerDefinition> triggers = c.triggers();
        for (int i = 0; i < triggers.size(); i++) {
            TriggerDefinition t = triggers.get(i);
            em.createNativeQuery("""
                            insert into survey_trigger (survey_id, position, kind, delay_seconds, minimum_amount, every_months)
                            values (?1, ?2, ?3, ?4, cast(?5 as numeric), cast(?6 as int))""")
                    .setParameter(1, v.surveyId()).setParameter(2, i).setParameter(3, t.on().name())
                    .setParameter(4, Duration.parse(t.delay()).toSeconds())
                    .setParameter(5, t.minimumAmount() == null ? null : t.minimumAmount().toPlainString())
                    .setParameter(6, t.everyMonths() == null ? null : t.everyMonths().toString())
                    .executeUpdate();
        }
    }

    public Optional<VersionRow> findVersion(UUID surveyId, int version) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select survey_id, version, title, description, anonymous, cast(questions as text), cast(triggers as text), published_at
                        from survey_version where survey_id = ?1 and version = ?2""")
                .setParameter(1, surveyId).setParameter(2, version).getResultList();
        return rows.stream().findFirst().map(SurveyStore::versionRow);
    }

    public List<VersionRow> versions(UUID surveyId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select survey_id, version, title, description, anonymous, cast(questions as text), cast(triggers as text), published_at
                        from survey_version where survey_id = ?1 order by version""")
                .setParameter(1, surveyId).getResultList();
        return rows.stream().map(SurveyStore::versionRow).toList();
    }

    /** The published surveys a kind of event triggers; read once per transaction (a batch of events). */
    public List<ActiveTrigger> activeTriggers(TriggerKind kind) {
        return perTransaction.remember(SurveyStore.class.getName() + ".triggers." + kind, () -> readActiveTriggers(kind));
    }

    private List<ActiveTrigger> readActiveTriggers(TriggerKind kind) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select t.survey_id, s.latest_version, t.delay_seconds, t.minimum_amount, t.every_months
                        from survey_trigger t join survey s on s.id = t.survey_id
                        where t.kind = ?1 and s.latest_version is not null order by t.survey_id""")
                .setParameter(1, kind.name()).getResultList();
        return rows.stream().map(r -> new ActiveTrigger(Rows.uuid(r[0]), Rows.integer(r[1]), kind,
                Duration.ofSeconds(((Number) r[2]).longValue()),
                r[3] == null ? null : new java.math.BigDecimal(r[3].toString()), Rows.integer(r[4]))).toList();
    }

    private static SurveyRow surveyRow(Object[] r) {
        SurveyDraft draft = new SurveyDraft((String) r[2], (String) r[3], (Boolean) r[4],
                Rows.fromJson(r[5], QUESTIONS), Rows.fromJson(r[6], TRIGGERS));
        return new SurveyRow(Rows.uuid(r[0]), ((Number) r[1]).longValue(), draft, Rows.integer(r[7]),
                Rows.instant(r[8]), Rows.instant(r[9]));
    }

    private static VersionRow versionRow(Object[] r) {
        SurveyDraft content = new SurveyDraft((String) r[2], (String) r[3], (Boolean) r[4],
                Rows.fromJson(r[5], QUESTIONS), Rows.fromJson(r[6], TRIGGERS));
        return new VersionRow(Rows.uuid(r[0]), ((Number) r[1]).intValue(), content, Rows.instant(r[7]));
    }
}
