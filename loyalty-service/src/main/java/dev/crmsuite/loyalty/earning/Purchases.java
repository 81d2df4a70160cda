package dev.crmsuite.loyalty.earning;

import dev.crmsuite.loyalty.account.Accounts;
import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.ledger.EntryKind;
import dev.crmsuite.loyalty.ledger.Ledger;
import dev.crmsuite.loyalty.tier.TierPolicy;
import dev.crmsuite.platform.money.InstallationCurrency;
import dev.crmsuite.platform.events.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Points from purchases and back on refunds. Earning is idempotent on the purchase id (the
 * {@code purchase} row's primary key), not on the event id, so a purchase published twice under two
 * event ids still earns once. Refunds are idempotent on the refund id the same way.
 */
@ApplicationScoped
public class Purchases {

    private static final Logger LOG = Logger.getLogger(Purchases.class);

    @Inject
    EntityManager em;
    @Inject
    Accounts accounts;
    @Inject
    Ledger ledger;
    @Inject
    RuleSets ruleSets;
    @Inject
    TierPolicy tiers;
    @Inject
    LoyaltyConfig config;
    @Inject
    Clock clock;
    @Inject
    InstallationCurrency currency;

    @Transactional(Transactional.TxType.MANDATORY)
    public void recorded(PurchaseEvents.Recorded purchase) {
        if (purchase.purchaseId() == null || purchase.customerId() == null || purchase.amount() == null) {
            throw new PoisonEventException("purchase.recorded needs purchaseId, customerId and amount");
        }
        OffsetDateTime now = now();
        OffsetDateTime purchasedAt = purchase.purchasedAt() == null ? now : purchase.purchasedAt();
        LoyaltyAccount account = accounts.lockLive(purchase.customerId());
        if (account == null) {
            // The registration has not reached us (or predates this service): membership starts now.
            accounts.open(purchase.customerId(), now);
            account = accounts.lockLive(purchase.customerId());
        }
        // A closed account keeps the purchase for history but earns nothing, so it applies no rules.
        // The rules are read and the points worked out before the row is written, so the row is written once,
        // with its rule version, points and ledger entry (each written afterwards cost one statement more).
        RuleSets.InForce rules = account.active() ? ruleSets.inForceAt(purchasedAt) : null;
        PointsCalculator.Result result = rules == null ? null : PointsCalculator.calculate(rules.rules(),
                new PointsCalculator.Purchase(purchase.amount(), purchasedAt, account.tier, purchase.customerSegment()));
        // A purchase is a fact from customer-service, not a request we can refuse: it earns what still fits
        // under the balance maximum (in practice always all of it).
        long points = result == null ? 0 : Math.max(0, Math.min(result.points(), Ledger.roomFor(account)));
        UUID entryId = points > 0 ? UUID.randomUUID() : null;
        int inserted = em.createNativeQuery("""
                        insert into purchase (purchase_id, customer_id, amount, currency, purchased_at, segment, tier,
                                              points_awarded, points_reversed, refunded_amount, recorded_at, rule_version,
                                              earn_entry_id)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?10, 0, 0, ?8, ?9, ?11) on conflict (purchase_id) do nothing""")
                .unwrap(org.hibernate.query.NativeQuery.class).addSynchronizedQuerySpace("purchase")
                .setParameter(1, purchase.purchaseId()).setParameter(2, account.customerId)
                .setParameter(3, purchase.amount()).setParameter(4, currency.code())
                .setParameter(5, purchasedAt).setParameter(6, purchase.customerSegment())
                .setParameter(7, account.tier.name()).setParameter(8, now)
                .setParameter(9, new org.hibernate.query.TypedParameterValue<>(org.hibernate.type.StandardBasicTypes.INTEGER,
                        rules == null ? null : rules.version()))
                .setParameter(10, points)
                .setParameter(11, new org.hibernate.query.TypedParameterValue<>(org.hibernate.type.StandardBasicTypes.UUID, entryId))
                .executeUpdate();
        if (inserted == 0) {
            LOG.infof("purchase %s already earned its points; ignoring the repeat", purchase.purchaseId());
            return;
        }
        if (points <= 0) {
            return;
        }
        // The tier is reconsidered before the credit: its qualifying points come from the purchase rows, this one
        // included, and the account is then written once with its review date and balance (it was written twice).
        tiers.reconsider(account);
        String ruleRef = "rules-v" + rules.version() + (result.campaigns().isEmpty() ? "" : "+" + String.join("+", result.campaigns()));
        ledger.credit(account, EntryKind.EARN, points, "purchase of " + purchase.amount() + " " + currency.code(),
                "purchase:" + purchase.purchaseId(), ruleRef, purchasedAt, entryId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void refunded(PurchaseEvents.Refunded refund) {
        if (refund.refundId() == null || refund.purchaseId() == null || refund.amount() == null || refund.amount().signum() <= 0) {
            throw new PoisonEventException("purchase.refunded needs refundId, purchaseId and a positive amount");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select customer_id, amount, points_awarded, points_reversed, refunded_amount, earn_entry_id
                        from purchase where purchase_id = ?1""")
                .setParameter(1, refund.purchaseId()).getResultList();
        if (rows.isEmpty()) {
            LOG.warnf("refund %s is for purchase %s that never earned here; nothing to take back", refund.refundId(), refund.purchaseId());
            return;
        }
        UUID customerId = (UUID) rows.getFirst()[0];
        LoyaltyAccount account = accounts.lockLive(customerId);
        // Re-read under the account lock: two refunds of one purchase must not both see the old totals.
        Object[] row = (Object[]) em.createNativeQuery("""
                        select amount, points_awarded, points_reversed, refunded_amount, earn_entry_id, purchased_at
                        from purchase where purchase_id = ?1 for update""")
                .setParameter(1, refund.purchaseId()).getSingleResult();
        BigDecimal purchaseAmount = (BigDecimal) row[0];
        long awarded = ((Number) row[1]).longValue();
        long reversed = ((Number) row[2]).longValue();
        BigDecimal refundedTotal = ((BigDecimal) row[3]).add(refund.amount());
        UUID earnEntry = (UUID) row[4];
        OffsetDateTime purchasedAt = utc(row[5]);
        long due = Clawback.pointsToReverse(awarded, reversed, purchaseAmount, refundedTotal);
        long taken = account == null ? 0 : Clawback.collectible(due, account.balance, config.points().allowNegativeBalance());
        int inserted = em.createNativeQuery("""
                        insert into purchase_refund (refund_id, purchase_id, amount, points, uncollected, refunded_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (refund_id) do nothing""")
                .setParameter(1, refund.refundId()).setParameter(2, refund.purchaseId()).setParameter(3, refund.amount())
                .setParameter(4, taken).setParameter(5, due - taken)
                .setParameter(6, refund.refundedAt() == null ? now() : refund.refundedAt())
                .executeUpdate();
        if (inserted == 0) {
            return; // this refund was already applied
        }
        em.createNativeQuery("update purchase set refunded_amount = ?2, points_reversed = points_reversed + ?3 where purchase_id = ?1")
                .setParameter(1, refund.purchaseId()).setParameter(2, refundedTotal).setParameter(3, due).executeUpdate();
        if (account == null || !account.active()) {
            return;
        }
        if (taken <= 0) {
            // Nothing could be taken back (balance 0), but the points are refunded all the same: they no
            // longer qualify, so the tier follows even without a REVERSAL entry.
            tiers.reconsiderAfterRefund(account, purchasedAt);
            return;
        }
        String reason = "refund of " + refund.amount() + " of a " + purchaseAmount + " purchase";
        if (taken < due) {
            reason += "; " + (due - taken) + " of the " + due + " points due could not be taken back without a negative balance";
        }
        ledger.debit(account, EntryKind.REVERSAL, taken, reason, "refund:" + refund.refundId() + ";purchase:" + refund.purchaseId(),
                null, lotOf(earnEntry));
        tiers.reconsiderAfterRefund(account, purchasedAt);
    }

    private UUID lotOf(UUID earnEntry) {
        if (earnEntry == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<UUID> lots = em.createNativeQuery("select id from point_lot where entry_id = ?1").setParameter(1, earnEntry).getResultList();
        return lots.isEmpty() ? null : lots.getFirst();
    }

    private static OffsetDateTime utc(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp " + value);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
