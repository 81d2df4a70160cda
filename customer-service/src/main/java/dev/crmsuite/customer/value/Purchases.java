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
        String externalOrderId = in.externalOrderId().trim();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (in.purchasedAt() != null && in.purchasedAt().isAfter(now.plusMinutes(5))) {
            // a repeat of an order already recorded is answered like any repeat, before its input is judged
            Optional<Recorded> repeat = repeated(c, externalOrderId, in.amount());
            if (repeat.isPresent()) {
                return repeat.get();
            }
            throw ProblemException.invalid("purchasedAt", "must not be in the future");
        }
        Purchase p = new Purchase();
        p.id = UUID.randomUUID();
        p.customerId = c.id;
        p.externalOrderId = externalOrderId;
        p.amount = in.amount().setScale(2);
        p.currency = currency;
        p.purchasedAt = in.purchasedAt() == null ? now : in.purchasedAt();
        p.discounted = in.discounted();
        List<PurchaseModels.Item> items = in.items() == null ? List.of() : in.items();
        p.items = EventJson.write(items);
        p.recordedAt = now;
        // The row and the idempotency check in one statement (they were a look-up and an insert): a repeated
        // order inserts nothing and is answered with the purchase recorded first. Synchronised on its own table,
        // so the locked customer is not flushed first.
        int inserted = em.createNativeQuery("""
                        insert into purchase (id, customer_id, external_order_id, amount, refunded_amount, currency, purchased_at,
                                              discounted, items, recorded_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as jsonb), ?10)
                        on conflict (customer_id, external_order_id) do nothing""")
                .unwrap(org.hibernate.query.NativeQuery.class).addSynchronizedQuerySpace("purchase")
                .setParameter(1, p.id).setParameter(2, p.customerId).setParameter(3, p.externalOrderId)
                .setParameter(4, p.amount).setParameter(5, p.refundedAmount).setParameter(6, p.currency)
                .setParameter(7, p.purchasedAt).setParameter(8, p.discounted).setParameter(9, p.items)
                .setParameter(10, p.recordedAt)
                .executeUpdate();
        if (inserted == 0) {
            return repeated(c, externalOrderId, in.amount()).orElseThrow();
        }
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

    /** The purchase recorded first under this order id, if any; a conflict if the amounts differ. */
    private Optional<Recorded> repeated(Customer c, String externalOrderId, BigDecimal amount) {
        return Purchase.<Purchase>find("customerId = ?1 and externalOrderId = ?2", c.id, externalOrderId).firstResultOptional()
                .map(first -> {
                    if (first.amount.compareTo(amount) != 0) {
                        throw new ProblemException(409, "external-order-id-reused", "Conflict",
                                "externalOrderId " + first.externalOrderId + " was already recorded for this customer with amount "
                                        + first.amount.toPlainString(),
                                List.of(new Problem.FieldError("externalOrderId", "already recorded with another amount")))
                                .with("existingPurchaseId", first.id);
                    }
                    return new Recorded(first, false);
                });
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
