package nl.vangnet.config.report;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A phase-out step that was taken in the period: its date fell in the period, not after the report's instant and
 * not after the registration's end. Immutable.
 *
 * @param step         the step's number in the schedule, 1-based
 * @param from         the day the step started to apply
 * @param unrestricted whether it is the unrestricted step (nothing restricted any more)
 */
public record PhaseOutStepTaken(int step, LocalDate from, boolean unrestricted) {
    public PhaseOutStepTaken {
        if (step < 1) {
            throw new IllegalArgumentException("step numbers start at 1, not " + step);
        }
        Objects.requireNonNull(from, "from");
    }
}
