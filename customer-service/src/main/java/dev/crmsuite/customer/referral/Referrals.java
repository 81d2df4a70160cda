package dev.crmsuite.customer.referral;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.customer.customer.PartnerVisibility;
import dev.crmsuite.customer.history.History;
import dev.crmsuite.customer.segment.Segmentation;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.customer.value.Valuation;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.sql.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Who referred whom; the referred customers' revenue counts toward the referrer's lifetime value. */
@ApplicationScoped
public class Referrals {

    /** How far up a chain of referrals the cycle check walks: bounds it even over a cycle recorded before the check existed. */
    static final int MAX_CHAIN = 10_000;

    @Inject
    Customers customers;
    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    Timeline timeline;
    @Inject
    History history;
    @Inject
    Valuation valuation;
    @Inject
    Segmentation segmentation;
    @Inject
    Clock clock;
    @Inject
    PartnerVisibility visibility;

    @Schema(name = "NewReferral", description = "A customer this customer brought in")
    public record NewReferral(
            @NotNull @Schema(description = "The referred (new) customer", examples = "6a1f0e52-4f43-4c38-9d7e-0f3cf7e1f1aa", required = true)
            UUID referredCustomerId,
            @Size(max = 500) @Schema(examples = "neighbour; bought the same flat type") String note) {
    }

    @Schema(name = "Referral")
    public record ReferralView(UUID referralId, UUID referrerId, UUID referredId, String referredName,
                               @Schema(description = "The referred customer's net revenue of the last 12 months") BigDecimal referredRevenue12Months,
                               String note, OffsetDateTime recordedAt) {
    }

    @Schema(name = "Referrals", description = "Who referred this customer, and whom they referred")
    public record ReferralsView(ReferralView referredBy, List<ReferralView> referred,
                                @Schema(description = "Sum of the referred customers' 12-month revenue: the referral input of lifetime value")
                                BigDecimal annualReferralRevenue) {
    }

    /** {@code crm.referral.recorded.v1}, subject = the referrer. */
    public record Recorded(UUID referralId, UUID referrerId, UUID referredId, OffsetDateTime recordedAt) {
        public static final String TYPE = "crm.referral.recorded.v1";
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ReferralView record(UUID referrerId, NewReferral in) {
        awaitOtherReferralChanges();
        Customer referrer = customers.lock(referrerId);
        if (in.referredCustomerId().equals(referrer.id)) {
            throw unprocessable("self-referral", "a customer cannot refer themselves");
        }
        Customer referred = Customer.findById(in.referredCustomerId());
        // A referred customer hidden from a partner gets exactly the unknown-id answer (no "merged into" either).
        if (referred == null || visibility.hidden(referred)) {
            throw unprocessable("unknown-customer", "no customer " + in.referredCustomerId());
        }
        if (referred.mergedInto != null) {
            throw unprocessable("unknown-customer", "no customer " + in.referredCustomerId() + " (merged into " + referred.mergedInto + ")");
        }
        UUID existing = (UUID) em.createNativeQuery("select referrer_id from referral where referred_id = ?1")
                .setParameter(1, referred.id).getResultStream().findFirst().orElse(null);
        if (existing != null) {
            // The existing referrer is named only to callers who may see it.
            boolean nameable = !visibility.hidden(existing);
            ProblemException conflict = new ProblemException(409, "already-referred", "Conflict",
                    "customer " + referred.id + " was already referred" + (nameable ? " by " + existing : ""),
                    List.of(new Problem.FieldError("referredCustomerId", "already referred")));
            throw nameable ? conflict.with("referrerId", existing) : conflict;
        }
        // Whoever brought the referrer in, directly or down a chain, cannot have been brought in by them.
        if (broughtIn(referred.id, referrer.id)) {
            throw unprocessable("referral-cycle", "customer " + referred.id + " brought " + referrer.id
                    + " in (directly or through others they referred); the other way round cannot also be true");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into referral (id, referrer_id, referred_id, note, recorded_at) values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, id).setParameter(2, referrer.id).setParameter(3, referred.id).setParameter(4, in.note())
                .setParameter(5, now).executeUpdate();
        history.record(referrer.id, "referred", null, referred.id.toString());
        history.record(referred.id, "referredBy", null, referrer.id.toString());
        timeline.add(referrer.id, now, "REFERRAL", id.toString(), "Referred " + referred.displayName, Map.of("referredId", referred.id.toString()));
        timeline.add(referred.id, now, "REFERRAL", id.toString(), "Referred by " + referrer.displayName, Map.of("referrerId", referrer.id.toString()));
        outbox.append(referrer.id.toString(), Recorded.TYPE, new Recorded(id, referrer.id, referred.id, now));
        valuation.computeValue(referrer);
        segmentation.refresh(referrer);
        referrer.updatedAt = now;
        return new ReferralView(id, referrer.id, referred.id, referred.displayName, referred.revenue12m, in.note(), now);
    }

    /**
     * Whether {@code ancestor} brought {@code customer} in: as its referrer, or its referrer's, and so on
     * up the chain. A referral from {@code customer} to {@code ancestor} would close a circle.
     */
    /**
     * Waits until no other transaction records or moves referrals, and keeps them out until this one ends.
     * The cycle check reads chains of earlier referrals, which no row lock covers: A referring B while B
     * referred A at the same time both passed it. Referrals and merges are occasional staff or partner
     * actions; waiting for another one costs nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void awaitOtherReferralChanges() {
        AdvisoryLocks.lock(em, "customer", "referral");
    }

    public boolean broughtIn(UUID ancestor, UUID customer) {
        return em.createNativeQuery("""
                        with recursive up(id, depth) as (
                            select referrer_id, 1 from referral where referred_id = ?1
                            union all
                            select r.referrer_id, up.depth + 1 from referral r join up on r.referred_id = up.id where up.depth < ?3)
                        select 1 from up where id = ?2 limit 1""")
                .setParameter(1, customer).setParameter(2, ancestor).setParameter(3, MAX_CHAIN)
                .getResultStream().findFirst().isPresent();
    }

    public ReferralsView of(UUID customerId) {
        Customer c = customers.require(customerId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select r.id, r.referrer_id, r.referred_id, c.display_name, c.revenue_12m, r.note, r.recorded_at
                        from referral r join customer c on c.id = r.referred_id
                        where (r.referrer_id = ?1 or r.referred_id = ?1)""" + partnerFilter() + " order by r.recorded_at desc, r.id")
                .setParameter(1, c.id).getResultList();
        List<ReferralView> views = rows.stream().map(r -> new ReferralView((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3],
                (BigDecimal) r[4], (String) r[5], SqlTimes.utc(r[6]))).toList();
        return new ReferralsView(views.stream().filter(v -> v.referredId().equals(c.id)).findFirst().orElse(null),
                views.stream().filter(v -> v.referrerId().equals(c.id)).toList(), c.referralRevenue12m);
    }

    /**
     * For a partner, only referrals whose other customer is visible to partners: a hidden customer's id
     * and name are not shown. {@code ?1} is the customer whose referrals are read.
     */
    String partnerFilter() {
        return visibility.partnerCalling()
                ? " and " + PartnerVisibility.visibleIdSql("case when r.referrer_id = ?1 then r.referred_id else r.referrer_id end")
                : "";
    }

    private static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(422, slug, "Unprocessable request", "referredCustomerId: " + detail,
                List.of(new Problem.FieldError("referredCustomerId", detail)));
    }
}
