package nl.vangnet.config.model;

import java.util.List;

/**
 * One rule of a profile: a category id, AdGuard service id or domain, the risk it addresses, and when it applies.
 *
 * @param value        category id (e.g. {@code gambling}), service id (e.g. {@code tiktok}) or domain
 *                     (e.g. {@code example.com}); domains are normalised by the validator (lower case, punycode,
 *                     no trailing dot)
 * @param risk         the risk this rule addresses, or {@code null} when not recorded
 * @param activeDuring for block rules: the windows in which the block applies; empty means always. Allow rules
 *                     must leave it empty.
 */
public record Rule(String value, Risk risk, List<TimeWindow> activeDuring) {
    public Rule {
        value = Text.trim(value);
        activeDuring = Text.list(activeDuring);
    }

    /** A rule that always applies. */
    public static Rule always(String value, Risk risk) {
        return new Rule(value, risk, List.of());
    }
}
