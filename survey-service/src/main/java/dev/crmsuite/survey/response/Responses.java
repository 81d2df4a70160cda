package dev.crmsuite.survey.response;

import dev.crmsuite.platform.consent.PartnerConsents;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.survey.SurveyConfig;
import dev.crmsuite.survey.customer.KnownCustomers;
import dev.crmsuite.survey.invitation.Invitation;
import dev.crmsuite.survey.invitation.InvitationStatus;
import dev.crmsuite.survey.invitation.Tokens;
import dev.crmsuite.survey.survey.QuestionType;
import dev.crmsuite.survey.survey.SurveyStore;
import dev.crmsuite.survey.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Answering through a token: show the version's questions, accept one valid response, close the loop. */
@ApplicationScoped
public class Responses {

    @Inject
    EntityManager em;
    @Inject
    SurveyStore surveys;
    @Inject
    KnownCustomers customers;
    @Inject
    Outbox outbox;
    @Inject
    SurveyConfig config;
    @Inject
    Clock clock;
    @Inject
    PartnerConsents partnerConsents;
    @Inject
    AnonymousResponseEvents anonymousEvents;

    public Questionnaire open(String token) {
        Invitation invitation = answerable(token, false);
        SurveyStore.VersionRow version = surveys.findVersion(invitation.surveyId, invitation.surveyVersion).orElseThrow();
        return new Questionnaire(invitation.surveyId, version.version(), version.content().title(),
                version.content().description(), version.anonymous(), version.questions(), invitation.expiresAt);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public SubmittedResponse submit(String token, NewResponse request) {
        // Row lock: two simultaneous submits of one token serialise here, and the second sees ANSWERED.
        Invitation invitation = answerable(token, true);
        SurveyStore.VersionRow version = surveys.findVersion(invitation.surveyId, invitation.surveyVersion).orElseThrow();
        List<AnswerValidator.Answer> answers = AnswerValidator.validate(version.questions(), request.answers(),
                config.freeTextMaxLength());

        Instant now = clock.instant();
        OffsetDateTime submittedAt = Rows.utc(now);
        boolean anonymous = version.anonymous();
        KnownCustomers.KnownCustomer customer = invitation.customerId == null
                ? KnownCustomers.KnownCustomer.unknown(null)
                : customers.find(invitation.customerId, false).orElse(KnownCustomers.KnownCustomer.unknown(invitation.customerId));
        UUID responseId = UUID.randomUUID();
        // Anonymous: neither the customer nor the invitation (which names them) is linked.
        UUID storedCustomer = anonymous ? null : invitation.customerId;
        UUID storedInvitation = anonymous ? null : invitation.id;
        Integer nps = ClosedLoop.first(answers, QuestionType.NPS).orElse(null);
        Integer csat = ClosedLoop.first(answers, QuestionType.CSAT).orElse(null);
        Integer ces = ClosedLoop.first(answers, QuestionType.CES).orElse(null);
        em.createNativeQuery("""
                        insert into survey_response (id, survey_id, survey_version, invitation_id, customer_id, submitted_at,
                                                     nps, csat, ces, segment, value_tier, stage, loyalty_tier)
                        values (?1, ?2, ?3, cast(?4 as uuid), cast(?5 as uuid), ?6, cast(?7 as int), cast(?8 as int),
                                cast(?9 as int), cast(?10 as text), cast(?11 as text), cast(?12 as text), cast(?13 as text))""")
                .setParameter(1, responseId).setParameter(2, invitation.surveyId).setParameter(3, version.version())
                .setParameter(4, text(storedInvitation)).setParameter(5, text(storedCustomer)).setParameter(6, submittedAt)
                .setParameter(7, text(nps)).setParameter(8, text(csat)).setParameter(9, text(ces))
                .setParameter(10, customer.segment()).setParameter(11, customer.valueTier())
                .setParameter(12, customer.stage()).setParameter(13, customer.loyaltyTier())
                .executeUpdate();
        for (AnswerValidator.Answer a : answers) {
            em.createNativeQuery("""
                            insert into survey_answer (response_id, question_key, question_type, dimension, score, choices, text_value)
                            values (?1, ?2, ?3, cast(?4 as text), cast(?5 as int), cast(?6 as jsonb), cast(?7 as text))""")
                    .setParameter(1, responseId).setParameter(2, a.key()).setParameter(3, a.type().name())
                    .setParameter(4, a.dimension()).setParameter(5, text(a.score()))
                    .setParameter(6, a.choices() == null ? null : Rows.json(a.choices())).setParameter(7, a.text())
                    .executeUpdate();
        }
        invitation.status = Invitation.ANSWERED;
        // Anonymous: the invitation keeps only that it was answered. Its answer time would equal the
        // response's and join the two (and through the invitation, the customer).
        invitation.answeredAt = anonymous ? null : submittedAt;

        String subject = storedCustomer != null ? storedCustomer.toString() : invitation.surveyId.toString();
        if (anonymous) {
            // Published later, at a random moment, by AnonymousResponseEvents: an event written now
            // would carry this request's time and request id, which join it to the answer link's call.
            anonymousEvents.schedule(responseId, now);
        } else {
            outbox.append(subject, ResponseSubmitted.TYPE, new ResponseSubmitted(responseId, invitation.surveyId,
                    version.version(), storedCustomer, nps, csat, ces, submittedAt));
        }
        if (storedCustomer != null) {
            // Anonymous answers cannot be followed up without undoing the anonymity, so they close no loop.
            Optional<ClosedLoop.Unhappy> unhappy = ClosedLoop.unhappy(answers, config.unhappy().npsMax(), config.unhappy().csatMax());
            unhappy.ifPresent(u -> outbox.append(subject, UnhappyResponse.TYPE, new UnhappyResponse(responseId,
                    invitation.surveyId, invitation.id, storedCustomer, u.scoreType(), u.score(), invitation.triggerEventType,
                    invitation.complaintId, submittedAt)));
        }
        ExitReasons.recordable(invitation.triggerEventType, storedCustomer == null, answers)
                .ifPresent(reasons -> outbox.append(subject, ExitReasonsRecorded.TYPE, new ExitReasonsRecorded(responseId,
                        invitation.surveyId, storedCustomer, reasons, submittedAt)));
        return new SubmittedResponse(responseId, invitation.surveyId, version.version(), submittedAt);
    }

    /** The invitation behind a token, if it can be answered now; otherwise the problem that says why not. */
    private Invitation answerable(String token, boolean lock) {
        if (!Tokens.plausible(token)) {
            throw unknownToken();
        }
        Optional<Invitation> found = Invitation.find("token", token).withLock(lock ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE)
                .firstResultOptional();
        Invitation invitation = found.orElseThrow(Responses::unknownToken);
        // A partner holding the token of a customer who does not share with partners (or was erased)
        // learns nothing, not even the invitation's state: the answer of a token that does not exist.
        if (partnerConsents.hiddenFromCaller(invitation.customerId == null ? null : invitation.customerId.toString())) {
            throw unknownToken();
        }
        return switch (InvitationStatus.of(invitation, clock.instant())) {
            case OPEN -> invitation;
            case ANSWERED -> throw ProblemException.conflict("already-answered", "this invitation was already answered; "
                    + "a survey can be answered once");
            case EXPIRED -> throw new ProblemException(410, "invitation-expired", "Invitation expired",
                    "this invitation expired at " + invitation.expiresAt);
            case SCHEDULED -> throw ProblemException.conflict("invitation-not-open", "this invitation opens at " + invitation.sendAt);
            case SKIPPED -> throw unknownToken();
        };
    }

    private static ProblemException unknownToken() {
        return new ProblemException(404, "unknown-invitation", "Not found", "no invitation has this token");
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
