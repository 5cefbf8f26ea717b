package nl.vangnet.config.model;

import java.time.Instant;

/**
 * Consent withdrawn or resistance shown for a {@link Basis#VOLUNTARY} registration: the restriction ends at
 * {@code at}, at once.
 *
 * @param reportedBy who reported it
 */
public record Withdrawal(WithdrawalKind kind, Instant at, Person reportedBy, String notes) {
    public Withdrawal {
        notes = Text.trim(notes);
    }
}
