package nl.vangnet.config.rules;

import static nl.vangnet.config.rules.Fixtures.TODAY;
import static nl.vangnet.config.rules.ProblemAssertions.assertProblems;
import static nl.vangnet.config.rules.ProblemAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Consent;
import nl.vangnet.config.model.HostEvents;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Weighing;
import nl.vangnet.config.model.Withdrawal;
import nl.vangnet.config.model.WithdrawalKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistrationValidationTest {
    private final ModelValidator validator = new ModelValidator(Limits.DEFAULTS);

    private static Fixtures.RegistrationBuilder v() {
        return Fixtures.voluntary();
    }

    private static Fixtures.RegistrationBuilder w() {
        return Fixtures.wzd();
    }

    private static Fixtures.RegistrationBuilder u() {
        return Fixtures.wzdUnforeseen();
    }

    private static Consent consent(Person by, LocalDate on, String how) {
        return new Consent(by, on, how);
    }

    private static Weighing weighingWithout(String field) {
        Weighing f = Fixtures.weighing();
        return new Weighing(field.equals("seriousHarm") ? " " : f.seriousHarm(),
                field.equals("subsidiarity") ? null : f.subsidiarity(),
                field.equals("proportionality") ? "" : f.proportionality(),
                field.equals("effectiveness") ? null : f.effectiveness(),
                field.equals("safety") ? null : f.safety());
    }

    private static Arguments row(String name, Fixtures.RegistrationBuilder b, String fragment, String... fields) {
        return Arguments.of(name, b.build(), fragment, fields);
    }

    static Stream<Arguments> invalid() {
        Person client = new Person(CareRole.CLIENT, "cliënt");
        String how = "mondeling";
        LocalDate later = TODAY.plusDays(30);
        return Stream.of(
                // every basis
                row("no client", v().clientId(0), "belong to a client", "clientId"),
                row("no basis", v().basis(null), "nothing else makes a restriction lawful", "basis"),
                row("no dossier reference", v().dossierReference(" "), "dossier reference is required",
                        "dossierReference"),
                row("dossier reference too long", v().dossierReference("d".repeat(129)), "at most 128",
                        "dossierReference"),
                row("no decider", v().decidedBy(null), "who decided is required", "decidedBy"),
                row("decider without role", v().decidedBy(new Person(null, "PB-12")), "role of who decided",
                        "decidedBy.role"),
                row("decider without name", w().decidedBy(new Person(CareRole.ZORGVERANTWOORDELIJKE, null)),
                        "name or staff code of who decided", "decidedBy.name"),
                row("no decision date", v().decidedOn(null), "date of the decision is required", "decidedOn"),
                row("unknown profile", v().profileId(99), "profile 99 does not exist", "profileId"),
                row("no start", v().start(null), "start date is required", "start"),
                row("no evaluation date", v().evaluationDate(null), "evaluation date is required",
                        "evaluationDate"),
                row("no end", v().end(null), "end date is required", "end"),
                row("end before start", Fixtures.voluntary(later).end(later.minusDays(1)), "before the start date",
                        "end", "phaseOut[1].from"),
                row("evaluation on the start day", v().evaluationDate(TODAY), "at least one day after the start",
                        "evaluationDate"),
                row("VOLUNTARY evaluation beyond 6 months", v().evaluationDate(TODAY.plusMonths(6).plusDays(1)),
                        "maximum evaluation interval for VOLUNTARY is 6 months", "evaluationDate"),
                row("WZD evaluation beyond 3 months", w().evaluationDate(TODAY.plusMonths(3).plusDays(1)),
                        "maximum evaluation interval for WZD is 3 months", "evaluationDate"),
                row("no risk", v().risks(Set.of()), "which risk it addresses", "risks"),
                row("consulted person without name", v().consulted(List.of(new Person(CareRole.ARTS, null))),
                        "name or staff code of the person consulted", "consulted[0].name"),
                row("consulted person without role", v().consulted(List.of(new Person(null, "X-1"))),
                        "role of the person consulted", "consulted[0].role"),
                row("no phase-out schedule", v().phaseOut(List.of()), "no phase-out schedule", "phaseOut"),
                row("schedule not decreasing", v().step(0, new PhaseOutStep(TODAY.plusMonths(2),
                        Fixtures.STRICT_ID)), "not less restrictive than the registered profile",
                        "phaseOut[0].profileId"),
                row("new registration already over", Fixtures.voluntary(TODAY.minusMonths(7)),
                        "before today", "end"),
                row("host events without a reason", v().hostEvents(new HostEvents(" ", 14)),
                        "supervision (toezicht) of its own", "hostEvents.reason"),
                row("host events with a null reason", w().hostEvents(new HostEvents(null, 0)),
                        "reason for keeping per-host block events is required", "hostEvents.reason"),
                row("host events reason too long", v().hostEvents(new HostEvents("r".repeat(1001), 14)),
                        "at most 1000 characters", "hostEvents.reason"),
                row("host events kept a negative number of days", v().hostEvents(new HostEvents("why", -1)),
                        "at least 1 day, not -1", "hostEvents.retentionDays"),
                row("host events kept beyond the maximum", w().hostEvents(new HostEvents("why", 91)),
                        "at most 90 days (the organisation's maximum), not 91", "hostEvents.retentionDays"),
                row("withdrawal on a WZD registration", w().withdrawal(new Withdrawal(WithdrawalKind.RESISTANCE,
                        Instant.parse("2026-03-03T10:00:00Z"), Fixtures.begeleider(), null)),
                        "resistance does not end the measure", "withdrawal"),
                // VOLUNTARY
                row("VOLUNTARY without consent", v().consent(null), "must record the consent", "consent"),
                row("consent without giver", v().consent(consent(null, TODAY, how)), "who gave consent is required",
                        "consent.givenBy"),
                row("consent given by staff", v().consent(consent(Fixtures.begeleider(), TODAY, how)),
                        "the client or the client's representative", "consent.givenBy.role"),
                row("consent giver without name", v().consent(consent(new Person(CareRole.CLIENT, null), TODAY,
                        how)), "name or staff code of who gave consent", "consent.givenBy.name"),
                row("consent without date", v().consent(consent(client, null, how)), "date of consent is required",
                        "consent.givenOn"),
                row("consent after the start", v().consent(consent(client, TODAY.plusDays(1), how)),
                        "no later than the start", "consent.givenOn"),
                row("consent without how", v().consent(consent(client, TODAY, null)), "how consent was given",
                        "consent.how"),
                row("VOLUNTARY agreed after the start", v().decidedOn(TODAY.plusDays(1)),
                        "starts only once it is agreed", "decidedOn"),
                // WZD
                row("WZD decided by a begeleider", w().decidedBy(Fixtures.begeleider()),
                        "decided by the zorgverantwoordelijke (Wzd art. 10)", "decidedBy.role"),
                row("WZD without weighing", w().weighing(null), "must record the weighing", "weighing"),
                row("WZD without serious harm", w().weighing(weighingWithout("seriousHarm")), "serious harm",
                        "weighing.seriousHarm"),
                row("WZD without subsidiarity", w().weighing(weighingWithout("subsidiarity")),
                        "a WZD registration must record the weighing of subsidiarity", "weighing.subsidiarity"),
                row("WZD without proportionality", w().weighing(weighingWithout("proportionality")),
                        "weighing of proportionality", "weighing.proportionality"),
                row("WZD without effectiveness", w().weighing(weighingWithout("effectiveness")),
                        "weighing of effectiveness", "weighing.effectiveness"),
                row("WZD without safety", w().weighing(weighingWithout("safety")), "weighing of safety",
                        "weighing.safety"),
                row("WZD without consultation", w().consulted(List.of()), "multidisciplinary consultation",
                        "consulted"),
                row("WZD consulting only a begeleider", w().consulted(List.of(Fixtures.begeleider())),
                        "expert from another discipline", "consulted"),
                row("WZD consulting an expert without name", w().consulted(List.of(new Person(
                        CareRole.GEDRAGSDESKUNDIGE, null))), "expert from another discipline", "consulted",
                        "consulted[0].name"),
                row("WZD decided after the start", w().decidedOn(TODAY.plusDays(1)),
                        "no later than the start", "decidedOn"),
                // WZD_UNFORESEEN
                row("unforeseen decided by a begeleider", u().decidedBy(Fixtures.begeleider()),
                        "decided by the zorgverantwoordelijke", "decidedBy.role"),
                row("unforeseen without weighing", u().weighing(null), "must record the weighing", "weighing"),
                row("unforeseen without subsidiarity", u().weighing(weighingWithout("subsidiarity")),
                        "unforeseen-situation WZD registration (Wzd art. 15) must record the weighing of subsidiarity",
                        "weighing.subsidiarity"),
                row("unforeseen without consultation", u().consulted(List.of()), "multidisciplinary consultation",
                        "consulted"),
                row("unforeseen decided before the start", u().decidedOn(TODAY.minusDays(1)), "within 48 hours",
                        "decidedOn"),
                row("unforeseen decided after 48 hours", u().decidedOn(TODAY.plusDays(3)), "within 48 hours",
                        "decidedOn"),
                row("unforeseen longer than 14 days", u().end(TODAY.plusDays(15)), "at most 14 days", "end"),
                row("unforeseen evaluated after its end", u().evaluationDate(TODAY.plusDays(15)),
                        "no later than the end", "evaluationDate"),
                Arguments.of("no registration at all", null, "required", new String[] {"registration"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsTheField(String name, Registration r, String fragment, String[] fields) {
        assertProblems(validator.registration(r, Fixtures.profiles(), TODAY), fragment, fields);
    }

    static Stream<Arguments> valid() {
        Person representative = new Person(CareRole.VERTEGENWOORDIGER, "mentor");
        return Stream.of(
                Arguments.of("consent by the representative", v().consent(new Consent(representative, TODAY,
                        "schriftelijk")).build()),
                Arguments.of("VOLUNTARY agreed on the start day", v().decidedOn(TODAY).build()),
                Arguments.of("VOLUNTARY evaluation at exactly 6 months", v().evaluationDate(TODAY.plusMonths(6))
                        .build()),
                Arguments.of("evaluation the day after the start", v().evaluationDate(TODAY.plusDays(1)).build()),
                Arguments.of("withdrawn VOLUNTARY registration", v().id(4).withdrawal(Fixtures.withdrawal(
                        Instant.parse("2026-03-03T10:00:00Z"))).build()),
                Arguments.of("stored registration that is over", Fixtures.voluntary(TODAY.minusMonths(7)).id(4)
                        .build()),
                Arguments.of("new registration ending today", Fixtures.voluntary(TODAY.minusMonths(6)).build()),
                Arguments.of("WZD consulting an external expert and a physician", w().consulted(List.of(
                        new Person(CareRole.EXTERNE_DESKUNDIGE, "EX-1"), new Person(CareRole.ARTS, "AR-2"))).build()),
                Arguments.of("WZD decided on the start day", w().decidedOn(TODAY).build()),
                Arguments.of("host events kept 1 day", w().hostEvents(new HostEvents("why", 1)).build()),
                Arguments.of("host events kept the maximum of 90 days", v().hostEvents(new HostEvents("why", 90))
                        .build()),
                Arguments.of("host events with the default retention", v().hostEvents(new HostEvents(
                        "evaluatie: welke goksites worden nog geprobeerd", 0)).build()),
                Arguments.of("unforeseen decided on the start day", u().decidedOn(TODAY).build()),
                Arguments.of("unforeseen decided 48 hours after the start", u().decidedOn(TODAY.plusDays(2))
                        .build()),
                Arguments.of("unforeseen evaluated on its end day", u().evaluationDate(TODAY.plusDays(14)).build()),
                Arguments.of("unforeseen shorter", u().end(TODAY.plusDays(10)).evaluationDate(TODAY.plusDays(5))
                        .phaseOut(List.of(new PhaseOutStep(TODAY.plusDays(5), Fixtures.MEDIUM_ID),
                                PhaseOutStep.unrestricted(TODAY.plusDays(10)))).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsValidRegistrations(String name, Registration r) {
        assertValid(validator.registration(r, Fixtures.profiles(), TODAY));
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of(new Limits(Period.ofMonths(2), Period.ofMonths(6), 14, 0, 14, Limits.AMSTERDAM),
                        Fixtures.wzd().build(), "evaluationDate", "for WZD is 2 months"),
                Arguments.of(new Limits(Period.ofMonths(3), Period.ofMonths(2), 14, 0, 14, Limits.AMSTERDAM),
                        Fixtures.voluntary().build(), "evaluationDate", "for VOLUNTARY is 2 months"),
                Arguments.of(new Limits(Period.ofMonths(3), Period.ofMonths(6), 10, 0, 14, Limits.AMSTERDAM),
                        Fixtures.wzdUnforeseen().build(), "end", "at most 10 days"),
                Arguments.of(Limits.DEFAULTS.withMaxHostEventRetentionDays(14), Fixtures.voluntary()
                        .hostEvents(new HostEvents("why", 15)).build(), "hostEvents.retentionDays",
                        "at most 14 days (the organisation's maximum), not 15"),
                Arguments.of(Limits.DEFAULTS.withMaxHostEventRetentionDays(14), Fixtures.voluntary()
                        .hostEvents(new HostEvents("why", 0)).build(), "hostEvents.retentionDays",
                        "not 30 (the default when none is given)"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("limits")
    void limitsAreConfigurable(Limits limits, Registration r, String field, String fragment) {
        assertProblems(new ModelValidator(limits).registration(r, Fixtures.profiles(), TODAY), fragment, field);
    }

    @Test
    void aRetentionOfZeroMeansTheDefaultOf30DaysAndTheReasonIsTrimmed() {
        HostEvents h = new HostEvents("  evaluatie  ", 0);

        assertThat(h.retentionDays()).isEqualTo(HostEvents.DEFAULT_RETENTION_DAYS).isEqualTo(30);
        assertThat(h.reason()).isEqualTo("evaluatie");
        assertThat(new HostEvents("x", 7).retentionDays()).isEqualTo(7);
    }

    @Test
    void limitsRefuseAMaximumRetentionBelowOneDay() {
        assertThatThrownBy(() -> Limits.DEFAULTS.withMaxHostEventRetentionDays(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxHostEventRetentionDays");
        assertThat(Limits.DEFAULTS.maxHostEventRetentionDays()).isEqualTo(90);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Registration r = new Registration(0, 0, Basis.WZD, null, new Person(null, null), null, 99, TODAY, TODAY,
                TODAY.minusDays(1), Set.of(), new Weighing(null, null, null, null, null), null, List.of(),
                List.of(new PhaseOutStep(TODAY, 98L)), List.of(),
                Fixtures.withdrawal(Instant.parse("2026-03-02T10:00:00Z")), null, 0);
        List<Problem> problems = validator.registration(r, Fixtures.profiles(), TODAY);
        assertThat(problems).extracting(Problem::field).contains("clientId", "dossierReference", "decidedBy.role",
                "decidedBy.name", "decidedOn", "profileId", "end", "evaluationDate", "risks",
                "weighing.seriousHarm", "weighing.subsidiarity", "weighing.proportionality",
                "weighing.effectiveness", "weighing.safety", "consulted", "phaseOut[0].from",
                "phaseOut[0].profileId", "withdrawal");
        assertThat(problems).filteredOn(p -> p.field().equals("end")).hasSize(2);
        assertThat(problems).filteredOn(p -> p.field().equals("phaseOut[0].profileId")).hasSize(2);
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).isNotBlank());
    }

    @Test
    void reportsAnEmptyRecordWithoutThrowing() {
        Registration r = new Registration(0, 0, null, null, null, null, 0, null, null, null, null, null, null, null,
                null, null, null, null, 0);
        assertThat(validator.registration(r, Fixtures.profiles(), null)).extracting(Problem::field)
                .containsExactlyInAnyOrder("clientId", "basis", "dossierReference", "decidedBy", "decidedOn",
                        "profileId", "start", "evaluationDate", "end", "risks", "phaseOut");
    }
}
