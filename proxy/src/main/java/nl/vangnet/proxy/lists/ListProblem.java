package nl.vangnet.proxy.lists;

import java.util.Objects;

/**
 * A line of a list source that was skipped. Such lines are counted and the first few reported; they never make a
 * load fail.
 *
 * @param source the source spec (for {@code services.json}: {@code <spec>#<service id>})
 * @param line   1-based line number (for {@code services.json}: the rule's number within its service; 0 when the
 *               problem is not about one line)
 * @param type   malformed or unsupported
 * @param text   the line as read, at most 80 characters
 * @param reason why it was skipped
 */
public record ListProblem(String source, int line, Type type, String text, String reason) {
    public ListProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reason, "reason");
    }

    /** Kinds of skipped lines. */
    public enum Type {
        /** Not valid in the format, e.g. a host name with a space or a hosts line without an address. */
        MALFORMED,
        /** Valid in the format, but not supported by the index, e.g. Adblock rules with wildcards or modifiers. */
        UNSUPPORTED
    }

    @Override
    public String toString() {
        return source + ":" + line + ": " + type.name().toLowerCase(java.util.Locale.ROOT) + ": " + reason
                + " ('" + text + "')";
    }
}
