package dev.crmsuite.customer.value;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerConfig;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.customer.followup.FollowUpRules;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Records purchases and refunds, and keeps value, segment, stage and follow-ups in step with them. */
@ApplicationScoped
public class Purchases {

    @Inject
    Customers customers;
    @Inject
    CustomerConfig config;
    @Inject
    Valuation valuation;
    @Inject
    Timeline timeline;
    @Inject
    FollowUpRules followUps;
    @Inject
    Outbox outbox;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    dev.crmsuite.customer.lifecycle.Lifecycle lifecycle;
    @Inject
    dev.crmsuite.customer.insight.RiskAssessments risk;

    /** The result of recording: the purchase and whether it was new (false: a retry found the first one). */
    public record Recorded(Purchase purchase, boolean created) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Recorded record(UUID customerId, PurchaseModels.NewPurchase in) {
        Customer c = customers.lock(customerId);
        String currency = config.value().currency();
        if (!currency.equals(in.currency())) {
            throw ProblemException.invalid("currency", "must be " + currency + ", the reporting currency of this installation");
        }
        Optional<Purchase> existing = Purchase.find("customerId = ?1 and externalOrderId = ?2", c.id, in.externalOrderId().trim())
                .firstResultOptional();
        if (existing.isPresent()) {
            Purchase first = existing.get();
            if (first.amount.compareTo(in.amount()) != 0) {
                throw new ProblemException(409, "external-order-id-reused", "Conflict",
                        "externalOrderId " + first.externalOrderId + " was already recorded for this customer with amount "
                                + first.amount.toPlainString(),
                        List.of(new Problem.FieldError("externalOrderId", "already recorded with another amount")))
                        .with("existingPurchaseId", first.id);
            }
            return new Recorded(first, false);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (in.purchasedAt() != null && in.purchasedAt().isAfter(now.plusMinutes(5))) {
            throw ProblemException.invalid("purchasedAt", "must not be in the future");
        }
        Purchase p = new Purchase();
        p.id = UUID.randomUUID();
        p.customerId = c.id;
        p.externalOrderId = in.externalOrderId().trim();
        p.amount = in.amount().setScale(2);
        p.currency = currency;
        p.purchasedAt = in.purchasedAt() == null ? now : in.purchasedAt();
        p.discounted = in.discounted();
        List<PurchaseModels.Item> items = in.items() == null ? List.of() : in.items();
        p.items = EventJson.write(items);
        p.recordedAt = now;
        p.persist();
        lifecycle.purchased(c, p.purchasedAt);
        valuation.refresh(c);
        c.updatedAt = now;
        // audiences filter on it; a backdated purchase does not move it back
        if (c.lastPurchaseAt == null || p.purchasedAt.isAfter(c.lastPurchaseAt)) {
            c.lastPurchaseAt = p.purchasedAt;
        }
        timeline.add(c.id, p.purchasedAt, "PURCHASE", p.id.toString(),
                "Purchase " + p.externalOrderId + " " + p.amount.toPlainString() + " " + p.currency + (p.discounted ? " (discounted)" : ""),
                Map.of("amount", p.amount, "currency", p.currency, "externalOrderId", p.externalOrderId, "items", items.size()));
        outbox.append(c.id.toString(), PurchaseEvents.PurchaseRecorded.TYPE, new PurchaseEvents.PurchaseRecorded(p.id, c.id,
                p.externalOrderId, p.amount, p.currency, p.purchasedAt, p.discounted, items, c.segment, c.valueTier, c.stage));
        followUps.onPurchase(c, p);
        // a purchase ends a risk episode now, not at the next daily sweep
        risk.onPurchase(c);
        return new Recorded(p, true);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PurchaseModels.RefundView refund(UUID customerId, UUID purchaseId, PurchaseModels.NewRefund in) {
        Customer c = customers.lock(customerId);
        Purchase p = Purchase.<Purchase>findByIdOptional(purchaseId)
                .filter(x -> x.customerId.equals(c.id))
                .orElseThrow(() -> ProblemException.notFound("purchase", purchaseId));
        BigDecimal remaining = p.amount.subtract(p.refundedAmount);
        BigDecimal amount = in == null || in.amount() == null ? remaining : in.amount().setScale(2);
        if (remaining.signum() == 0) {
            throw new ProblemException(409, "already-refunded", "Conflict", "purchase " + purchaseId + " is already fully refunded");
        }
        if (amount.compareTo(remaining) > 0) {
            throw new ProblemException(422, "refund-exceeds-purchase", "Unprocessable request",
                    "amount: at most " + remaining.toPlainString() + " can still be refunded",
                    List.of(new Problem.FieldError("amount", "must be at most " + remaining.toPlainString())));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Refund r = new Refund();
        r.id = UUID.randomUUID();
        r.purchaseId = p.id;
        r.customerId = c.id;
        r.amount = amount;
        r.reason = in == null ? null : in.reason();
        r.refundedAt = now;
        r.persist();
        p.refundedAmount = p.refundedAmount.add(amount);
        if (p.refundedAmount.compareTo(p.amount) >= 0) {
            followUps.onFullRefund(p);
        }
        valuation.refresh(c);
        c.updatedAt = now;
        timeline.add(c.id, now, "REFUND", r.id.toString(),
                "Refund " + amount.toPlainString() + " " + p.currency + " of purchase " + p.externalOrderId,
                Map.of("amount", amount, "purchaseId", p.id.toString()));
        outbox.append(c.id.toString(), PurchaseEvents.PurchaseRefunded.TYPE,
                new PurchaseEvents.PurchaseRefunded(r.id, p.id, c.id, amount, p.amount, p.currency, now));
        return new PurchaseModels.RefundView(r.id, p.id, c.id, amount, r.reason, now, p.refundedAmount, p.amount);
    }
}
