package dev.crmsuite.survey.contact;

import dev.crmsuite.survey.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Contacts other services made with a customer, learnt from their events, for the suite's one
 * contact budget: a customer who just got a campaign is not also sent a survey invitation on top.
 * Survey invitations themselves are counted from the invitation table, not logged here.
 */
@ApplicationScoped
public class ContactLog {

    /** A campaign delivery customer-service requested ({@code crm.campaign.delivery-requested.v1}, id = deliveryId). */
    public static final String CAMPAIGN_DELIVERY = "campaign-delivery";

    private final EntityManager em;

    @Inject
    public ContactLog(EntityManager em) {
        this.em = em;
    }

    /** Records one contact; the same source and id again (a redelivered event) changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String source, String sourceId, UUID customerId, Instant contactedAt) {
        em.createNativeQuery("""
                        insert into contact_log (source, source_id, customer_id, contacted_at)
                        values (?1, ?2, ?3, ?4) on conflict (source, source_id) do nothing""")
                .setParameter(1, source).setParameter(2, sourceId).setParameter(3, customerId)
                .setParameter(4, Rows.utc(contactedAt)).executeUpdate();
    }

    /** Contacts of the customer at or after {@code from} and before {@code until}. */
    public long count(UUID customerId, Instant from, Instant until) {
        return ((Number) em.createNativeQuery("""
                        select count(*) from contact_log
                        where customer_id = ?1 and contacted_at >= ?2 and contacted_at < ?3""")
                .setParameter(1, customerId).setParameter(2, Rows.utc(from)).setParameter(3, Rows.utc(until))
                .getSingleResult()).longValue();
    }

    /** Two records of one customer became one: their contacts count against the survivor's budget. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void merge(UUID source, UUID target) {
        em.createNativeQuery("update contact_log set customer_id = ?2 where customer_id = ?1")
                .setParameter(1, source).setParameter(2, target).executeUpdate();
    }

    /** Right to erasure: an erased customer is never contacted again, so their contacts need not be kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(UUID customerId) {
        em.createNativeQuery("delete from contact_log where customer_id = ?1").setParameter(1, customerId).executeUpdate();
    }
}
