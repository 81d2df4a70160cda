package dev.crmsuite.survey.privacy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.crmsuite.survey.invitation.Invitation;
import dev.crmsuite.survey.invitation.InvitationStatus;
import dev.crmsuite.survey.support.Rows;
import dev.crmsuite.survey.survey.QuestionType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Collects survey-service's part of a person's data export: every table that holds a row about them.
 * A merge already moved the merged customer's invitations and responses to the survivor, so the
 * survivor's id finds them all. Anonymous responses are stored without customer or invitation, so no
 * query here can (or may) find them.
 */
@ApplicationScoped
public class SurveyPrivacyExports {

    private final EntityManager em;
    private final Clock clock;

    public SurveyPrivacyExports(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** One read transaction, so the sections agree with each other (an answer lands in invitations and responses or neither). */
    @Transactional
    public SurveyPrivacyExport export(UUID customerId) {
        Instant now = clock.instant();
        return new SurveyPrivacyExport(customerId, Rows.utc(now), contacts(customerId), consents(customerId),
                invitations(customerId, now), responses(customerId));
    }

    private List<SurveyPrivacyExport.Contact> contacts(UUID customerId) {
        return tuples("""
                select customer_id, marketing_consent, segment, value_tier, stage, loyalty_tier, registered_at, updated_at
                from known_customer where customer_id = :id""", customerId).stream()
                .map(t -> new SurveyPrivacyExport.Contact(t.get("customer_id", UUID.class),
                        t.get("marketing_consent", Boolean.class), t.get("segment", String.class),
                        t.get("value_tier", String.class), t.get("stage", String.class), t.get("loyalty_tier", String.class),
                        Rows.utc(t.get("registered_at")), Rows.utc(t.get("updated_at"))))
                .toList();
    }

    private List<SurveyPrivacyExport.PartnerConsent> consents(UUID customerId) {
        // partner_consent keys customers by their id as text (the platform's PartnerConsents table).
        return tuples("select customer_id, partner_sharing, merged_into, updated_at from partner_consent where customer_id = :id",
                customerId.toString()).stream()
                .map(t -> new SurveyPrivacyExport.PartnerConsent(UUID.fromString(t.get("customer_id", String.class)),
                        t.get("partner_sharing", Boolean.class),
                        t.get("merged_into") == null ? null : UUID.fromString(t.get("merged_into", String.class)),
                        Rows.utc(t.get("updated_at"))))
                .toList();
    }

    private List<SurveyPrivacyExport.Invitation> invitations(UUID customerId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Invitation> rows = em.createNativeQuery("select i.* from invitation i where i.customer_id = :id "
                + "order by i.created_at, i.id", Invitation.class).setParameter("id", customerId).getResultList();
        Map<String, Tuple> versions = new LinkedHashMap<>();
        tuples("""
                select v.survey_id, v.version, v.title, v.anonymous from survey_version v
                where exists (select 1 from invitation i where i.customer_id = :id
                              and i.survey_id = v.survey_id and i.survey_version = v.version)""", customerId)
                .forEach(t -> versions.put(t.get("survey_id", UUID.class) + "/" + t.get("version", Number.class).intValue(), t));
        List<SurveyPrivacyExport.Invitation> out = new ArrayList<>();
        for (Invitation i : rows) {
            Tuple version = versions.get(i.surveyId + "/" + i.surveyVersion);
            boolean anonymous = version.get("anonymous", Boolean.class);
            InvitationStatus status = InvitationStatus.of(i, now);
            out.add(new SurveyPrivacyExport.Invitation(i.id, i.surveyId, version.get("title", String.class), i.surveyVersion,
                    anonymous, i.triggerEventType, i.complaintId, status, i.skipReason, Rows.utc(i.createdAt.toInstant()),
                    i.sendAt, i.expiresAt, status == InvitationStatus.ANSWERED, anonymous ? null : i.answeredAt));
        }
        return out;
    }

    private List<SurveyPrivacyExport.Response> responses(UUID customerId) {
        Map<UUID, List<SurveyPrivacyExport.Answer>> answers = new LinkedHashMap<>();
        tuples("""
                select a.response_id, a.question_key, a.question_type, a.dimension, a.score, cast(a.choices as text) as choices,
                       a.text_value
                from survey_answer a join survey_response r on r.id = a.response_id
                where r.customer_id = :id order by a.response_id, a.question_key""", customerId)
                .forEach(t -> answers.computeIfAbsent(t.get("response_id", UUID.class), k -> new ArrayList<>())
                        .add(new SurveyPrivacyExport.Answer(t.get("question_key", String.class),
                                QuestionType.valueOf(t.get("question_type", String.class)), t.get("dimension", String.class),
                                Rows.integer(t.get("score")),
                                t.get("choices") == null ? null : Rows.fromJson(t.get("choices"), new TypeReference<List<String>>() {
                                }),
                                t.get("text_value", String.class))));
        return tuples("""
                select id, survey_id, survey_version, invitation_id, submitted_at, segment, value_tier, stage, loyalty_tier
                from survey_response where customer_id = :id order by submitted_at, id""", customerId).stream()
                .map(t -> new SurveyPrivacyExport.Response(t.get("id", UUID.class), t.get("survey_id", UUID.class),
                        t.get("survey_version", Number.class).intValue(), t.get("invitation_id", UUID.class),
                        Rows.utc(t.get("submitted_at")), t.get("segment", String.class), t.get("value_tier", String.class),
                        t.get("stage", String.class), t.get("loyalty_tier", String.class),
                        answers.getOrDefault(t.get("id", UUID.class), List.of())))
                .toList();
    }

    private List<Tuple> tuples(String sql, Object id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(sql, Tuple.class).setParameter("id", id).getResultList();
        return rows;
    }
}
