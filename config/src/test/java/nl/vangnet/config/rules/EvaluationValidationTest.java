package nl.vangnet.config.rules;

import static nl.vangnet.config.rules.Fixtures.TODAY;
import static nl.vangnet.config.rules.ProblemAssertions.assertProblems;
import static nl.vangnet.config.rules.ProblemAssertions.assertValid;

import java.time.LocalDate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.Registration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvaluationValidationTest {
    /** A WZD registration that started two months before {@link Fixtures#TODAY}. */
    private static final Registration WZD = Fixtures.wzd(TODAY.minusMonths(2)).id(7).build();
    private static final Registration VOLUNTARY = Fixtures.voluntary(TODAY.minusMonths(2)).id(8).build();
    private static final Registration UNFORESEEN = Fixtures.wzdUnforeseen(TODAY.minusDays(5)).id(9).build();

    private final ModelValidator validator = new ModelValidator(Limits.DEFAULTS);

    private static Evaluation eval(LocalDate date, Person by, EvaluationOutcome outcome, LocalDate next) {
        return new Evaluation(0, date, by, outcome, next, "notities", null);
    }

    private static Evaluation eval(LocalDate date, EvaluationOutcome outcome, LocalDate next) {
        return eval(date, Fixtures.gedragsdeskundige(), outcome, next);
    }

    private static Evaluation cont(LocalDate date, LocalDate next) {
        return eval(date, EvaluationOutcome.CONTINUE, next);
    }

    static Stream<Arguments> invalid() {
        EvaluationOutcome c = EvaluationOutcome.CONTINUE;
        LocalDate next = TODAY.plusMonths(1);
        Registration evaluated = WZD.withEvaluations(List.of(Fixtures.evaluation(TODAY.minusDays(10))));
        Registration stopped = WZD.withEvaluations(List.of(eval(TODAY.minusDays(10), EvaluationOutcome.STOP,
                null)));
        Registration withdrawn = VOLUNTARY.withWithdrawal(Fixtures.withdrawal(Instant.parse(
                "2026-02-20T10:00:00Z")));
        return Stream.of(
                Arguments.of("no evaluation", WZD, null, "required", "evaluation"),
                Arguments.of("no date", WZD, cont(null, next), "date of the evaluation is required", "date"),
                Arguments.of("in the future", WZD, cont(TODAY.plusDays(1), next), "is in the future", "date"),
                Arguments.of("before the start", WZD, cont(WZD.start().minusDays(1), WZD.start()),
                        "before the registration started", "date"),
                Arguments.of("before the latest evaluation", evaluated, cont(TODAY.minusDays(11), next),
                        "before the latest recorded evaluation", "date"),
                Arguments.of("no evaluator", WZD, eval(TODAY, null, c, next), "who evaluated is required", "by"),
                Arguments.of("evaluator without role", WZD, eval(TODAY, new Person(null, "GD-7"), c, next),
                        "role of who evaluated", "by.role"),
                Arguments.of("evaluator without name", WZD, eval(TODAY, new Person(CareRole.ARTS, null), c, next),
                        "name or staff code of who evaluated", "by.name"),
                Arguments.of("no outcome", WZD, eval(TODAY, null, next), "outcome is required", "outcome"),
                Arguments.of("STOP with a next date", WZD, eval(TODAY, EvaluationOutcome.STOP, next),
                        "has no next evaluation date", "nextEvaluationDate"),
                Arguments.of("CONTINUE without a next date", WZD, cont(TODAY, null), "required unless the outcome is"
                        + " STOP", "nextEvaluationDate"),
                Arguments.of("next date on the same day", WZD, cont(TODAY, TODAY), "must be after the evaluation",
                        "nextEvaluationDate"),
                Arguments.of("WZD next date beyond 3 months", WZD, cont(TODAY, TODAY.plusMonths(3).plusDays(1)),
                        "maximum evaluation interval for WZD is 3 months", "nextEvaluationDate"),
                Arguments.of("VOLUNTARY next date beyond 6 months", VOLUNTARY, cont(TODAY, TODAY.plusMonths(6)
                        .plusDays(1)), "maximum evaluation interval for VOLUNTARY is 6 months",
                        "nextEvaluationDate"),
                Arguments.of("unforeseen next date after the end", UNFORESEEN, cont(TODAY, UNFORESEEN.end()
                        .plusDays(1)), "after the end", "nextEvaluationDate"),
                Arguments.of("withdrawn registration", withdrawn, Fixtures.evaluation(TODAY),
                        "nothing left to evaluate", "registration.withdrawal"),
                Arguments.of("stopped registration", stopped, Fixtures.evaluation(TODAY),
                        "stopped the registration", "registration.evaluations"),
                Arguments.of("no registration", null, Fixtures.evaluation(TODAY), "required", "registration"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsTheField(String name, Registration r, Evaluation e, String fragment, String field) {
        assertProblems(validator.evaluation(r, e, TODAY), fragment, field);
    }

    static Stream<Arguments> valid() {
        Registration evaluated = WZD.withEvaluations(List.of(Fixtures.evaluation(TODAY.minusDays(10))));
        return Stream.of(
                Arguments.of("CONTINUE today", WZD, Fixtures.evaluation(TODAY)),
                Arguments.of("STOP without next date", WZD, eval(TODAY, EvaluationOutcome.STOP, null)),
                Arguments.of("on the start day", WZD, cont(WZD.start(), WZD.start().plusMonths(1))),
                Arguments.of("same day as the latest", evaluated, cont(TODAY.minusDays(10), TODAY.plusMonths(1))),
                Arguments.of("WZD next date at exactly 3 months", WZD, cont(TODAY, TODAY.plusMonths(3))),
                Arguments.of("VOLUNTARY next date at 5 months", VOLUNTARY, cont(TODAY, TODAY.plusMonths(5))),
                Arguments.of("unforeseen next date on the end day", UNFORESEEN, cont(TODAY, UNFORESEEN.end())),
                Arguments.of("ADJUST", WZD, eval(TODAY, EvaluationOutcome.ADJUST, TODAY.plusMonths(1))),
                Arguments.of("PHASE_OUT_FASTER", WZD, eval(TODAY, EvaluationOutcome.PHASE_OUT_FASTER,
                        TODAY.plusMonths(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsValidEvaluations(String name, Registration r, Evaluation e) {
        assertValid(validator.evaluation(r, e, TODAY));
    }
}
