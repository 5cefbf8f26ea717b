package nl.vangnet.config.rules;

import static nl.vangnet.config.rules.Fixtures.TODAY;
import static nl.vangnet.config.rules.ProblemAssertions.assertProblems;
import static nl.vangnet.config.rules.ProblemAssertions.assertValid;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Withdrawal;
import nl.vangnet.config.model.WithdrawalKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WithdrawalValidationTest {
    /** 12:00 in Amsterdam on {@link Fixtures#TODAY}. */
    private static final Instant NOW = TODAY.atTime(12, 0).atZone(Limits.AMSTERDAM).toInstant();
    /** A voluntary registration that started ten days ago. */
    private static final Registration R = Fixtures.voluntary(TODAY.minusDays(10)).id(3).build();
    /** 00:00 in Amsterdam on the start day: 23:00 UTC the day before (winter time). */
    private static final Instant START = R.start().atStartOfDay(Limits.AMSTERDAM).toInstant();

    private final ModelValidator validator = new ModelValidator(Limits.DEFAULTS);

    private static Withdrawal withdrawal(WithdrawalKind kind, Instant at, Person by) {
        return new Withdrawal(kind, at, by, null);
    }

    private static Withdrawal at(Instant at) {
        return withdrawal(WithdrawalKind.RESISTANCE, at, Fixtures.begeleider());
    }

    static Stream<Arguments> invalid() {
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        return Stream.of(
                Arguments.of("WZD registration", Fixtures.wzd(TODAY.minusDays(10)).id(4).build(), at(hourAgo),
                        "resistance does not end the measure", "registration.basis"),
                Arguments.of("unforeseen WZD registration", Fixtures.wzdUnforeseen(TODAY.minusDays(5)).id(5).build(),
                        at(hourAgo), "only a VOLUNTARY registration", "registration.basis"),
                Arguments.of("second withdrawal", R.withWithdrawal(at(hourAgo.minusSeconds(60))), at(hourAgo),
                        "already recorded", "registration.withdrawal"),
                Arguments.of("no kind", R, withdrawal(null, hourAgo, Fixtures.begeleider()), "kind is required",
                        "kind"),
                Arguments.of("no moment", R, at(null), "moment of the withdrawal", "at"),
                Arguments.of("more than 5 minutes ahead", R, at(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)),
                        "is in the future", "at"),
                Arguments.of("before the start day in Amsterdam", R, at(START.minusSeconds(1)),
                        "before the registration started", "at"),
                Arguments.of("no reporter", R, withdrawal(WithdrawalKind.CONSENT_WITHDRAWN, hourAgo, null),
                        "who reported it is required", "reportedBy"),
                Arguments.of("reporter without role", R, withdrawal(WithdrawalKind.CONSENT_WITHDRAWN, hourAgo,
                        new Person(null, "PB-12")), "role of who reported it", "reportedBy.role"),
                Arguments.of("reporter without name", R, withdrawal(WithdrawalKind.CONSENT_WITHDRAWN, hourAgo,
                        new Person(CareRole.CLIENT, " ")), "name or staff code of who reported it",
                        "reportedBy.name"),
                Arguments.of("no withdrawal", R, null, "required", "withdrawal"),
                Arguments.of("no registration", null, at(hourAgo), "required", "registration"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsTheField(String name, Registration r, Withdrawal w, String fragment, String field) {
        assertProblems(validator.withdrawal(r, w, NOW), fragment, field);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("an hour ago", at(NOW.minus(Duration.ofHours(1)))),
                Arguments.of("now", at(NOW)),
                Arguments.of("within the clock skew", at(NOW.plus(Duration.ofMinutes(5)))),
                Arguments.of("at the start of the start day in Amsterdam", at(START)),
                Arguments.of("late on the day before in UTC, the start day in Amsterdam",
                        at(START.plus(Duration.ofMinutes(30)))),
                Arguments.of("consent withdrawn by the client", withdrawal(WithdrawalKind.CONSENT_WITHDRAWN, NOW,
                        new Person(CareRole.CLIENT, "cliënt"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsValidWithdrawals(String name, Withdrawal w) {
        assertValid(validator.withdrawal(R, w, NOW));
    }
}
