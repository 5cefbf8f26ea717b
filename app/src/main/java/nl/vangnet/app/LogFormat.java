package nl.vangnet.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The format of Vangnet's log lines on standard error ({@code log.format}). Immutable. */
public enum LogFormat {
    /** One human-readable line per event, the pattern of {@code logback.xml}. */
    TEXT,
    /** One JSON object per line (Logback's {@code JsonEncoder}), for log collectors. */
    JSON;

    /** The lower-case name used in the settings. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format named {@code value} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values when {@code value} is none of them
     */
    public static LogFormat parse(String value) {
        for (LogFormat f : values()) {
            if (f.label().equalsIgnoreCase(value.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(LogFormat::label)
                .collect(Collectors.joining(", ")) + ", got '" + value + "'");
    }
}
