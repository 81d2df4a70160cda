package dev.crmsuite.gateway.webhook;

import java.time.Duration;

/**
 * How long a replica holds the deliveries it leased, computed from configuration so that no two
 * replicas ever send the same delivery: a batch of {@code batchSize} deliveries is sent one after
 * the other, each taking at most {@code connectTimeout + timeout}, so the lease is that times the
 * batch plus {@link #MARGIN} (recording the outcomes, clock differences between replicas). A send
 * also only starts while its whole worst case still fits in the lease ({@link #leftFor}); whatever
 * does not is left to the next lease. Checked when the gateway starts ({@link WebhookDispatcher}).
 */
public record DeliveryLease(Duration perDelivery, int batchSize, Duration length) {

    /** For writing the outcome after the last send and for replicas whose clocks differ a little. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    public DeliveryLease {
        if (batchSize < 1 || perDelivery.isNegative() || perDelivery.isZero()) {
            throw new IllegalArgumentException("crm.gateway.webhooks: batch-size must be at least 1 and the timeouts positive");
        }
        Duration worstCase = perDelivery.multipliedBy(batchSize);
        if (length.compareTo(worstCase.plus(MARGIN)) < 0) {
            throw new IllegalArgumentException("a webhook lease of " + length + " would not outlast its batch: "
                    + batchSize + " × " + perDelivery + " + " + MARGIN);
        }
    }

    static DeliveryLease of(WebhooksConfig config) {
        Duration perDelivery = config.connectTimeout().plus(config.timeout());
        return new DeliveryLease(perDelivery, config.batchSize(), perDelivery.multipliedBy(config.batchSize()).plus(MARGIN));
    }

    /** Whether a send starting {@code elapsed} after the lease was taken ends before the lease does, margin kept. */
    boolean leftFor(Duration elapsed) {
        return elapsed.plus(perDelivery).plus(MARGIN).compareTo(length) <= 0;
    }
}
