package dev.crmsuite.survey.invitation;

import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.survey.SurveyConfig;
import dev.crmsuite.survey.customer.KnownCustomers;
import dev.crmsuite.survey.survey.SurveyStore;
import dev.crmsuite.survey.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
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
    Clock clock;

    /** What fired: the event (or schedule) and, for a resolved complaint, which complaint. */
    public record Trigger(String eventId, String eventType, UUID customerId, UUID complaintId, Instant occurredAt) {
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
        Duration period = config.contactBudget().period();
        long recent = ((Number) em.createNativeQuery("""
                        select count(*) from invitation
                        where customer_id = ?1 and status <> 'SKIPPED' and send_at > ?2 and send_at < ?3""")
                .setParameter(1, trigger.customerId())
                .setParameter(2, Rows.utc(sendAt.minus(period))).setParameter(3, Rows.utc(sendAt.plus(period)))
                .getSingleResult()).longValue();
        SkipReason skip = ContactRules.check(customer.marketingConsent(), recent, config.contactBudget().maxInvitations());

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
