package nl.vangnet.config.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A recorded evaluation of a registration. Recording one moves the registration's evaluation date forward to
 * {@code nextEvaluationDate} (see {@link Registration#evaluationDueOn(LocalDate)}).
 *
 * @param date               the day the evaluation was held (not in the future)
 * @param by                 who evaluated
 * @param nextEvaluationDate the next evaluation date; {@code null} only when the outcome is {@link EvaluationOutcome#STOP}
 * @param recordedAt         when it was stored (set by the store)
 */
public record Evaluation(long id, LocalDate date, Person by, EvaluationOutcome outcome, LocalDate nextEvaluationDate,
        String notes, Instant recordedAt) {
    public Evaluation {
        notes = Text.trim(notes);
    }
}
