package dev.crmsuite.customer.value;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerConfig;
import dev.crmsuite.customer.lifecycle.Lifecycle;
import dev.crmsuite.customer.segment.Segmentation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One customer's value after a purchase, refund or referral: 12-month revenue, referral revenue,
 * lifetime value, and then the segment and stage that depend on them. The Pareto tier needs every
 * customer and is left to {@link ValueTiers}.
 */
@ApplicationScoped
public class Valuation {

    @Inject
    CustomerConfig config;
    @Inject
    EntityManager em;
    @Inject
    Segmentation segmentation;
    @Inject
    Lifecycle lifecycle;
    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void refresh(Customer c) {
        computeValue(c);
        segmentation.refresh(c);
        lifecycle.refresh(c);
        // The referrer's lifetime value counts this customer's revenue.
        em.flush();
        Object referrer = em.createNativeQuery("select referrer_id from referral where referred_id = ?1")
                .setParameter(1, c.id).getResultStream().findFirst().orElse(null);
        if (referrer != null) {
            Customer r = Customer.findById((UUID) referrer);
            if (r != null && r.mergedInto == null) {
                computeValue(r);
                segmentation.refresh(r);
            }
        }
    }

    /** Revenue of the last 12 months (net of refunds), referral revenue, CLV = (own + referral) x years. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void computeValue(Customer c) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        em.flush();
        BigDecimal own = (BigDecimal) em.createNativeQuery("""
                        select coalesce(sum(amount - refunded_amount), 0) from purchase
                        where customer_id = ?1 and purchased_at > ?2 and purchased_at <= ?3""")
                .setParameter(1, c.id).setParameter(2, now.minusMonths(12)).setParameter(3, now).getSingleResult();
        BigDecimal referral = (BigDecimal) em.createNativeQuery("""
                        select coalesce(sum(c.revenue_12m), 0) from referral r join customer c on c.id = r.referred_id
                        where r.referrer_id = ?1 and c.id <> ?1""")
                .setParameter(1, c.id).getSingleResult();
        c.revenue12m = own.setScale(2);
        c.referralRevenue12m = referral.setScale(2);
        c.lifetimeValue = lifetimeValue(c.revenue12m, c.referralRevenue12m, config.value().expectedYears());
        c.valueComputedAt = now;
    }

    public static BigDecimal lifetimeValue(BigDecimal annualOwn, BigDecimal annualReferral, int years) {
        return annualOwn.add(annualReferral).multiply(BigDecimal.valueOf(years)).setScale(2);
    }
}
