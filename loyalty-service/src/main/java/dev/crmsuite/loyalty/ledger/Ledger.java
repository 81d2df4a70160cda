package dev.crmsuite.loyalty.ledger;

import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.ledger.LoyaltyEvents.ExpiringNext;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.sql.JdbcStatement;
import dev.crmsuite.platform.sql.RowsAtCommit;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The only code that moves points. Every posting appends a ledger entry, changes the lots and the
 * account's running balance, and records the matching event, all in the caller's transaction and
 * while the caller holds the account row locked ({@link #lock}). Holding that one lock is what makes
 * concurrent redemptions safe: they queue on the row instead of reading a stale balance.
 */
@ApplicationScoped
public class Ledger {

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    LoyaltyConfig config;
    @Inject
    Outbox outbox;

    private static final RowsAtCommit.Table ENTRIES = RowsAtCommit.Table.of("ledger_entry", "id", "uuid", "customer_id", "uuid",
            "kind", "text", "points", "bigint", "balance_after", "bigint", "reason", "text", "source_ref", "text", "rule_ref", "text",
            "created_at", "timestamptz");
    private static final RowsAtCommit.Table LOTS = RowsAtCommit.Table.of("point_lot", "id", "uuid", "customer_id", "uuid",
            "entry_id", "uuid", "points", "bigint", "remaining", "bigint", "earned_at", "timestamptz", "expires_at", "timestamptz");

    public record Posting(LedgerEntry entry, PointLot lot) {
    }

    /** {@code SELECT ... FOR UPDATE} on the account; null when there is none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LoyaltyAccount lock(UUID customerId) {
        return em.find(LoyaltyAccount.class, customerId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Adds points. A new lot takes the part that lifts the balance above zero (a negative balance
     * left by a clawback is paid off first and has no lot to expire).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Posting credit(LoyaltyAccount account, EntryKind kind, long points, String reason, String sourceRef, String ruleRef) {
        return credit(account, kind, points, reason, sourceRef, ruleRef, null);
    }

    /**
     * Adds points whose lot dates from {@code earnedAt} (a purchase's own time; now when null or in the
     * future): a purchase imported late expires when it would have had it been recorded at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Posting credit(LoyaltyAccount account, EntryKind kind, long points, String reason, String sourceRef, String ruleRef,
                          OffsetDateTime earnedAt) {
        return credit(account, kind, points, reason, sourceRef, ruleRef, earnedAt, UUID.randomUUID());
    }

    /**
     * {@link #credit(LoyaltyAccount, EntryKind, long, String, String, String, OffsetDateTime)} under an entry id the
     * caller chose, so a row that refers to the entry can be written before it (a purchase with its points).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Posting credit(LoyaltyAccount account, EntryKind kind, long points, String reason, String sourceRef, String ruleRef,
                          OffsetDateTime earnedAt, UUID entryId) {
        Posting posting = post(account, kind, points, reason, sourceRef, ruleRef, earnedAt, entryId);
        posting.entry().persist();
        if (posting.lot() != null) {
            posting.lot().persist();
        }
        publish(account, posting.entry(), posting.lot(), expiringNext(account.customerId));
        return posting;
    }

    /** A credit worked out on the account: its entry and lot built, not written, nothing published. */
    private Posting post(LoyaltyAccount account, EntryKind kind, long points, String reason, String sourceRef, String ruleRef,
                         OffsetDateTime earnedAt, UUID entryId) {
        if (points <= 0) {
            throw new IllegalArgumentException("a credit must be positive, was " + points);
        }
        if (points > roomFor(account)) {
            throw ProblemException.conflict("balance-limit", "crediting " + points + " points would take the balance of "
                            + account.balance + " above the most an account may hold, " + PointsLimits.MAX_BALANCE)
                    .with("balance", account.balance).with("maxBalance", PointsLimits.MAX_BALANCE);
        }
        OffsetDateTime now = now();
        long before = account.balance;
        LedgerEntry entry = entry(entryId, account, kind, points, reason, sourceRef, ruleRef, now);
        long lotPoints = Math.max(0, account.balance) - Math.max(0, before);
        PointLot lot = null;
        if (lotPoints > 0) {
            lot = new PointLot();
            lot.id = UUID.randomUUID();
            lot.customerId = account.customerId;
            lot.entryId = entry.id;
            lot.points = lotPoints;
            lot.remaining = lotPoints;
            OffsetDateTime lotDate = earnedAt == null || earnedAt.isAfter(now) ? now : earnedAt.withOffsetSameInstant(ZoneOffset.UTC);
            lot.earnedAt = lotDate;
            lot.expiresAt = lotDate.plusMonths(config.points().expiryMonths());
        }
        if (kind.earns()) {
            account.lifetimeEarned = Math.addExact(account.lifetimeEarned, points);
        }
        return new Posting(entry, lot);
    }

    /**
     * Credits for a batch of events (the purchases of one poll) on accounts locked by
     * {@link dev.crmsuite.loyalty.account.AccountRows}: each works out and publishes exactly what
     * {@link #credit} would, in order, but the caller inserts the entries and lots ({@link Credits#rows})
     * with its own rows in one statement and writes the accounts back ({@code AccountRows.writeBack}).
     * {@code customerIds}: every account the batch may credit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Credits credits(Collection<UUID> customerIds) {
        return new Credits(expiringNext(customerIds));
    }

    /** See {@link #credits}. */
    public final class Credits {
        private final Map<UUID, ExpiringNext> next;
        private final List<String[]> entries = new ArrayList<>();
        private final List<String[]> lots = new ArrayList<>();

        private Credits(Map<UUID, ExpiringNext> next) {
            this.next = next;
        }

        /** As {@link Ledger#credit(LoyaltyAccount, EntryKind, long, String, String, String, OffsetDateTime, UUID)}. */
        public Posting credit(LoyaltyAccount account, EntryKind kind, long points, String reason, String sourceRef, String ruleRef,
                              OffsetDateTime earnedAt, UUID entryId) {
            Posting posting = post(account, kind, points, reason, sourceRef, ruleRef, earnedAt, entryId);
            LedgerEntry e = posting.entry();
            entries.add(new String[]{e.id.toString(), e.customerId.toString(), e.kind.name(), String.valueOf(e.points),
                    String.valueOf(e.balanceAfter), e.reason, e.sourceRef, e.ruleRef, e.createdAt.toString()});
            PointLot lot = posting.lot();
            if (lot != null) {
                lots.add(new String[]{lot.id.toString(), lot.customerId.toString(), lot.entryId.toString(), String.valueOf(lot.points),
                        String.valueOf(lot.remaining), lot.earnedAt.toString(), lot.expiresAt.toString()});
                next.put(account.customerId, withLot(next.get(account.customerId), lot.remaining, lot.expiresAt));
            }
            publish(account, e, lot, next.get(account.customerId));
            return posting;
        }

        /**
         * The entries and the lots that refer to them, for the caller to insert with its own rows in
         * one statement ({@link RowsAtCommit#insertNow}) before anything reads them.
         */
        public Map<RowsAtCommit.Table, List<String[]>> rows() {
            Map<RowsAtCommit.Table, List<String[]>> rows = new java.util.LinkedHashMap<>();
            rows.put(ENTRIES, List.copyOf(entries));
            rows.put(LOTS, List.copyOf(lots));
            return rows;
        }
    }

    /** The earliest expiry day and its points once a lot of {@code points} expiring at {@code expiresAt} is added. */
    static ExpiringNext withLot(ExpiringNext current, long points, OffsetDateTime expiresAt) {
        LocalDate day = expiresAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        if (current == null || day.isBefore(current.on())) {
            return new ExpiringNext(points, day);
        }
        return day.equals(current.on()) ? new ExpiringNext(Math.addExact(current.points(), points), day) : current;
    }

    /**
     * Takes points away, from the oldest lots first ({@code preferredLot} before them when given).
     * Whether the balance may go below zero is the caller's decision, checked before calling.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry debit(LoyaltyAccount account, EntryKind kind, long points, String reason, String sourceRef,
                             String ruleRef, UUID preferredLot) {
        if (points <= 0) {
            throw new IllegalArgumentException("a debit must be positive, was " + points);
        }
        long fromLots = Math.min(points, Math.max(0, account.balance));
        if (fromLots > 0) {
            List<PointLot> open = openLots(account.customerId);
            var plan = FifoConsumption.plan(open.stream()
                    .map(l -> new FifoConsumption.OpenLot(l.id, l.earnedAt, l.remaining)).toList(), fromLots, preferredLot);
            for (FifoConsumption.Take take : plan) {
                PointLot lot = open.stream().filter(l -> l.id.equals(take.lotId())).findFirst().orElseThrow();
                lot.remaining -= take.points();
            }
        }
        LedgerEntry entry = append(account, kind, -points, reason, sourceRef, ruleRef, now());
        if (kind == EntryKind.REDEEM) {
            account.lifetimeRedeemed = Math.addExact(account.lifetimeRedeemed, points);
        }
        publish(account, entry, null);
        return entry;
    }

    /** Expires what is left of one lot. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry expire(LoyaltyAccount account, PointLot lot) {
        OffsetDateTime now = now();
        long points = lot.remaining;
        lot.remaining = 0;
        lot.expiredAt = now;
        LedgerEntry entry = append(account, EntryKind.EXPIRE, -points,
                "lot earned " + lot.earnedAt.toLocalDate() + " expired unused on " + lot.expiresAt.toLocalDate(),
                "lot:" + lot.id, null, now);
        publish(account, entry, null);
        return entry;
    }

    /** Moves a whole account's points to another (customer merge): lots keep their expiry dates. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void transfer(LoyaltyAccount source, LoyaltyAccount target) {
        long points = source.balance;
        if (points == 0) {
            return;
        }
        OffsetDateTime now = now();
        // Neither side consumes or creates lots: the lots themselves change owner below.
        LedgerEntry out = append(source, EntryKind.ADJUST, -points, "merged into account " + target.customerId,
                "merge:" + target.customerId, null, now);
        em.createQuery("update PointLot set customerId = ?1 where customerId = ?2 and remaining > 0")
                .setParameter(1, target.customerId).setParameter(2, source.customerId).executeUpdate();
        LedgerEntry in = append(target, EntryKind.ADJUST, points, "merged from account " + source.customerId,
                "merge:" + source.customerId, null, now);
        publish(source, out, null);
        publish(target, in, null);
    }

    /** How many points may still be credited before the balance reaches {@link PointsLimits#MAX_BALANCE}. */
    public static long roomFor(LoyaltyAccount account) {
        return PointsLimits.MAX_BALANCE - account.balance;
    }

    public List<PointLot> openLots(UUID customerId) {
        return em.createQuery("from PointLot where customerId = ?1 and remaining > 0 order by earnedAt, id", PointLot.class)
                .setParameter(1, customerId).getResultList();
    }

    /**
     * The points of the earliest expiry day (UTC) among the open lots, or null. Asked after every
     * posting, so it is two index lookups in SQL rather than loading a customer's open lots.
     */
    public ExpiringNext expiringNext(UUID customerId) {
        return expiringNext(List.of(customerId)).get(customerId);
    }

    /** {@link #expiringNext(UUID)} of several accounts with one statement; accounts without open lots are absent. */
    private Map<UUID, ExpiringNext> expiringNext(Collection<UUID> customerIds) {
        Map<UUID, ExpiringNext> next = new HashMap<>();
        if (customerIds.isEmpty()) {
            return next;
        }
        em.flush();
        JdbcStatement.of("""
                        select f.customer_id, f.day,
                               (select coalesce(sum(p.remaining), 0) from point_lot p
                                where p.customer_id = f.customer_id and p.remaining > 0
                                  and p.expires_at >= f.day::timestamp at time zone 'UTC'
                                  and p.expires_at < (f.day + 1)::timestamp at time zone 'UTC')
                        from (select customer_id, (min(expires_at) at time zone 'UTC')::date as day from point_lot
                              where customer_id = any(cast(?1 as uuid[])) and remaining > 0 group by customer_id) f""",
                        List.of(JdbcStatement.textArray(customerIds)))
                .list(em, row -> next.put(row.getObject(1, UUID.class),
                        new ExpiringNext(row.getLong(3), row.getObject(2, LocalDate.class))));
        return next;
    }

    private LedgerEntry append(LoyaltyAccount account, EntryKind kind, long signedPoints, String reason, String sourceRef,
                               String ruleRef, OffsetDateTime now) {
        return append(UUID.randomUUID(), account, kind, signedPoints, reason, sourceRef, ruleRef, now);
    }

    private LedgerEntry append(UUID id, LoyaltyAccount account, EntryKind kind, long signedPoints, String reason, String sourceRef,
                               String ruleRef, OffsetDateTime now) {
        LedgerEntry entry = entry(id, account, kind, signedPoints, reason, sourceRef, ruleRef, now);
        entry.persist();
        return entry;
    }

    /** The entry of a posting, applied to the account's balance; written by the caller. */
    private LedgerEntry entry(UUID id, LoyaltyAccount account, EntryKind kind, long signedPoints, String reason, String sourceRef,
                              String ruleRef, OffsetDateTime now) {
        // Bounded by PointsLimits; exact all the same, so a broken bound fails instead of wrapping.
        account.balance = Math.addExact(account.balance, signedPoints);
        account.updatedAt = now;
        LedgerEntry entry = new LedgerEntry();
        entry.id = id;
        entry.customerId = account.customerId;
        entry.kind = kind;
        entry.points = signedPoints;
        entry.balanceAfter = account.balance;
        entry.reason = reason;
        entry.sourceRef = sourceRef;
        entry.ruleRef = ruleRef;
        entry.createdAt = now;
        return entry;
    }

    private void publish(LoyaltyAccount account, LedgerEntry entry, PointLot lot) {
        publish(account, entry, lot, expiringNext(account.customerId));
    }

    private void publish(LoyaltyAccount account, LedgerEntry entry, PointLot lot, ExpiringNext next) {
        UUID customer = account.customerId;
        long magnitude = Math.abs(entry.points);
        Object data = switch (entry.kind) {
            case EARN -> new LoyaltyEvents.PointsEarned(customer, entry.id, magnitude, entry.balanceAfter, entry.sourceRef,
                    entry.ruleRef, lot == null ? null : lot.expiresAt, next);
            case REDEEM -> new LoyaltyEvents.PointsRedeemed(customer, entry.id, magnitude, entry.balanceAfter,
                    stripPrefix(entry.sourceRef), next);
            case EXPIRE -> new LoyaltyEvents.PointsExpired(customer, entry.id, magnitude, entry.balanceAfter, next);
            case REVERSAL -> new LoyaltyEvents.PointsReversed(customer, entry.id, magnitude, entry.balanceAfter,
                    entry.sourceRef, next);
            case ADJUST, GOODWILL, BONUS -> new LoyaltyEvents.PointsAdjusted(customer, entry.id, entry.points,
                    entry.balanceAfter, entry.kind, entry.sourceRef, next);
        };
        String type = switch (entry.kind) {
            case EARN -> LoyaltyEvents.POINTS_EARNED;
            case REDEEM -> LoyaltyEvents.POINTS_REDEEMED;
            case EXPIRE -> LoyaltyEvents.POINTS_EXPIRED;
            case REVERSAL -> LoyaltyEvents.POINTS_REVERSED;
            case ADJUST, GOODWILL, BONUS -> LoyaltyEvents.POINTS_ADJUSTED;
        };
        outbox.append(customer.toString(), type, data);
    }

    private static String stripPrefix(String ref) {
        if (ref == null) {
            return null;
        }
        int colon = ref.indexOf(':');
        return colon < 0 ? ref : ref.substring(colon + 1);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
