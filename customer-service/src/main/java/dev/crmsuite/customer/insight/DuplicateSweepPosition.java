package dev.crmsuite.customer.insight;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the duplicate sweep stands (the row of {@code duplicate_sweep}) and how one batch moves it
 * on. A pass walks live customers by id from the lowest; a batch shorter than asked for means the
 * end was reached, and the next pass waits {@code rest} after that, because pairs only appear again
 * as profiles change.
 *
 * @param after          last customer checked in the current pass; null before the first batch
 * @param passStartedAt  when the current (or last) pass began; null if none ever ran
 * @param passFinishedAt when the last pass reached the end; null while a pass is under way
 * @param checkedInPass  customers checked so far in the current (or last) pass
 */
public record DuplicateSweepPosition(UUID after, OffsetDateTime passStartedAt, OffsetDateTime passFinishedAt, long checkedInPass) {

    /** Sorts before every other uuid in PostgreSQL, which compares uuids byte by byte. */
    public static final UUID FIRST = new UUID(0, 0);

    public static DuplicateSweepPosition never() {
        return new DuplicateSweepPosition(null, null, null, 0);
    }

    /** The id the next batch starts after, or empty while resting between passes. */
    public Optional<UUID> nextFrom(OffsetDateTime now, Duration rest) {
        if (passFinishedAt != null) {
            return now.isBefore(passFinishedAt.plus(rest)) ? Optional.empty() : Optional.of(FIRST);
        }
        return Optional.of(after == null ? FIRST : after);
    }

    /** The position once {@code batch} (ids in order, at most {@code batchSize}) has been checked. */
    public DuplicateSweepPosition afterBatch(List<UUID> batch, int batchSize, OffsetDateTime now) {
        if (batch.size() > batchSize) {
            throw new IllegalArgumentException("batch of " + batch.size() + " larger than " + batchSize);
        }
        boolean newPass = passFinishedAt != null || passStartedAt == null;
        OffsetDateTime started = newPass ? now : passStartedAt;
        long checked = (newPass ? 0 : checkedInPass) + batch.size();
        if (batch.size() < batchSize) {
            return new DuplicateSweepPosition(null, started, now, checked);
        }
        return new DuplicateSweepPosition(batch.getLast(), started, null, checked);
    }
}
