package dev.crmsuite.loyalty.ledger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Which lots a debit takes its points from: the oldest first, so points are spent before they can
 * expire and a member never loses points they could have used. A clawback may name a preferred lot
 * (the one its purchase created) that is taken from before the others.
 */
public final class FifoConsumption {

    public record OpenLot(UUID id, OffsetDateTime earnedAt, long remaining) {
    }

    public record Take(UUID lotId, long points) {
    }

    private FifoConsumption() {
    }

    /**
     * Plans taking {@code points} out of {@code lots}; takes at most what the lots hold, so the sum
     * of the plan is {@code min(points, total remaining)}.
     */
    public static List<Take> plan(List<OpenLot> lots, long points, UUID preferredLot) {
        if (points <= 0) {
            throw new IllegalArgumentException("points to consume must be positive, was " + points);
        }
        List<OpenLot> ordered = new ArrayList<>(lots);
        ordered.sort(Comparator.<OpenLot, Boolean>comparing(l -> !l.id().equals(preferredLot))
                .thenComparing(OpenLot::earnedAt)
                .thenComparing(OpenLot::id));
        List<Take> plan = new ArrayList<>();
        long left = points;
        for (OpenLot lot : ordered) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, lot.remaining());
            if (take > 0) {
                plan.add(new Take(lot.id(), take));
                left -= take;
            }
        }
        return plan;
    }
}
