package nl.vangnet.admin.http;

/**
 * One field-level problem in a {@link ProblemDetails} body: the path of the offending field (e.g.
 * {@code phaseOut[2].profileId}, or a query parameter such as {@code limit}) and what is wrong with it. Immutable.
 */
public record FieldError(String field, String message) {
}
