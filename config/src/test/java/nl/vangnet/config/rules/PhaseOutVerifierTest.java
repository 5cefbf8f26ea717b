package nl.vangnet.config.rules;

import static nl.vangnet.config.rules.Fixtures.LIGHT_ID;
import static nl.vangnet.config.rules.Fixtures.MEDIUM_ID;
import static nl.vangnet.config.rules.Fixtures.STRICT_ID;
import static nl.vangnet.config.rules.Fixtures.TODAY;
import static nl.vangnet.config.rules.ProblemAssertions.assertProblems;
import static nl.vangnet.config.rules.ProblemAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The schedule rules, on the WZD fixture: strict, then medium (+1 month), light (+2), unrestricted (+5). */
class PhaseOutVerifierTest {

    private static LocalDate month(int n) {
        return TODAY.plusMonths(n);
    }

    private static PhaseOutStep step(int month, Long profileId) {
        return new PhaseOutStep(month(month), profileId);
    }

    private static Arguments row(String name, List<PhaseOutStep> steps, String fragment, String... fields) {
        return Arguments.of(name, Fixtures.wzd().phaseOut(steps).build(), fragment, fields);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                row("no steps", List.of(), "no phase-out schedule", "phaseOut"),
                row("step without date", List.of(step(1, MEDIUM_ID), new PhaseOutStep(null, LIGHT_ID), step(5, null)),
                        "step 2 (no date) has no date", "phaseOut[1].from"),
                row("first step on the start day", List.of(new PhaseOutStep(TODAY, MEDIUM_ID), step(2, LIGHT_ID),
                        step(5, null)), "step 1 (" + TODAY + ") is not after the start", "phaseOut[0].from"),
                row("first step before the start", List.of(new PhaseOutStep(TODAY.minusDays(1), MEDIUM_ID),
                        step(2, LIGHT_ID), step(5, null)), "is not after the start", "phaseOut[0].from"),
                row("two steps on one day", List.of(step(1, MEDIUM_ID), step(1, LIGHT_ID), step(5, null)),
                        "step 2 (" + month(1) + ") is not after step 1", "phaseOut[1].from"),
                row("steps out of order", List.of(step(2, MEDIUM_ID), step(1, LIGHT_ID), step(5, null)),
                        "strictly ascending", "phaseOut[1].from"),
                row("unknown profile", List.of(step(1, MEDIUM_ID), step(2, 99L), step(5, null)),
                        "step 2 (" + month(2) + ") refers to profile 99, which does not exist",
                        "phaseOut[1].profileId"),
                row("first step equal to the registered profile", List.of(step(1, STRICT_ID), step(2, LIGHT_ID),
                        step(5, null)), "step 1 (" + month(1) + ") is not less restrictive than the registered"
                                + " profile: it relaxes nothing compared with the registered profile",
                        "phaseOut[0].profileId"),
                row("step more restrictive than the one before", List.of(step(1, MEDIUM_ID), step(2, STRICT_ID),
                        step(5, null)), "step 2 (" + month(2) + ") is not less restrictive than step 1: it blocks"
                                + " category 'chat' at times step 1 does not", "phaseOut[1].profileId"),
                row("step adding allow-list-only", List.of(step(1, MEDIUM_ID), step(2, Fixtures.ALLOW_LIST_ID),
                        step(5, null)), "it adds allow-list-only mode", "phaseOut[1].profileId"),
                row("last step not unrestricted", List.of(step(1, MEDIUM_ID), step(2, LIGHT_ID)),
                        "the last step must be unrestricted", "phaseOut[1].profileId"),
                row("last step after the end", List.of(step(1, MEDIUM_ID), step(2, LIGHT_ID),
                        new PhaseOutStep(month(6).plusDays(1), null)), "is after the end date",
                        "phaseOut[2].from"),
                row("unrestricted before the last step", List.of(step(1, null), step(2, null)),
                        "step 1 (" + month(1) + ") is unrestricted but is not the last step",
                        "phaseOut[0].profileId"),
                row("restricting again after unrestricted", List.of(step(1, null), step(2, LIGHT_ID), step(5, null)),
                        "is unrestricted but is not the last step", "phaseOut[0].profileId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsTheStep(String name, Registration r, String fragment, String[] fields) {
        assertProblems(PhaseOutVerifier.verify(r, Fixtures.profiles()), fragment, fields);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("fixture schedule", Fixtures.wzd().build()),
                Arguments.of("straight to unrestricted", Fixtures.wzd().phaseOut(List.of(step(1, null))).build()),
                Arguments.of("last step on the end day", Fixtures.wzd().phaseOut(List.of(step(1, MEDIUM_ID),
                        new PhaseOutStep(month(6), null))).build()),
                Arguments.of("first step the day after the start", Fixtures.wzd().phaseOut(List.of(
                        new PhaseOutStep(TODAY.plusDays(1), MEDIUM_ID), step(5, null))).build()),
                Arguments.of("skipping a profile", Fixtures.wzd().phaseOut(List.of(step(1, LIGHT_ID), step(5, null)))
                        .build()),
                Arguments.of("from allow-list to unrestricted", Fixtures.wzd().profileId(Fixtures.ALLOW_LIST_ID)
                        .phaseOut(List.of(step(1, null))).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsValidSchedules(String name, Registration r) {
        assertValid(PhaseOutVerifier.verify(r, Fixtures.profiles()));
    }

    @Test
    void saysWhichStepWhichRuleAndWhy() {
        Profile withoutGambling = Fixtures.profile(Fixtures.light()).id(10).unblockCategory("gambling").build();
        Profile gamblingAgain = Fixtures.profile(withoutGambling).id(11).blockCategory("gambling")
                .unblockCategory("adult").build();
        Map<Long, Profile> profiles = new HashMap<>(Fixtures.profileMap());
        profiles.put(10L, withoutGambling);
        profiles.put(11L, gamblingAgain);
        LongFunction<Optional<Profile>> lookup = id -> Optional.ofNullable(profiles.get(id));
        Registration r = Fixtures.wzd().phaseOut(List.of(step(1, MEDIUM_ID), step(2, 10L),
                new PhaseOutStep(LocalDate.of(2027, 1, 1), 11L), step(10, null))).end(month(10)).build();

        List<Problem> problems = PhaseOutVerifier.verify(r, lookup);

        assertThat(problems).containsExactly(new Problem("phaseOut[2].profileId", "step 3 (2027-01-01) is not less"
                + " restrictive than step 2: it blocks category 'gambling', which step 2 does not block (each step"
                + " must relax at least one restriction and tighten none)"));
    }

    @Test
    void explainsEveryTighteningOfAStep() {
        Registration r = Fixtures.wzd().phaseOut(List.of(step(1, MEDIUM_ID), step(2, STRICT_ID), step(5, null)))
                .build();
        assertThat(PhaseOutVerifier.verify(r, Fixtures.profiles())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("service 'instagram'", "category 'chat'",
                        "it no longer allows domain 'nos.nl'", "internet hours are narrower"));
    }
}
