package dev.crmsuite.customer.campaign;

import java.util.UUID;

/**
 * Who is held out of a campaign to measure its lift: a customer's position in [0, 1) is a hash of
 * the campaign's holdout seed and the customer id, and those below the holdout share get nothing.
 * Deterministic, so the draw can be reproduced from the stored seed (an auditor recomputes who was
 * held out), and independent of the order or paging in which the audience is read. SplitMix64's
 * finaliser spreads neighbouring seeds and ids uniformly.
 */
public final class Holdout {

    private Holdout() {
    }

    public static double position(long seed, UUID customerId) {
        long h = mix(seed ^ mix(customerId.getMostSignificantBits()));
        h = mix(h ^ customerId.getLeastSignificantBits());
        return (h >>> 11) * 0x1.0p-53;
    }

    public static boolean heldOut(long seed, UUID customerId, double share) {
        return share > 0 && position(seed, customerId) < share;
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
