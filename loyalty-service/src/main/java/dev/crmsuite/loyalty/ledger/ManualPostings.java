package dev.crmsuite.loyalty.ledger;

import dev.crmsuite.loyalty.account.Accounts;
import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.ledger.LedgerViews.AdjustmentRequest;
import dev.crmsuite.loyalty.ledger.LedgerViews.EntryView;
import dev.crmsuite.loyalty.ledger.LedgerViews.LotView;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Manual postings by staff, and the ledger and lot listings. */
@ApplicationScoped
public class ManualPostings {

    @Inject
    EntityManager em;
    @Inject
    Accounts accounts;
    @Inject
    Ledger ledger;

    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry post(UUID customerId, AdjustmentRequest request) {
        long points = request.points();
        if (points == 0) {
            throw ProblemException.invalid("points", "must not be zero");
        }
        if (points < 0 && request.kind() != LedgerViews.ManualKind.ADJUST) {
            throw ProblemException.invalid("points", "must be positive for " + request.kind() + "; use ADJUST to take points away");
        }
        LoyaltyAccount account = accounts.lockForApi(customerId);
        EntryKind kind = EntryKind.valueOf(request.kind().name());
        String sourceRef = request.sourceRef() == null ? "manual" : request.sourceRef();
        if (points > 0) {
            return ledger.credit(account, kind, points, request.reason().trim(), sourceRef, null).entry();
        }
        if (-points > account.balance) {
            throw ProblemException.conflict("insufficient-points",
                            "cannot take " + -points + " points from a balance of " + account.balance)
                    .with("balance", account.balance);
        }
        return ledger.debit(account, kind, -points, request.reason().trim(), sourceRef, null, null);
    }

    public Page<EntryView> ledgerPage(UUID customerId, EntryKind kind, Integer limit, String cursor) {
        int size = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 1);
        StringBuilder jpql = new StringBuilder("from LedgerEntry where customerId = :customer");
        if (kind != null) {
            jpql.append(" and kind = :kind");
        }
        if (after != null) {
            jpql.append(" and seq < :seq");
        }
        jpql.append(" order by seq desc");
        TypedQuery<LedgerEntry> query = em.createQuery(jpql.toString(), LedgerEntry.class).setParameter("customer", customerId);
        if (kind != null) {
            query.setParameter("kind", kind);
        }
        if (after != null) {
            query.setParameter("seq", parseLong(after.get(0)));
        }
        return Page.of(query.setMaxResults(size + 1).getResultList(), size, e -> Cursor.of(e.seq), EntryView::of);
    }

    public Page<LotView> lotPage(UUID customerId, boolean openOnly, Integer limit, String cursor) {
        int size = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 2);
        StringBuilder jpql = new StringBuilder("from PointLot where customerId = :customer");
        if (openOnly) {
            jpql.append(" and remaining > 0");
        }
        if (after != null) {
            jpql.append(" and (earnedAt > :at or (earnedAt = :at and id > :id))");
        }
        jpql.append(" order by earnedAt, id");
        TypedQuery<PointLot> query = em.createQuery(jpql.toString(), PointLot.class).setParameter("customer", customerId);
        if (after != null) {
            try {
                query.setParameter("at", OffsetDateTime.parse(after.get(0))).setParameter("id", UUID.fromString(after.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
        }
        return Page.of(query.setMaxResults(size + 1).getResultList(), size, l -> Cursor.of(l.earnedAt, l.id), LotView::of);
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
    }
}
