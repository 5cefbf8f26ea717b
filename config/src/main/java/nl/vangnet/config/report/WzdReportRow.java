package nl.vangnet.config.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import nl.vangnet.config.model.Basis;

/**
 * One Wzd registration in the inspection overview. Pseudonymous: the client appears only by the client code.
 * Immutable and thread-safe.
 *
 * @param clientCode         the client's pseudonymous code
 * @param location           the client's location (house)
 * @param registrationId     the registration's id
 * @param basis              {@link Basis#WZD} or {@link Basis#WZD_UNFORESEEN}
 * @param start              the first day in effect
 * @param end                the last day in effect: the registered end, or earlier when the registration was
 *                           stopped or withdrawn (see {@code endReason}); a lapse does not move it
 * @param endReason          why it ends on {@code end}
 * @param evaluationDates    the days of the evaluations held in the period (not after the report's day), ascending
 * @param phaseOutSteps      the phase-out steps taken in the period, ascending
 * @param phaseOutStepsPlanned how many steps the whole schedule has
 * @param evaluationOverdue  whether the evaluation was overdue (the registration lapsed, as decided by
 *                           {@link nl.vangnet.config.policy.EffectivePolicy}) at any moment of the period up to the
 *                           report's instant
 * @param overdueDays        on how many days of the period that was so (at any moment of the day)
 */
public record WzdReportRow(String clientCode, String location, long registrationId, Basis basis, LocalDate start,
        LocalDate end, EndReason endReason, List<LocalDate> evaluationDates, List<PhaseOutStepTaken> phaseOutSteps,
        int phaseOutStepsPlanned, boolean evaluationOverdue, int overdueDays) {

    /** The Wzd category of the measure (art. 2 lid 1 sub h Wzd), in the words of the law. */
    public static final String WZD_CATEGORY = "beperken van de vrijheid het eigen leven in te richten";

    /** The measure every row stands for: Vangnet restricts only the use of the internet. */
    public static final String MEASURE = "beperking van het gebruik van communicatiemiddelen (internet)";

    public WzdReportRow {
        Objects.requireNonNull(clientCode, "clientCode");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(basis, "basis");
        if (!basis.isWzd()) {
            throw new IllegalArgumentException("the Wzd overview holds Wzd registrations only, not " + basis);
        }
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(endReason, "endReason");
        evaluationDates = List.copyOf(evaluationDates);
        phaseOutSteps = List.copyOf(phaseOutSteps);
        if (overdueDays < 0 || (overdueDays > 0) != evaluationOverdue) {
            throw new IllegalArgumentException("overdueDays " + overdueDays + " contradicts evaluationOverdue "
                    + evaluationOverdue);
        }
    }

    /** How many evaluations were held in the period. */
    public int evaluationsHeld() {
        return evaluationDates.size();
    }

    /** Whether this is an unforeseen-situation measure (art. 15 Wzd). */
    public boolean unforeseen() {
        return basis == Basis.WZD_UNFORESEEN;
    }
}
