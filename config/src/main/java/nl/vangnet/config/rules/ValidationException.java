package nl.vangnet.config.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when input breaks one or more rules; carries every {@link Problem} found, never just the first. Nothing was
 * written when this is thrown.
 */
public final class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public ValidationException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new Problem(field, message)));
    }

    /** Throws if {@code problems} is not empty. */
    public static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    public List<Problem> problems() {
        return problems;
    }
}
