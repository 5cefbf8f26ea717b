package nl.vangnet.config.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A failed attempt of the {@link SnapshotPublisher} to probe, load or compile the policy data. Immutable and
 * thread-safe (the cause is only read).
 *
 * @param at    when it failed, by the publisher's clock
 * @param cause what was thrown
 */
public record LoadFailure(Instant at, Throwable cause) {
    public LoadFailure {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cause, "cause");
    }
}
