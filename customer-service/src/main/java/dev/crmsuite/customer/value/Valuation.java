package dev.crmsuite.customer.value;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerConfig;
import dev.crmsuite.customer.customer.CustomerFacts;
import dev.crmsuite.customer.lifecycle.Lifecycle;
import dev.crmsuite.customer.segment.Segmentation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;

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

    /**
     * After a change to the customer's purchases (new, refunded, merged in): value, segment and stage
     * from one read of the facts, so the customer row is written once, at commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refresh(Customer c) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // The purchase or refund just recorded must be visible to the facts query.
        em.flush();
        CustomerFacts facts = CustomerFacts.load(em, c.id, now);
        apply(c, facts, now);
        segmentation.refresh(c, facts);
        lifecycle.refresh(c, facts);
        // The referrer's lifetime value counts this customer's revenue: that needs this customer's row written.
        if (facts.referrer() != null) {
            Customer r = Customer.findById(facts.referrer());
            if (r != null && r.mergedInto == null) {
                em.flush();
                CustomerFacts referrerFacts = CustomerFacts.load(em, r.id, now);
                apply(r, referrerFacts, now);
                segmentation.refresh(r, referrerFacts);
            }
        }
    }

    /** Revenue of the last 12 months (net of refunds), referral revenue, CLV = (own + referral) x years. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void computeValue(Customer c) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        em.flush();
        apply(c, CustomerFacts.load(em, c.id, now), now);
    }

    private void apply(Customer c, CustomerFacts facts, OffsetDateTime now) {
        c.revenue12m = facts.ownRevenue12m().setScale(2);
        c.referralRevenue12m = facts.referralRevenue12m().setScale(2);
        c.lifetimeValue = lifetimeValue(c.revenue12m, c.referralRevenue12m, config.value().expectedYears());
        c.valueComputedAt = now;
    }

    public static BigDecimal lifetimeValue(BigDecimal annualOwn, BigDecimal annualReferral, int years) {
        return annualOwn.add(annualReferral).multiply(BigDecimal.valueOf(years)).setScale(2);
    }
}
