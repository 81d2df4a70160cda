package dev.crmsuite.survey.invitation;

import dev.crmsuite.platform.contact.ContactBudget;
import dev.crmsuite.platform.contact.ContactConfig;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.survey.SurveyConfig;
import dev.crmsuite.survey.contact.ContactLog;
import dev.crmsuite.survey.customer.KnownCustomers;
import dev.crmsuite.survey.survey.SurveyStore;
import dev.crmsuite.survey.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns a trigger (another service's event, or the periodic schedule) into an invitation, or into
 * a recorded skip. One row per survey and trigger event id, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class Invitations {

    private static final Logger LOG = Logger.getLogger(Invitations.class);

    @Inject
    EntityManager em;
    @Inject
    KnownCustomers customers;
    @Inject
    Outbox outbox;
    @Inject
    SurveyConfig config;
    @Inject
    ContactConfig contactConfig;
    @Inject
    ContactLog contactLog;
    @Inject
    Clock clock;

    /** What fired: the event (or schedule) and, for a resolved complaint, which complaint. */
    public record Trigger(String eventId, String eventType, UUID customerId, UUID complaintId, Instant occurredAt) {
    }

    /**
     * Marketing consent withdrawn (or the customer erased): the customer's invitations not sent yet
     * (pending, send time still ahead) become skip records with {@code NO_MARKETING_CONSENT}, their
     * token gone, in the transaction that applies the consent. Invitations already sent stay
     * answerable. No {@code crm.survey.invitation.skipped.v1} follows: the contract promises created
     * <em>or</em> skipped once per survey and trigger, and these were announced as created (see the README).
     *
     * @return how many were withdrawn
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int withdrawUnsent(UUID customerId, Instant now) {
        int withdrawn = em.createNativeQuery("""
                        update invitation set status = 'SKIPPED', skip_reason = ?3, token = null
                        where customer_id = ?1 and status = 'PENDING' and answered_at is null and send_at > ?2""")
                .setParameter(1, customerId).setParameter(2, Rows.utc(now))
                .setParameter(3, SkipReason.NO_MARKETING_CONSENT.name()).executeUpdate();
        if (withdrawn > 0) {
            LOG.debugf("withdrew %d unsent invitation(s) of %s: no marketing consent", withdrawn, customerId);
        }
        return withdrawn;
    }

    /** Creates the invitation or the skip record; returns it, or null when this trigger was already handled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Invitation offer(SurveyStore.ActiveTrigger survey, Trigger trigger) {
        // Lock the customer first: their invitations are counted against the budget one at a time.
        KnownCustomers.KnownCustomer customer = customers.lock(trigger.customerId())
                .orElse(KnownCustomers.KnownCustomer.unknown(trigger.customerId()));
        boolean exists = Invitation.count("surveyId = ?1 and triggerEventId = ?2", survey.surveyId(), trigger.eventId()) > 0;
        if (exists) {
            return null;
        }
        Instant now = clock.instant();
        Instant base = trigger.occurredAt() == null ? now : trigger.occurredAt();
        Instant sendAt = base.plus(survey.delay());
        // The suite's one contact budget: this service's invitations and the campaign deliveries customer-service
        // requested (contact_log) count alike. An invitation is a contact at its send time; invitations already
        // scheduled for up to a period later count too, or a late trigger with a short delay could overtake them.
        ContactBudget budget = ContactBudget.of(contactConfig);
        Instant from = budget.windowStart(sendAt);
        Instant until = sendAt.plus(budget.period());
        long invited = ((Number) em.createNativeQuery("""
                        select count(*) from invitation
                        where customer_id = ?1 and status <> 'SKIPPED' and send_at >= ?2 and send_at < ?3""")
                .setParameter(1, trigger.customerId())
                .setParameter(2, Rows.utc(from)).setParameter(3, Rows.utc(until))
                .getSingleResult()).longValue();
        long contacts = invited + contactLog.count(trigger.customerId(), from, until);
        SkipReason skip = SkipReason.of(budget.check(customer.marketingConsent(), contacts));

        Invitation invitation = new Invitation();
        invitation.id = UUID.randomUUID();
        invitation.surveyId = survey.surveyId();
        invitation.surveyVersion = survey.surveyVersion();
        invitation.customerId = trigger.customerId();
        invitation.triggerEventId = trigger.eventId();
        invitation.triggerEventType = trigger.eventType();
        invitation.complaintId = trigger.complaintId();
        invitation.createdAt = Rows.utc(now);
        String subject = trigger.customerId().toString();
        if (skip != null) {
            invitation.status = Invitation.SKIPPED;
            invitation.skipReason = skip.name();
            invitation.persist();
            outbox.append(subject, InvitationSkipped.TYPE,
                    new InvitationSkipped(survey.surveyId(), trigger.customerId(), trigger.eventId(), skip.name()));
            LOG.debugf("skipped survey %s for %s: %s", survey.surveyId(), trigger.customerId(), skip);
            return invitation;
        }
        invitation.status = Invitation.PENDING;
        invitation.token = Tokens.create(config.invitation().tokenBytes());
        invitation.sendAt = Rows.utc(sendAt);
        invitation.expiresAt = Rows.utc(sendAt.plus(config.invitation().validity()));
        invitation.persist();
        outbox.append(subject, InvitationCreated.TYPE, new InvitationCreated(invitation.id, survey.surveyId(),
                trigger.customerId(), trigger.eventId(), invitation.expiresAt, invitation.sendAt));
        return invitation;
    }
}
