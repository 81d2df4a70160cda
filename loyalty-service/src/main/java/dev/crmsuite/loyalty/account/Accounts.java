package dev.crmsuite.loyalty.account;

import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.ledger.EntryKind;
import dev.crmsuite.loyalty.ledger.Ledger;
import dev.crmsuite.loyalty.ledger.LoyaltyEvents;
import dev.crmsuite.loyalty.tier.Tier;
import dev.crmsuite.loyalty.tier.TierPolicy;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.privacy.PersonalData;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Club membership over a customer's life: opened on registration, moved on merge, closed on erasure. */
@ApplicationScoped
public class Accounts {

    @Inject
    EntityManager em;
    @Inject
    Ledger ledger;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    LoyaltyConfig config;
    @Inject
    TierPolicy tiers;
    @Inject
    PersonalData personalData;

    /** Opens the account if it does not exist yet (registrations may be redelivered or arrive late). */
    @Transactional(Transactional.TxType.MANDATORY)
    public LoyaltyAccount open(UUID customerId, OffsetDateTime joinedAt) {
        LoyaltyAccount existing = em.find(LoyaltyAccount.class, customerId);
        if (existing != null) {
            return existing;
        }
        OffsetDateTime now = now();
        LoyaltyAccount account = new LoyaltyAccount();
        account.customerId = customerId;
        account.status = AccountStatus.ACTIVE;
        account.tier = Tier.MEMBER;
        account.joinedAt = joinedAt == null ? now : joinedAt.withOffsetSameInstant(ZoneOffset.UTC);
        account.tierSince = account.joinedAt;
        account.tierReviewAt = now.plusMonths(config.tiers().reviewMonths());
        account.updatedAt = now;
        account.persist();
        em.flush();
        outbox.append(customerId.toString(), LoyaltyEvents.ACCOUNT_OPENED,
                new LoyaltyEvents.AccountOpened(customerId, account.joinedAt, account.tier));
        return account;
    }

    /**
     * The live account a customer id stands for, locked: follows merges to the surviving account.
     * Null when the customer has none.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public LoyaltyAccount lockLive(UUID customerId) {
        UUID id = customerId;
        for (int hops = 0; hops < 10; hops++) {
            LoyaltyAccount account = ledger.lock(id);
            if (account == null || account.status != AccountStatus.MERGED || account.mergedInto == null) {
                return account;
            }
            id = account.mergedInto;
        }
        return null;
    }

    /** Locks the account for a points movement requested through the API: 404 / 409 when impossible. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LoyaltyAccount lockForApi(UUID customerId) {
        LoyaltyAccount account = ledger.lock(customerId);
        if (account == null) {
            throw ProblemException.notFound("loyalty account", customerId);
        }
        if (account.status == AccountStatus.MERGED) {
            throw ProblemException.conflict("account-merged", "account " + customerId + " was merged into " + account.mergedInto)
                    .with("mergedInto", account.mergedInto);
        }
        if (account.status == AccountStatus.CLOSED) {
            throw ProblemException.conflict("account-closed", "account " + customerId + " is closed");
        }
        return account;
    }

    /**
     * Erasure: the balance is forfeited (the ledger says so), the account closed, and whatever loyalty
     * ever put on its personal topic tombstoned (nothing today: loyalty keeps no name, email or free
     * text about the customer in its events, but a record added later is erased without a change here).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void close(UUID customerId) {
        personalData.erase(customerId);
        em.createNativeQuery("update known_customer set updated_at = ?2 where customer_id = ?1")
                .setParameter(1, customerId).setParameter(2, now()).executeUpdate();
        LoyaltyAccount account = ledger.lock(customerId);
        if (account == null || account.status == AccountStatus.CLOSED) {
            return;
        }
        if (account.balance > 0) {
            ledger.debit(account, EntryKind.ADJUST, account.balance, "account closed: customer data erased", "erasure", null, null);
        } else if (account.balance < 0) {
            ledger.credit(account, EntryKind.ADJUST, -account.balance, "account closed: customer data erased", "erasure", null);
        }
        account.status = AccountStatus.CLOSED;
        account.closedAt = now();
        account.updatedAt = account.closedAt;
    }

    /** Merge: the source's points, lots, lifetime totals, purchases and attended events move to the target, which keeps the better tier. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void merge(UUID sourceId, UUID targetId, OffsetDateTime mergedAt) {
        if (sourceId.equals(targetId)) {
            return;
        }
        // Lock both rows in a fixed order so two merges can never deadlock each other.
        LoyaltyAccount first = ledger.lock(sourceId.compareTo(targetId) < 0 ? sourceId : targetId);
        LoyaltyAccount second = ledger.lock(sourceId.compareTo(targetId) < 0 ? targetId : sourceId);
        LoyaltyAccount source = sourceId.compareTo(targetId) < 0 ? first : second;
        LoyaltyAccount target = sourceId.compareTo(targetId) < 0 ? second : first;
        if (source == null || source.status != AccountStatus.ACTIVE) {
            return;
        }
        if (target == null) {
            target = open(targetId, mergedAt);
            target = ledger.lock(targetId);
        }
        ledger.transfer(source, target);
        target.lifetimeEarned += source.lifetimeEarned;
        target.lifetimeRedeemed += source.lifetimeRedeemed;
        if (source.joinedAt.isBefore(target.joinedAt)) {
            target.joinedAt = source.joinedAt;
        }
        if (source.tier.above(target.tier)) {
            outbox.append(targetId.toString(), LoyaltyEvents.TIER_CHANGED,
                    new LoyaltyEvents.TierChanged(targetId, source.tier, target.tier, now()));
            target.tier = source.tier;
            target.tierSince = source.tierSince;
            target.tierReviewAt = source.tierReviewAt;
        }
        em.createNativeQuery("update purchase set customer_id = ?1 where customer_id = ?2")
                .setParameter(1, targetId).setParameter(2, sourceId).executeUpdate();
        em.createNativeQuery("update event_attendance set customer_id = ?1 where customer_id = ?2")
                .setParameter(1, targetId).setParameter(2, sourceId).executeUpdate();
        // The duplicate's purchases now qualify for the survivor: its tier may rise at once.
        tiers.reconsider(target);
        source.status = AccountStatus.MERGED;
        source.mergedInto = targetId;
        source.updatedAt = now();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
