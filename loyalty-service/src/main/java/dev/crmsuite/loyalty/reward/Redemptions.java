package dev.crmsuite.loyalty.reward;

import dev.crmsuite.loyalty.account.Accounts;
import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.ledger.EntryKind;
import dev.crmsuite.loyalty.ledger.Ledger;
import dev.crmsuite.loyalty.ledger.LedgerEntry;
import dev.crmsuite.loyalty.ledger.LoyaltyEvents;
import dev.crmsuite.loyalty.reward.RewardViews.RedemptionRequest;
import dev.crmsuite.loyalty.reward.RewardViews.RedemptionView;
import dev.crmsuite.platform.money.InstallationCurrency;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Redeeming points. The account row is locked first ({@code SELECT ... FOR UPDATE}), so concurrent
 * redemptions of one account run one after another and each sees the balance the previous one
 * left: the balance can never go below zero. Stock is taken by a guarded {@code UPDATE ... WHERE
 * stock >= quantity}, so a reward never oversells either.
 */
@ApplicationScoped
public class Redemptions {

    @Inject
    EntityManager em;
    @Inject
    Accounts accounts;
    @Inject
    Ledger ledger;
    @Inject
    Outbox outbox;
    @Inject
    LoyaltyConfig config;
    @Inject
    Clock clock;
    @Inject
    InstallationCurrency currency;

    @Transactional(Transactional.TxType.MANDATORY)
    public RedemptionView redeem(UUID customerId, RedemptionRequest request) {
        if ((request.rewardId() == null) == (request.points() == null)) {
            throw new ProblemException(400, "validation", "Invalid request",
                    "name either rewardId (a reward) or points (a discount), not both and not neither",
                    List.of(new Problem.FieldError("rewardId", "give either rewardId or points"),
                            new Problem.FieldError("points", "give either rewardId or points")));
        }
        if (request.rewardId() == null && request.quantity() != null) {
            throw ProblemException.invalid("quantity", "only applies to a reward");
        }
        Reward reward = null;
        if (request.rewardId() != null) {
            reward = em.find(Reward.class, request.rewardId());
            if (reward == null || !reward.active) {
                throw new ProblemException(422, "unknown-reward", "Unprocessable request",
                        "rewardId: reward " + request.rewardId() + " does not exist or is no longer offered",
                        List.of(new Problem.FieldError("rewardId", "no such reward in the catalogue")));
            }
        }
        int quantity = request.quantity() == null ? 1 : request.quantity();
        long points = reward != null ? Math.multiplyExact(reward.pointsCost, (long) quantity) : request.points();
        // Cheap refusal before queueing on the row lock: when a burst has already drained the balance,
        // the rest of the burst answers at once instead of holding connections while waiting for the lock.
        // Only a refusal is decided here; a success is decided again under the lock below.
        List<Long> unlocked = em.createQuery("select a.balance from LoyaltyAccount a where a.customerId = ?1 and a.status = ?2",
                        Long.class)
                .setParameter(1, customerId).setParameter(2, dev.crmsuite.loyalty.account.AccountStatus.ACTIVE).getResultList();
        if (!unlocked.isEmpty() && unlocked.getFirst() < points) {
            throw insufficient(points, unlocked.getFirst());
        }
        LoyaltyAccount account = accounts.lockForApi(customerId);
        if (points > account.balance) {
            throw insufficient(points, account.balance);
        }
        if (reward != null && reward.stock != null) {
            int taken = em.createNativeQuery("update reward set stock = stock - ?2, version = version + 1 where id = ?1 and stock >= ?2")
                    .setParameter(1, reward.id).setParameter(2, quantity).executeUpdate();
            if (taken == 0) {
                throw ProblemException.conflict("out-of-stock", "reward " + reward.id + " has fewer than " + quantity + " units left");
            }
        }
        Redemption redemption = new Redemption();
        redemption.id = UUID.randomUUID();
        redemption.customerId = customerId;
        redemption.kind = reward != null ? "REWARD" : "DISCOUNT";
        redemption.rewardId = reward == null ? null : reward.id;
        redemption.quantity = quantity;
        redemption.points = points;
        if (reward == null) {
            redemption.discountAmount = config.redemption().cashValuePerPoint().multiply(BigDecimal.valueOf(points))
                    .setScale(2, RoundingMode.FLOOR);
            redemption.currency = currency.code();
        }
        String reason = reward != null ? quantity + " x " + reward.name
                : "discount of " + redemption.discountAmount + " " + redemption.currency;
        LedgerEntry entry = ledger.debit(account, EntryKind.REDEEM, points, reason, "redemption:" + redemption.id, null, null);
        redemption.entryId = entry.id;
        redemption.createdAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        redemption.persist();
        if (reward != null) {
            outbox.append(customerId.toString(), LoyaltyEvents.REWARD_REDEEMED, new LoyaltyEvents.RewardRedeemed(customerId,
                    redemption.id, reward.id, points, account.balance, ledger.expiringNext(customerId)));
        }
        return view(redemption, account.balance);
    }

    private static ProblemException insufficient(long points, long balance) {
        return ProblemException.conflict("insufficient-points", "the redemption needs " + points + " points; the balance is " + balance)
                .with("balance", balance).with("required", points);
    }

    public static RedemptionView view(Redemption r, long balance) {
        return new RedemptionView(r.id, r.customerId, r.kind, r.rewardId, r.quantity, r.points, r.discountAmount, r.currency,
                balance, r.entryId, r.createdAt);
    }
}
