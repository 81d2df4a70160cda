package dev.crmsuite.complaint.complaint;

import java.util.Map;

/**
 * Derives a complaint's priority: the category's starting priority, raised by the customer's
 * segment boost and for top-tier customers, then raised to the caller's explicit value if that is
 * higher. An explicit value never lowers the rules' result: a form field must not push a key
 * account down the queue. The segment boost is not configured here: customer-service owns the
 * segment service policy and sends each customer's boost in crm.customer.segment-changed.v1
 * (0 until that event arrives).
 */
public final class PriorityPolicy {

    private final Map<Category, Priority> byCategory;
    private final int tierABoost;

    public PriorityPolicy(Map<Category, Priority> byCategory, int tierABoost) {
        this.byCategory = Map.copyOf(byCategory);
        this.tierABoost = tierABoost;
    }

    /** {@code segmentBoost}: the levels the customer's segment adds, as customer-service sent them. */
    public Priority derive(Category category, int segmentBoost, String valueTier, Priority explicit) {
        Priority derived = byCategory.getOrDefault(category, Priority.MEDIUM);
        int boost = Math.max(0, segmentBoost);
        if ("A".equals(valueTier)) {
            boost += tierABoost;
        }
        return Priority.max(derived.raisedBy(boost), explicit);
    }
}
