package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.problem.ProblemException;

import java.util.UUID;

/**
 * A request named a customer that was merged into another. Answered with 308 and the surviving
 * customer's URL in {@code Location}, so clients (and the gateway) follow it transparently, and a
 * problem body naming {@code survivingCustomerId} for those that do not follow redirects.
 */
public class CustomerMergedException extends ProblemException {

    private final UUID mergedId;
    private final UUID survivingId;

    public CustomerMergedException(UUID mergedId, UUID survivingId) {
        super(308, "customer-merged", "Customer merged",
                "customer " + mergedId + " was merged into " + survivingId + "; use that id");
        this.mergedId = mergedId;
        this.survivingId = survivingId;
        with("survivingCustomerId", survivingId);
    }

    public UUID mergedId() {
        return mergedId;
    }

    public UUID survivingId() {
        return survivingId;
    }
}
