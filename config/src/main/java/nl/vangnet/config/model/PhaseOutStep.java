package nl.vangnet.config.model;

import java.time.LocalDate;

/**
 * One step of a phase-out schedule: from the start of {@code from} (00:00 Europe/Amsterdam) the registration applies
 * profile {@code profileId}, or nothing at all when {@code profileId} is {@code null} ("unrestricted").
 */
public record PhaseOutStep(LocalDate from, Long profileId) {
    /** The unrestricted step on {@code from}. */
    public static PhaseOutStep unrestricted(LocalDate from) {
        return new PhaseOutStep(from, null);
    }

    public boolean isUnrestricted() {
        return profileId == null;
    }
}
