package nl.vangnet.config.model;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The dossier record that makes a restriction lawful. Without a registration in effect, nobody is restricted.
 *
 * <p>Dates are calendar days in the organisation's zone (Europe/Amsterdam): the registration is in effect from the
 * start of {@code start} through the end of {@code end}; phase-out steps switch at the start of their date; the
 * registration lapses when {@code evaluationDate} (as moved forward by recorded evaluations) has passed without a
 * recorded evaluation, after the configured grace period.
 *
 * @param id              database id, 0 when new
 * @param clientId        the client
 * @param basis           the legal basis
 * @param dossierReference where in the dossier the agreement or decision is recorded
 * @param decidedBy       who decided (for the Wzd: the zorgverantwoordelijke)
 * @param decidedOn       when the decision was taken (for {@link Basis#WZD_UNFORESEEN}: the written decision,
 *                        at most two days after the start)
 * @param profileId       the profile applied from {@code start} until the first phase-out step
 * @param start           first day in effect
 * @param evaluationDate  the first evaluation date as registered
 * @param end             last day in effect
 * @param risks           the risks this registration addresses
 * @param weighing        the Wzd weighing (required for Wzd bases)
 * @param consent         consent (required for {@link Basis#VOLUNTARY})
 * @param consulted       persons consulted (for the Wzd: at least one expert from another discipline)
 * @param phaseOut        the phase-out schedule: dated steps, each strictly less restrictive, the last unrestricted
 * @param evaluations     recorded evaluations, oldest first
 * @param withdrawal      consent withdrawal or resistance, or {@code null}
 * @param hostEvents      the recorded need for per-host block events, or {@code null} when none is recorded (then
 *                        only per-category-per-day block counts are kept)
 * @param version         optimistic-concurrency version, 0 when new
 */
public record Registration(long id, long clientId, Basis basis, String dossierReference, Person decidedBy,
        LocalDate decidedOn, long profileId, LocalDate start, LocalDate evaluationDate, LocalDate end,
        Set<Risk> risks, Weighing weighing, Consent consent, List<Person> consulted, List<PhaseOutStep> phaseOut,
        List<Evaluation> evaluations, Withdrawal withdrawal, HostEvents hostEvents, long version) {
    public Registration {
        dossierReference = Text.trim(dossierReference);
        risks = Text.set(risks);
        consulted = Text.list(consulted);
        phaseOut = Text.list(phaseOut);
        evaluations = evaluations == null ? List.of()
                : evaluations.stream().sorted(Comparator.comparing(Evaluation::date,
                        Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
    }

    /**
     * The evaluation date in force on {@code day}: the next date set by the latest evaluation held on or before
     * {@code day}, else the registered {@link #evaluationDate()}. {@code null} if that evaluation stopped the
     * registration.
     */
    public LocalDate evaluationDueOn(LocalDate day) {
        LocalDate due = evaluationDate;
        for (Evaluation e : evaluations) {
            if (e.date() != null && !e.date().isAfter(day)) {
                due = e.nextEvaluationDate();
            }
        }
        return due;
    }

    /** The evaluation date after every recorded evaluation (what the review page shows as "next evaluation"). */
    public LocalDate currentEvaluationDate() {
        return evaluations.isEmpty() ? evaluationDate : evaluations.get(evaluations.size() - 1).nextEvaluationDate();
    }

    public Registration withIdAndVersion(long newId, long newVersion) {
        return new Registration(newId, clientId, basis, dossierReference, decidedBy, decidedOn, profileId, start,
                evaluationDate, end, risks, weighing, consent, consulted, phaseOut, evaluations, withdrawal,
                hostEvents, newVersion);
    }

    public Registration withEvaluations(List<Evaluation> newEvaluations) {
        return new Registration(id, clientId, basis, dossierReference, decidedBy, decidedOn, profileId, start,
                evaluationDate, end, risks, weighing, consent, consulted, phaseOut, newEvaluations, withdrawal,
                hostEvents, version);
    }

    public Registration withHostEvents(HostEvents newHostEvents) {
        return new Registration(id, clientId, basis, dossierReference, decidedBy, decidedOn, profileId, start,
                evaluationDate, end, risks, weighing, consent, consulted, phaseOut, evaluations, withdrawal,
                newHostEvents, version);
    }

    public Registration withWithdrawal(Withdrawal newWithdrawal) {
        return new Registration(id, clientId, basis, dossierReference, decidedBy, decidedOn, profileId, start,
                evaluationDate, end, risks, weighing, consent, consulted, phaseOut, evaluations, newWithdrawal,
                hostEvents, version);
    }
}
