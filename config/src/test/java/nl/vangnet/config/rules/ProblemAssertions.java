package nl.vangnet.config.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Assertions on validation results shared by the rule tests. Stateless. */
final class ProblemAssertions {
    private ProblemAssertions() {
    }

    /**
     * Asserts that the problems are reported on exactly {@code fields} (in any order) and that the problem on the
     * first of them says {@code fragment} — so the assertion fails if the rule behind that message is removed.
     */
    static void assertProblems(List<Problem> problems, String fragment, String... fields) {
        assertThat(problems).as("problems: %s", problems).extracting(Problem::field)
                .containsExactlyInAnyOrder(fields);
        assertThat(problems).as("problems: %s", problems)
                .anySatisfy(p -> {
                    assertThat(p.field()).isEqualTo(fields[0]);
                    assertThat(p.message()).contains(fragment);
                });
    }

    /** Asserts that there are no problems, showing them if there are. */
    static void assertValid(List<Problem> problems) {
        assertThat(problems).as("problems: %s", problems).isEmpty();
    }
}
