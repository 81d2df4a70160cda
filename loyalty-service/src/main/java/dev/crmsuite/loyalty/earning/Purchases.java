package dev.crmsuite.loyalty.earning;

import dev.crmsuite.loyalty.account.AccountRows;
import dev.crmsuite.loyalty.account.Accounts;
import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.ledger.EntryKind;
import dev.crmsuite.loyalty.ledger.Ledger;
import dev.crmsuite.loyalty.tier.TierPolicy;
import dev.crmsuite.platform.money.InstallationCurrency;
import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.events.PoisonEventException;
import dev.crmsuite.platform.inbox.BatchedEvents;
import dev.crmsuite.platform.sql.JdbcStatement;
import dev.crmsuite.platform.sql.RowsAtCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    @Inject
    AccountRows accountRows;
    @Inject
    RowsAtCommit rows;

    private static final RowsAtCommit.Table PURCHASES = RowsAtCommit.Table.of("purchase", "purchase_id", "uuid", "customer_id", "uuid",
            "amount", "numeric", "currency", "text", "purchased_at", "timestamptz", "segment", "text", "tier", "text",
            "points_awarded", "bigint", "recorded_at", "timestamptz", "rule_version", "int", "earn_entry_id", "uuid",
            "points_reversed", "bigint", "refunded_amount", "numeric");

    /**
     * Applies {@code crm.purchase.recorded.v1} events, in order, with a fixed number of statements
     * however many there are (one poll's purchases): the accounts locked together, the purchases,
     * ledger entries and lots inserted by one statement, the accounts written back by one.
     * Each purchase earns and publishes exactly what it would applied alone, in the same order: a
     * customer's second purchase of the batch sees the tier and balance the first one left.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recorded(List<CloudEvent> events) {
        List<Arrival> arrivals = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            PurchaseEvents.Recorded purchase = EventJson.data(event, PurchaseEvents.Recorded.class);
            if (purchase.purchaseId() == null || purchase.customerId() == null || purchase.amount() == null) {
                throw new PoisonEventException("purchase.recorded needs purchaseId, customerId and amount");
            }
            arrivals.add(new Arrival(event, purchase));
        }
        OffsetDateTime now = now();
        // The accounts are read and written with native statements below: nothing Hibernate holds may go stale.
        em.flush();
        em.clear();
        Set<UUID> customers = new LinkedHashSet<>();
        arrivals.forEach(a -> customers.add(a.purchase().customerId()));
        Map<UUID, LoyaltyAccount> accounts = lockedAccounts(arrivals, customers, now);
        Set<UUID> known = alreadyRecorded(arrivals);
        Set<UUID> active = new LinkedHashSet<>();
        accounts.values().stream().filter(LoyaltyAccount::active).forEach(a -> active.add(a.customerId));
        Map<UUID, Long> qualifying = tiers.qualifyingPoints(active, now);
        Ledger.Credits credits = ledger.credits(active);
        Map<UUID, LoyaltyAccount> changed = new LinkedHashMap<>();
        List<String[]> purchaseRows = new ArrayList<>(arrivals.size());
        for (Arrival arrival : arrivals) {
            PurchaseEvents.Recorded purchase = arrival.purchase();
            if (!known.add(purchase.purchaseId())) {
                LOG.infof("purchase %s already earned its points; ignoring the repeat", purchase.purchaseId());
                continue;
            }
            LoyaltyAccount account = accounts.get(purchase.customerId());
            if (account == null) {
                throw new PoisonEventException("customer " + purchase.customerId() + " has no live loyalty account (broken merge chain)");
            }
            OffsetDateTime purchasedAt = purchase.purchasedAt() == null ? now : purchase.purchasedAt();
            // A closed account keeps the purchase for history but earns nothing, so it applies no rules.
            RuleSets.InForce rules = account.active() ? ruleSets.inForceAt(purchasedAt) : null;
            PointsCalculator.Result result = rules == null ? null : PointsCalculator.calculate(rules.rules(),
                    new PointsCalculator.Purchase(purchase.amount(), purchasedAt, account.tier, purchase.customerSegment()));
            // A purchase is a fact from customer-service, not a request we can refuse: it earns what still fits
            // under the balance maximum (in practice always all of it).
            long points = result == null ? 0 : Math.max(0, Math.min(result.points(), Ledger.roomFor(account)));
            UUID entryId = points > 0 ? UUID.randomUUID() : null;
            purchaseRows.add(new String[]{purchase.purchaseId().toString(), account.customerId.toString(),
                    purchase.amount().toPlainString(), currency.code(), purchasedAt.toString(), purchase.customerSegment(),
                    account.tier.name(), String.valueOf(points), now.toString(), rules == null ? null : String.valueOf(rules.version()),
                    entryId == null ? null : entryId.toString(), "0", "0"});
            if (points <= 0) {
                continue;
            }
            BatchedEvents.during(arrival.event(), () -> {
                // The tier is reconsidered before the credit: its qualifying points are the purchases', this one included.
                long qualified = qualifying.merge(account.customerId, tiers.qualifies(purchasedAt, now) ? points : 0, Long::sum);
                tiers.reconsider(account, qualified, now);
                String ruleRef = "rules-v" + rules.version() + (result.campaigns().isEmpty() ? "" : "+" + String.join("+", result.campaigns()));
                credits.credit(account, EntryKind.EARN, points, "purchase of " + purchase.amount() + " " + currency.code(),
                        "purchase:" + purchase.purchaseId(), ruleRef, purchasedAt, entryId);
            });
            changed.put(account.customerId, account);
        }
        Map<RowsAtCommit.Table, List<String[]>> inserts = new LinkedHashMap<>();
        inserts.put(PURCHASES, purchaseRows);
        inserts.putAll(credits.rows());
        rows.insertNow(inserts);
        accountRows.writeBack(changed.values());
    }

    private record Arrival(CloudEvent event, PurchaseEvents.Recorded purchase) {
    }

    /**
     * The live account of each purchase's customer, locked. A customer whose registration has not
     * reached us (or predates this service) becomes a member now, as of its first purchase.
     */
    private Map<UUID, LoyaltyAccount> lockedAccounts(List<Arrival> arrivals, Set<UUID> customers, OffsetDateTime now) {
        Map<UUID, LoyaltyAccount> accounts = new HashMap<>(accountRows.lockLive(customers));
        if (accounts.size() == customers.size()) {
            return accounts;
        }
        Set<UUID> missing = new LinkedHashSet<>(customers);
        missing.removeAll(accounts.keySet());
        for (UUID customer : missing) {
            CloudEvent first = arrivals.stream().filter(a -> a.purchase().customerId().equals(customer)).findFirst().orElseThrow().event();
            BatchedEvents.during(first, () -> this.accounts.open(customer, now));
        }
        em.flush();
        em.clear();
        accounts.putAll(accountRows.lockLive(missing));
        return accounts;
    }

    /** The purchase ids of the batch already recorded (a purchase published again under a new event id). */
    private Set<UUID> alreadyRecorded(List<Arrival> arrivals) {
        return new HashSet<>(JdbcStatement.of("select purchase_id from purchase where purchase_id = any(cast(?1 as uuid[]))",
                        List.of(JdbcStatement.textArray(arrivals.stream().map(a -> a.purchase().purchaseId()).toList())))
                .list(em, row -> row.getObject(1, UUID.class)));
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
