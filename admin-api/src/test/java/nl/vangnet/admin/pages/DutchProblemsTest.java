package nl.vangnet.admin.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.rules.Fixtures;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.rules.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The validator's real English messages for evaluations come out as plain Dutch, without the English fallback. */
class DutchProblemsTest {
    private static final LocalDate TODAY = Fixtures.TODAY.plusMonths(1);
    private static final ModelValidator VALIDATOR = new ModelValidator(Limits.DEFAULTS);

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "VOLUNTARY | NULL       | CONTINUE | 2026-05-01 | date               | Vul de datum van de evaluatie in.",
        "VOLUNTARY | 2026-04-03 | CONTINUE | 2026-05-01 | date               | Deze datum ligt in de toekomst.",
        "VOLUNTARY | 2026-03-01 | CONTINUE | 2026-05-01 | date               | De evaluatie ligt vóór de start van de"
                + " registratie (2 maart 2026).",
        "VOLUNTARY | 2026-04-01 | NULL     | 2026-05-01 | outcome            | Kies een uitkomst.",
        "VOLUNTARY | 2026-04-01 | STOP     | 2026-05-01 | nextEvaluationDate | Bij de uitkomst ‘Stoppen’ hoort geen",
        "VOLUNTARY | 2026-04-01 | CONTINUE | NULL       | nextEvaluationDate | Vul de volgende evaluatiedatum in",
        "VOLUNTARY | 2026-04-01 | CONTINUE | 2026-04-01 | nextEvaluationDate | moet na de datum van deze evaluatie",
        "VOLUNTARY | 2026-04-01 | CONTINUE | 2026-12-01 | nextEvaluationDate | hoogstens 6 maanden tussen twee",
        "WZD       | 2026-04-01 | CONTINUE | 2026-08-01 | nextEvaluationDate | hoogstens 3 maanden tussen twee",
        "WZD_UNFORESEEN | 2026-03-05 | CONTINUE | 2026-03-20 | nextEvaluationDate | na het einde van de maatregel"
                + " (16 maart 2026)"})
    void evaluationProblemsAreDutch(String basis, LocalDate date, EvaluationOutcome outcome, LocalDate next,
            String field, String dutch) {
        Registration r = switch (basis) {
            case "WZD" -> Fixtures.wzd().build();
            case "WZD_UNFORESEEN" -> Fixtures.wzdUnforeseen().build();
            default -> Fixtures.voluntary().build();
        };
        Evaluation e = new Evaluation(0, date, Fixtures.gedragsdeskundige(), outcome, next, null, null);
        List<Problem> problems = VALIDATOR.evaluation(r, e, TODAY).stream().filter(p -> p.field().equals(field))
                .toList();
        assertThat(problems).isNotEmpty();
        assertThat(problems).allSatisfy(p -> assertThat(DutchProblems.text(p)).contains(dutch)
                .doesNotContain("(" + p.message() + ")"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3 months       | 3 maanden",
        "1 month        | 1 maand",
        "1 year 2 days  | 1 jaar 2 dagen",
        "14 days        | 14 dagen"})
    void periodsAreDutch(String english, String dutch) {
        assertThat(DutchProblems.period(english)).isEqualTo(dutch);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "anything.else | something new | Dit kan zo niet worden vastgelegd. (something new)",
        "from          | too late       | Kies een datum vanaf vandaag en vóór de geplande datum van de volgende stap."
                + " (too late)"})
    void unknownMessagesKeepTheEnglishText(String field, String message, String dutch) {
        assertThat(DutchProblems.text(new Problem(field, message))).isEqualTo(dutch);
    }
}
