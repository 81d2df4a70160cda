package dev.crmsuite.platform.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which rows are old enough to go, as plain rules. A processed-event mark may only go once the event
 * it names can no longer be delivered again: not while the consumed topics still hold it (a consumer
 * group whose offsets expired, or that an operator rewound, reads the topic again from the start), so
 * its age must exceed the topics' retention plus a margin for Kafka's segment-wise deletion. With
 * topics kept forever there is no such age, and the marks stay.
 */
public record RetentionCutoffs(Instant publishedEvents, Instant idempotencyKeys, Optional<Instant> processedEvents) {

    public static RetentionCutoffs at(Instant now, RetentionConfig config) {
        return at(now, config.publishedEvents(), config.idempotencyKeys(), config.redeliveryHorizon(), config.redeliveryMargin());
    }

    public static RetentionCutoffs at(Instant now, Duration publishedEvents, Duration idempotencyKeys,
                               Optional<Duration> redeliveryHorizon, Duration redeliveryMargin) {
        requirePositive("crm.retention.published-events", publishedEvents);
        requirePositive("crm.retention.idempotency-keys", idempotencyKeys);
        requirePositive("crm.retention.redelivery-margin", redeliveryMargin);
        redeliveryHorizon.ifPresent(h -> requirePositive("crm.retention.redelivery-horizon", h));
        return new RetentionCutoffs(now.minus(publishedEvents), now.minus(idempotencyKeys),
                redeliveryHorizon.map(h -> now.minus(h).minus(redeliveryMargin)));
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
        }
    }
}
