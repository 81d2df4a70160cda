package dev.crmsuite.loyalty.privacy;

import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.goodwill.GoodwillRequest;
import dev.crmsuite.loyalty.ledger.LedgerEntry;
import dev.crmsuite.loyalty.ledger.PointLot;
import dev.crmsuite.loyalty.reward.Redemption;
import dev.crmsuite.loyalty.voucher.Voucher;
import dev.crmsuite.platform.time.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Collects loyalty's part of a person's data export: every table that holds a row about them. */
@ApplicationScoped
public class LoyaltyPrivacyExports {

    /** Merges chain at most this deep; deeper means a cycle in bad data. */
    private static final int MAX_MERGE_HOPS = 16;

    private final EntityManager em;
    private final Clock clock;

    public LoyaltyPrivacyExports(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** One read transaction, so the sections agree with each other (a posting lands in all of them or none). */
    @Transactional
    public LoyaltyPrivacyExport export(UUID customerId) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<UUID> ids = List.copyOf(withMergedAccounts(customerId));
        return new LoyaltyPrivacyExport(customerId, now, contacts(ids), consents(ids), accounts(ids), ledger(ids), lots(ids),
                purchases(ids), refunds(ids), vouchers(ids, now), redemptions(ids), goodwill(ids),
                attendedEvents(ids));
    }

    /** The customer and every account merged into theirs (directly or through another merged one): the same person. */
    private Set<UUID> withMergedAccounts(UUID customerId) {
        Set<UUID> ids = new LinkedHashSet<>(List.of(customerId));
        List<UUID> frontier = List.of(customerId);
        for (int hop = 0; hop < MAX_MERGE_HOPS && !frontier.isEmpty(); hop++) {
            List<UUID> next = new ArrayList<>();
            for (UUID id : em.createQuery("select a.customerId from LoyaltyAccount a where a.mergedInto in :ids order by a.customerId",
                    UUID.class).setParameter("ids", frontier).getResultList()) {
                if (ids.add(id)) {
                    next.add(id);
                }
            }
            frontier = next;
        }
        return ids;
    }

    private List<LoyaltyPrivacyExport.Contact> contacts(List<UUID> ids) {
        return tuples("""
                select customer_id, registered_at, updated_at from known_customer
                where customer_id in (:ids) order by registered_at, customer_id""", ids).stream()
                .map(t -> new LoyaltyPrivacyExport.Contact(t.get("customer_id", UUID.class),
                        SqlTimes.utc(t.get("registered_at")), SqlTimes.utc(t.get("updated_at"))))
                .toList();
    }

    private List<LoyaltyPrivacyExport.PartnerConsent> consents(List<UUID> ids) {
        // partner_consent keys customers by their id as text (the platform's PartnerConsents table).
        List<String> keys = ids.stream().map(UUID::toString).toList();
        return tuples("""
                        select customer_id, partner_sharing, merged_into, updated_at from partner_consent
                        where customer_id in (:ids) order by updated_at, customer_id""", keys).stream()
                .map(t -> new LoyaltyPrivacyExport.PartnerConsent(UUID.fromString(t.get("customer_id", String.class)),
                        t.get("partner_sharing", Boolean.class), uuidOrNull(t.get("merged_into", String.class)),
                        SqlTimes.utc(t.get("updated_at"))))
                .toList();
    }

    private List<LoyaltyPrivacyExport.Account> accounts(List<UUID> ids) {
        List<LoyaltyPrivacyExport.Account> out = new ArrayList<>();
        // The person's own account first, then the merged ones in the order they were found.
        for (UUID id : ids) {
            LoyaltyAccount a = em.find(LoyaltyAccount.class, id);
            if (a != null) {
                out.add(new LoyaltyPrivacyExport.Account(a.customerId, a.status, a.tier, a.tierSince, a.tierReviewAt, a.balance,
                        a.lifetimeEarned, a.lifetimeRedeemed, a.joinedAt, a.mergedInto, a.closedAt, a.updatedAt));
            }
        }
        return out;
    }

    private List<LoyaltyPrivacyExport.LedgerEntry> ledger(List<UUID> ids) {
        return em.createQuery("from LedgerEntry where customerId in :ids order by seq", LedgerEntry.class)
                .setParameter("ids", ids).getResultList().stream()
                .map(e -> new LoyaltyPrivacyExport.LedgerEntry(e.id, e.customerId, e.kind, e.points, e.balanceAfter, e.reason,
                        e.sourceRef, e.ruleRef, e.createdAt))
                .toList();
    }

    private List<LoyaltyPrivacyExport.Lot> lots(List<UUID> ids) {
        return em.createQuery("from PointLot where customerId in :ids order by earnedAt, id", PointLot.class)
                .setParameter("ids", ids).getResultList().stream()
                .map(l -> new LoyaltyPrivacyExport.Lot(l.id, l.customerId, l.entryId, l.points, l.remaining, l.earnedAt,
                        l.expiresAt, l.expiredAt))
                .toList();
    }

    private List<LoyaltyPrivacyExport.Purchase> purchases(List<UUID> ids) {
        return tuples("""
                select purchase_id, customer_id, amount, currency, purchased_at, segment, tier, rule_version, points_awarded,
                       points_reversed, refunded_amount, earn_entry_id, recorded_at
                from purchase where customer_id in (:ids) order by purchased_at, purchase_id""", ids).stream()
                .map(t -> new LoyaltyPrivacyExport.Purchase(t.get("purchase_id", UUID.class), t.get("customer_id", UUID.class),
                        t.get("amount", BigDecimal.class), t.get("currency", String.class), SqlTimes.utc(t.get("purchased_at")),
                        t.get("segment", String.class), t.get("tier", String.class),
                        t.get("rule_version") == null ? null : t.get("rule_version", Number.class).intValue(),
                        t.get("points_awarded", Number.class).longValue(), t.get("points_reversed", Number.class).longValue(),
                        t.get("refunded_amount", BigDecimal.class), t.get("earn_entry_id", UUID.class),
                        SqlTimes.utc(t.get("recorded_at"))))
                .toList();
    }

    private List<LoyaltyPrivacyExport.AttendedEvent> attendedEvents(List<UUID> ids) {
        return tuples("""
                select delivery_id, campaign_id, customer_id, event_title, attended_at, rule_version, points_awarded,
                       earn_entry_id, recorded_at
                from event_attendance where customer_id in (:ids) order by attended_at, delivery_id""", ids).stream()
                .map(t -> new LoyaltyPrivacyExport.AttendedEvent(t.get("delivery_id", UUID.class), t.get("campaign_id", UUID.class),
                        t.get("customer_id", UUID.class), t.get("event_title", String.class), SqlTimes.utc(t.get("attended_at")),
                        t.get("rule_version") == null ? null : t.get("rule_version", Number.class).intValue(),
                        t.get("points_awarded", Number.class).longValue(), t.get("earn_entry_id", UUID.class),
                        SqlTimes.utc(t.get("recorded_at"))))
                .toList();
    }

    private List<LoyaltyPrivacyExport.Refund> refunds(List<UUID> ids) {
        return tuples("""
                select r.refund_id, r.purchase_id, r.amount, r.points, r.uncollected, r.refunded_at
                from purchase_refund r join purchase p on p.purchase_id = r.purchase_id
                where p.customer_id in (:ids) order by r.refunded_at, r.refund_id""", ids).stream()
                .map(t -> new LoyaltyPrivacyExport.Refund(t.get("refund_id", UUID.class), t.get("purchase_id", UUID.class),
                        t.get("amount", BigDecimal.class), t.get("points", Number.class).longValue(),
                        t.get("uncollected", Number.class).longValue(), SqlTimes.utc(t.get("refunded_at"))))
                .toList();
    }

    private List<LoyaltyPrivacyExport.VoucherRecord> vouchers(List<UUID> ids, OffsetDateTime now) {
        return em.createQuery("from Voucher where customerId in :ids or redeemedBy in :ids order by createdAt, id", Voucher.class)
                .setParameter("ids", ids).getResultList().stream()
                .map(v -> new LoyaltyPrivacyExport.VoucherRecord(v.id, v.code, v.customerId, v.batchId, v.kind, v.value, v.currency,
                        v.validFrom, v.validUntil, v.statusAt(now), v.redeemedAt, v.redeemedBy, v.orderRef, v.cancelledAt,
                        v.cancelReason, v.createdAt))
                .toList();
    }

    private List<LoyaltyPrivacyExport.RedemptionRecord> redemptions(List<UUID> ids) {
        return em.createQuery("from Redemption where customerId in :ids order by createdAt, id", Redemption.class)
                .setParameter("ids", ids).getResultList().stream()
                .map(r -> new LoyaltyPrivacyExport.RedemptionRecord(r.id, r.customerId, r.kind, r.rewardId, r.quantity, r.points,
                        r.discountAmount, r.currency, r.entryId, r.createdAt))
                .toList();
    }

    private List<LoyaltyPrivacyExport.GoodwillDecision> goodwill(List<UUID> ids) {
        return em.createQuery("from GoodwillRequest where customerId in :ids order by requestedAt, complaintId", GoodwillRequest.class)
                .setParameter("ids", ids).getResultList().stream()
                .map(g -> new LoyaltyPrivacyExport.GoodwillDecision(g.complaintId, g.customerId, g.requestedPoints, g.grantedPoints,
                        g.status, g.reason, g.entryId, g.requestedAt))
                .toList();
    }

    /** The rows of {@code sql} whose {@code :ids} list parameter is {@code ids}, read by column name. */
    private List<Tuple> tuples(String sql, List<?> ids) {
        List<?> rows = em.createNativeQuery(sql, Tuple.class).setParameter("ids", ids).getResultList();
        return rows.stream().map(Tuple.class::cast).toList();
    }

    private static UUID uuidOrNull(String id) {
        return id == null ? null : UUID.fromString(id);
    }
}
