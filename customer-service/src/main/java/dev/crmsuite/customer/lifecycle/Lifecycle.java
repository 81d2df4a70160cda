package dev.crmsuite.customer.lifecycle;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerConfig;
import dev.crmsuite.customer.customer.CustomerFacts;
import dev.crmsuite.customer.history.History;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.privacy.PersonalData;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Moves customers through the lifecycle: by the rules, or by staff with a reason. */
@ApplicationScoped
public class Lifecycle {

    @Inject
    CustomerConfig config;
    @Inject
    EntityManager em;
    @Inject
    History history;
    @Inject
    Outbox outbox;
    @Inject
    Timeline timeline;
    @Inject
    Clock clock;
    @Inject
    Callers callers;
    @Inject
    PersonalData personalData;

    LifecycleRules.Thresholds thresholds() {
        CustomerConfig.Lifecycle l = config.lifecycle();
        return new LifecycleRules.Thresholds(l.hesitantMinTouchpoints(), l.repeatBuyerMinPurchases(), l.stablePartnerMinPurchases(),
                l.stablePartnerMinMonths(), l.longTermPartnerMinPurchases(), l.longTermPartnerMinMonths(),
                l.lostAfterDaysWithoutPurchase());
    }

    /** Applies the rules unless staff overrode the stage. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refresh(Customer c) {
        if (c.stageOverridden || c.erased()) {
            return;
        }
        refresh(c, CustomerFacts.load(em, c.id, OffsetDateTime.now(clock)));
    }

    /** The same, from facts the caller already read. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refresh(Customer c, CustomerFacts facts) {
        if (c.stageOverridden || c.erased()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        LifecycleRules.Derived derived = LifecycleRules.derive(new LifecycleRules.Facts(facts.purchases(), facts.firstPurchaseAt(),
                facts.lastPurchaseAt(), facts.touchpoints()), thresholds(), now);
        if (!derived.stage().name().equals(c.stage)) {
            // Leaving LOST through a purchase made since the loss is a win-back: the reason says so, so consumers (and the
            // timeline) can tell it from a released override or imported history.
            boolean wonBack = Stage.LOST.name().equals(c.stage) && facts.lastPurchaseAt() != null
                    && (c.lostAt == null || !facts.lastPurchaseAt().isBefore(c.lostAt));
            String reason = wonBack ? "won back: " + derived.reason() : derived.reason();
            move(c, derived.stage(), "rule: " + reason, false,
                    derived.stage() == Stage.LOST ? LostReason.OTHER : null, derived.reason(), now);
        }
    }

    /** Staff sets the stage; LOST needs a reason code and text. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void override(Customer c, StageInput input) {
        if (input.stage() == Stage.LOST) {
            List<Problem.FieldError> errors = new ArrayList<>();
            if (input.lostReasonCode() == null) {
                errors.add(new Problem.FieldError("lostReasonCode", "required when stage is LOST: one of " + List.of(LostReason.values())));
            }
            if (input.lostReasonText() == null || input.lostReasonText().isBlank()) {
                errors.add(new Problem.FieldError("lostReasonText", "required when stage is LOST"));
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(400, "validation", "Invalid request",
                        "a LOST customer needs lostReasonCode and lostReasonText", errors);
            }
        }
        if (!c.stageOverridden) {
            history.record(c.id, "stageOverridden", false, true);
        }
        c.stageOverridden = true;
        move(c, input.stage(), input.reason().trim(), true, input.lostReasonCode(),
                input.lostReasonText() == null ? null : input.lostReasonText().trim(), OffsetDateTime.now(clock));
    }

    /**
     * A purchase by a customer staff marked LOST wins them back: the LOST override no longer holds, so
     * the rules place the customer again (the caller refreshes the stage with the purchase counted). A
     * purchase dated before the customer was lost (history being imported) wins nobody back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void purchased(Customer c, OffsetDateTime purchasedAt) {
        if (c.stageOverridden && Stage.LOST.name().equals(c.stage) && (c.lostAt == null || !purchasedAt.isBefore(c.lostAt))) {
            history.record(c.id, "stageOverridden", true, false);
            c.stageOverridden = false;
        }
    }

    /** Hands the stage back to the rules. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(Customer c) {
        if (c.stageOverridden) {
            history.record(c.id, "stageOverridden", true, false);
            c.stageOverridden = false;
        }
        refresh(c);
    }

    private void move(Customer c, Stage stage, String reason, boolean overridden, LostReason lostCode, String lostText,
                      OffsetDateTime now) {
        Stage previous = Stage.valueOf(c.stage);
        history.record(c.id, "stage", c.stage, stage.name());
        c.stage = stage.name();
        c.stageReason = reason;
        c.stageChangedAt = now;
        c.updatedAt = now;
        if (stage == Stage.LOST) {
            c.lostReasonCode = lostCode.name();
            c.lostReasonText = lostText;
            c.lostAt = now;
            em.createNativeQuery("""
                            insert into customer_loss (id, customer_id, reason_code, reason_text, lost_at, actor)
                            values (?1, ?2, ?3, ?4, ?5, ?6)""")
                    .unwrap(org.hibernate.query.NativeQuery.class).addSynchronizedQuerySpace("customer_loss")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, c.id).setParameter(3, lostCode.name())
                    .setParameter(4, lostText).setParameter(5, now).setParameter(6, overridden ? callers.actor() : Caller.SYSTEM_ACTOR)
                    .executeUpdate();
        } else {
            c.lostReasonCode = null;
            c.lostReasonText = null;
            c.lostAt = null;
        }
        timeline.add(c.id, now, "STAGE_CHANGED", null, previous + " -> " + stage + ": " + reason,
                Map.of("stage", stage.name(), "previousStage", previous.name(), "overridden", overridden));
        outbox.append(c.id.toString(), LifecycleEvents.StageChanged.TYPE,
                new LifecycleEvents.StageChanged(c.id, stage, previous, overridden ? null : reason, overridden, now));
        if (stage == Stage.LOST) {
            outbox.append(c.id.toString(), LifecycleEvents.MarkedLost.TYPE, new LifecycleEvents.MarkedLost(c.id, lostCode, now));
            personalData.record(c.id, LifecycleEvents.LostReasonRecord.THING, c.id.toString(),
                    new LifecycleEvents.LostReasonRecord(c.id, lostText));
        } else if (previous == Stage.LOST) {
            personalData.forget(c.id, LifecycleEvents.LostReasonRecord.THING, c.id.toString());
        }
    }
}
