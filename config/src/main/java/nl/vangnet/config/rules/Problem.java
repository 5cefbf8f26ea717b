package nl.vangnet.config.rules;

import java.util.Objects;

/**
 * One validation problem: the path of the offending field (e.g. {@code phaseOut[2].profileId},
 * {@code weighing.subsidiarity}) and a message in plain English that says what is wrong and why.
 */
public record Problem(String field, String message) {
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
