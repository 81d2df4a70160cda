package dev.crmsuite.customer.segment;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerConfig;
import dev.crmsuite.customer.customer.CustomerFacts;
import dev.crmsuite.customer.history.History;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/** Keeps a customer's segment in line with staff input and purchase behaviour. */
@ApplicationScoped
public class Segmentation {

    @Inject
    CustomerConfig config;
    @Inject
    EntityManager em;
    @Inject
    History history;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    ServicePolicies policies;

    /** Re-derives what staff did not set, then the segment; emits segment-changed when it moved. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refresh(Customer c) {
        refresh(c, CustomerFacts.load(em, c.id, OffsetDateTime.now(clock)));
    }

    /** The same, from facts the caller already read (a purchase reads them once for value, segment and stage). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refresh(Customer c, CustomerFacts facts) {
        CustomerConfig.Segment cfg = config.segment();
        OffsetDateTime now = OffsetDateTime.now(clock);
        long purchases = facts.purchases();
        long discounted = facts.discounted();
        long lastYear = facts.purchasesLastYear();
        if (!c.priceSensitivityByStaff) {
            set(c, "priceSensitivity", c.priceSensitivity,
                    name(SegmentRules.priceSensitivity(purchases, discounted, cfg.minPurchasesToDerive(), cfg.priceSensitiveDiscountShare())));
        }
        if (!c.relationshipOrientationByStaff) {
            set(c, "relationshipOrientation", c.relationshipOrientation,
                    name(SegmentRules.relationshipOrientation(purchases, lastYear, cfg.minPurchasesToDerive(), cfg.relationshipPurchasesPerYear())));
        }
        Segment segment = SegmentRules.segment(level(c.priceSensitivity), level(c.relationshipOrientation), c.keyAccountByStaff,
                c.lifetimeValue.compareTo(cfg.keyAccountLifetimeValue()) >= 0, c.accountManager != null);
        String previous = c.segment;
        if (segment == null && previous != null) {
            // The rules have no opinion yet (too few purchases once staff hand both axes back): the last
            // placement stands until rules or staff place the customer elsewhere. Publishing "segment": null
            // would break crm.customer.segment-changed.v1 (a segment is required) and leave consumers
            // guessing; nothing changed for them, so nothing is published.
            return;
        }
        if (!Objects.equals(previous, name(segment))) {
            c.segment = name(segment);
            history.record(c.id, "segment", previous, c.segment);
            outbox.append(c.id.toString(), SegmentChanged.TYPE, new SegmentChanged(c.id, segment,
                    previous == null ? null : Segment.valueOf(previous), c.valueTier, c.lifetimeValue, now,
                    policies.of(segment).complaintPriorityBoost()));
        }
    }

    /** Staff input: a null level means "derive it from purchases again". */
    @Transactional(Transactional.TxType.MANDATORY)
    public void staffSet(Customer c, SegmentationInput input) {
        if (input.keyAccount()) {
            Level orientation = input.relationshipOrientation() != null ? input.relationshipOrientation()
                    : c.relationshipOrientationByStaff ? null : level(c.relationshipOrientation);
            if (orientation != Level.HIGH) {
                throw new ProblemException(422, "key-account-needs-relational", "Unprocessable request",
                        "keyAccount: only RELATIONAL customers (relationship orientation HIGH) can be key accounts",
                        List.of(new Problem.FieldError("keyAccount", "requires relationshipOrientation HIGH")));
            }
            if (c.accountManager == null) {
                throw new ProblemException(422, "key-account-needs-manager", "Unprocessable request",
                        "accountManager: a key account must have an account manager or team; set it on the customer first",
                        List.of(new Problem.FieldError("accountManager", "required for KEY_ACCOUNT customers")));
            }
        }
        c.priceSensitivityByStaff = input.priceSensitivity() != null;
        if (c.priceSensitivityByStaff) {
            set(c, "priceSensitivity", c.priceSensitivity, input.priceSensitivity().name());
        }
        c.relationshipOrientationByStaff = input.relationshipOrientation() != null;
        if (c.relationshipOrientationByStaff) {
            set(c, "relationshipOrientation", c.relationshipOrientation, input.relationshipOrientation().name());
        }
        if (c.keyAccountByStaff != input.keyAccount()) {
            history.record(c.id, "keyAccountByStaff", c.keyAccountByStaff, input.keyAccount());
            c.keyAccountByStaff = input.keyAccount();
        }
        refresh(c);
        c.updatedAt = OffsetDateTime.now(clock);
    }

    private void set(Customer c, String field, String old, String value) {
        if (!Objects.equals(old, value)) {
            history.record(c.id, field, old, value);
            if (field.equals("priceSensitivity")) {
                c.priceSensitivity = value;
            } else {
                c.relationshipOrientation = value;
            }
        }
    }

    private static Level level(String s) {
        return s == null ? null : Level.valueOf(s);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
