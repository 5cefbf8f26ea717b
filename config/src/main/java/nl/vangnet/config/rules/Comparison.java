package nl.vangnet.config.rules;

import java.util.List;

/**
 * The outcome of comparing a profile P with a profile Q by {@link Restrictiveness#compare}: what P restricts
 * beyond Q ({@link #tightenings()}, the reasons why P is <em>not</em> at most as restrictive as Q) and what P
 * relaxes compared with Q ({@link #relaxations()}). Each entry is a plain-English phrase that reads after "P ...",
 * e.g. {@code "it blocks category 'gambling', which step 2 does not block"}.
 *
 * <p>P ≤ Q (at most as restrictive) exactly when there are no tightenings; P &lt; Q (strictly less restrictive)
 * exactly when there are no tightenings and at least one relaxation. Immutable and thread-safe.
 *
 * @param otherName   how Q is named in the phrases (e.g. {@code "step 2"}, {@code "the registered profile"})
 * @param tightenings what P restricts that Q does not; empty when P ≤ Q
 * @param relaxations what Q restricts that P does not; empty when Q ≤ P
 */
public record Comparison(String otherName, List<String> tightenings, List<String> relaxations) {
    public Comparison {
        tightenings = List.copyOf(tightenings);
        relaxations = List.copyOf(relaxations);
    }

    /** P is at most as restrictive as Q: P restricts nothing that Q does not. */
    public boolean atMostAsRestrictive() {
        return tightenings.isEmpty();
    }

    /** P relaxes at least one restriction of Q. */
    public boolean relaxesSomething() {
        return !relaxations.isEmpty();
    }

    /** P is strictly less restrictive than Q: at most as restrictive, and at least one thing relaxed. */
    public boolean strictlyLessRestrictive() {
        return atMostAsRestrictive() && relaxesSomething();
    }

    /**
     * Why P is not strictly less restrictive than Q: the tightenings, or — when there are none and nothing is
     * relaxed — the single reason that it relaxes nothing. Empty when P is strictly less restrictive.
     */
    public List<String> reasonsNotStrictlyLess() {
        if (!tightenings.isEmpty()) {
            return tightenings;
        }
        return relaxations.isEmpty() ? List.of("it relaxes nothing compared with " + otherName) : List.of();
    }
}
