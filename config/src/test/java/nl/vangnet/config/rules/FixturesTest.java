package nl.vangnet.config.rules;

import static nl.vangnet.config.rules.ProblemAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The valid baselines: every fixture has zero problems, so that each rule test changes exactly one thing. */
class FixturesTest {
    private final ModelValidator validator = new ModelValidator(Limits.DEFAULTS);

    @Test
    void clientAndDeviceAreValid() {
        assertValid(validator.client(Fixtures.client()));
        assertValid(validator.device(Fixtures.device()));
    }

    static Stream<Profile> profiles() {
        return Fixtures.profileMap().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void profilesAreValidAndNormalised(Profile p) {
        assertValid(validator.profile(p));
        assertThat(validator.normalise(p)).isEqualTo(p);
    }

    static Stream<Arguments> registrations() {
        return Stream.of(
                Arguments.of(Basis.VOLUNTARY, Fixtures.voluntary().build()),
                Arguments.of(Basis.WZD, Fixtures.wzd().build()),
                Arguments.of(Basis.WZD_UNFORESEEN, Fixtures.wzdUnforeseen().build()),
                Arguments.of(Basis.VOLUNTARY, Fixtures.voluntary(Fixtures.TODAY.plusYears(1)).build()),
                Arguments.of(Basis.WZD, Fixtures.wzd(Fixtures.TODAY.minusMonths(1)).id(5).build()),
                Arguments.of(Basis.WZD_UNFORESEEN, Fixtures.wzdUnforeseen(Fixtures.TODAY.minusDays(3)).build()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("registrations")
    void registrationsAreValid(Basis basis, Registration r) {
        assertThat(r.basis()).isEqualTo(basis);
        assertValid(validator.registration(r, Fixtures.profiles(), Fixtures.TODAY));
    }

    @Test
    void profileChainIsStrictlyDecreasing() {
        assertThat(Restrictiveness.strictlyLessRestrictive(Fixtures.medium(), Fixtures.strict())).isTrue();
        assertThat(Restrictiveness.strictlyLessRestrictive(Fixtures.light(), Fixtures.medium())).isTrue();
        assertThat(Restrictiveness.strictlyLessRestrictive(null, Fixtures.light())).isTrue();
    }

    @Test
    void evaluationAndWithdrawalAreValid() {
        Registration r = Fixtures.voluntary(Fixtures.TODAY.minusMonths(1)).id(3).build();
        assertValid(validator.evaluation(r, Fixtures.evaluation(Fixtures.TODAY), Fixtures.TODAY));
        java.time.Instant now = Fixtures.TODAY.atTime(12, 0).atZone(Limits.AMSTERDAM).toInstant();
        assertValid(validator.withdrawal(r, Fixtures.withdrawal(now.minusSeconds(3600)), now));
    }
}
