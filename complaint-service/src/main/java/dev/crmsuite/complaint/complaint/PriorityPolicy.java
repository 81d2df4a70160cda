package dev.crmsuite.complaint.complaint;

import java.util.Map;

/**
 * Derives a complaint's priority: the category's starting priority, raised for key accounts and
 * top-tier customers, then raised to the caller's explicit value if that is higher. An explicit
 * value never lowers the rules' result: a form field must not push a key account down the queue.
 * A customer not yet known from events gets no boost until the customer's event arrives.
 */
public final class PriorityPolicy {

    private final Map<Category, Priority> byCategory;
    private final int keyAccountBoost;
    private final int tierABoost;

    public PriorityPolicy(Map<Category, Priority> byCategory, int keyAccountBoost, int tierABoost) {
        this.byCategory = Map.copyOf(byCategory);
        this.keyAccountBoost = keyAccountBoost;
        this.tierABoost = tierABoost;
    }

    public Priority derive(Category category, String segment, String valueTier, Priority explicit) {
        Priority derived = byCategory.getOrDefault(category, Priority.MEDIUM);
        int boost = 0;
        if ("KEY_ACCOUNT".equals(segment)) {
            boost += keyAccountBoost;
        }
        if ("A".equals(valueTier)) {
            boost += tierABoost;
        }
        return Priority.max(derived.raisedBy(boost), explicit);
    }
}
