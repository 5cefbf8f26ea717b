package nl.vangnet.config.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Rule;

/**
 * The partial order "profile P is at most as restrictive as profile Q" (P ≤ Q), on which the phase-out schedule
 * rests (every step strictly less restrictive than the one before). {@code null} stands for "unrestricted" and is
 * the bottom element: {@code null ≤ Q} for every Q.
 *
 * <p>For two profiles, P ≤ Q holds when every one of these holds:
 * <ol>
 *   <li><b>blocked categories, services and domains</b>: for every value P blocks, the minutes of the week in which
 *       P blocks it are a subset of the minutes in which Q blocks it ({@link WeekMinutes}; a rule with an empty
 *       {@code activeDuring} blocks the whole week; several rules for one value are united). For domains, Q's
 *       rules for a parent domain count too, because blocking {@code example.com} blocks {@code a.example.com};</li>
 *   <li><b>allowed domains</b>: P allows every domain Q allows (or a parent of it) — exceptions may be added,
 *       not removed;</li>
 *   <li><b>allow-list-only</b> may be dropped but not added: P.allowListOnly ⇒ Q.allowListOnly;</li>
 *   <li><b>SafeSearch</b> may be dropped but not added: P.safeSearch ⇒ Q.safeSearch;</li>
 *   <li><b>internet hours</b>: the minutes in which P makes internet available (an empty list is the whole week)
 *       are a superset of Q's.</li>
 * </ol>
 * P ≤ {@code null} holds when P imposes nothing: it blocks nothing in any minute, has neither allow-list-only nor
 * SafeSearch, and internet is available the whole week (allowed domains then make no difference). P is
 * <em>strictly</em> less restrictive than Q when P ≤ Q and not Q ≤ P: nothing is tightened and at least one thing
 * is relaxed.
 *
 * <p>{@link Profile#allowOpaqueConnections()} is not compared: refusing a connection whose destination name cannot be
 * read is how transparent mode enforces the other rules (such a connection cannot be checked against them), not a
 * restriction of its own — a profile that imposes nothing refuses nothing ({@code nl.vangnet.proxy.decision.Check}).
 *
 * <p>The comparison is syntactic on ids: Vangnet does not know which domains a category or service contains, so
 * a category never covers a domain or service, and blocking domain {@code casino.example} instead of category
 * {@code gambling} counts as dropping {@code gambling} and adding a domain. Values are compared after the
 * validator's normalisation (lower case; domains without trailing dot, in punycode).
 *
 * <p>Stateless and thread-safe (static methods only).
 */
public final class Restrictiveness {
    private static final String DEFAULT_OTHER = "the other profile";

    private Restrictiveness() {
    }

    /** Whether P is at most as restrictive as Q ({@code null} = unrestricted). */
    public static boolean atMostAsRestrictive(Profile p, Profile q) {
        return compare(p, q).atMostAsRestrictive();
    }

    /** Whether P is strictly less restrictive than Q: P ≤ Q and not Q ≤ P ({@code null} = unrestricted). */
    public static boolean strictlyLessRestrictive(Profile p, Profile q) {
        return compare(p, q).strictlyLessRestrictive();
    }

    /** Compares P with Q, naming Q "the other profile" in the explanations. */
    public static Comparison compare(Profile p, Profile q) {
        return compare(p, q, DEFAULT_OTHER);
    }

    /**
     * Compares P with Q and explains the differences; {@code otherName} names Q in the phrases (e.g. "step 2").
     * {@code null} for either profile means unrestricted.
     */
    public static Comparison compare(Profile p, Profile q, String otherName) {
        Objects.requireNonNull(otherName, "otherName");
        Shape sp = Shape.of(p);
        Shape sq = Shape.of(q);
        List<String> tight = new ArrayList<>();
        List<String> relax = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (Gap g : gaps(sp.blocked(kind), sq.blocked(kind), kind)) {
                tight.add(g.covered().isEmpty()
                        ? "it blocks " + kind.label + " '" + g.value() + "', which " + otherName + " does not block"
                        : "it blocks " + kind.label + " '" + g.value() + "' at times " + otherName + " does not: "
                                + g.missing().describe());
            }
            for (Gap g : gaps(sq.blocked(kind), sp.blocked(kind), kind)) {
                relax.add(g.covered().isEmpty()
                        ? "it no longer blocks " + kind.label + " '" + g.value() + "'"
                        : "it blocks " + kind.label + " '" + g.value() + "' at fewer times: no longer "
                                + g.missing().describe());
            }
        }
        if (p != null && q != null) {
            for (String d : sq.allowed) {
                if (!allows(sp.allowed, d)) {
                    tight.add("it no longer allows domain '" + d + "', which " + otherName + " allows");
                }
            }
            for (String d : sp.allowed) {
                if (!allows(sq.allowed, d)) {
                    relax.add("it also allows domain '" + d + "'");
                }
            }
        }
        if (sp.allowListOnly && !sq.allowListOnly) {
            tight.add("it adds allow-list-only mode (only the allowed domains are reachable), which " + otherName
                    + " does not have");
        } else if (!sp.allowListOnly && sq.allowListOnly) {
            relax.add("it drops allow-list-only mode");
        }
        if (sp.safeSearch && !sq.safeSearch) {
            tight.add("it adds SafeSearch, which " + otherName + " does not enforce");
        } else if (!sp.safeSearch && sq.safeSearch) {
            relax.add("it drops SafeSearch");
        }
        WeekMinutes lost = sq.hours.minus(sp.hours);
        if (!lost.isEmpty()) {
            tight.add("its internet hours are narrower than those of " + otherName + ": " + lost.describe()
                    + " no longer available");
        }
        WeekMinutes gained = sp.hours.minus(sq.hours);
        if (!gained.isEmpty()) {
            relax.add("its internet hours are wider: " + gained.describe() + " now available");
        }
        return new Comparison(otherName, tight, relax);
    }

    private static boolean allows(Set<String> allowed, String domain) {
        return Domains.selfAndParents(domain).stream().anyMatch(allowed::contains);
    }

    /** Values that {@code a} blocks in minutes {@code b} does not, with the minutes missing from {@code b}. */
    private static List<Gap> gaps(Map<String, WeekMinutes> a, Map<String, WeekMinutes> b, Kind kind) {
        List<Gap> out = new ArrayList<>();
        a.forEach((value, minutes) -> {
            WeekMinutes covered = WeekMinutes.none();
            for (String v : kind == Kind.DOMAIN ? Domains.selfAndParents(value) : List.of(value)) {
                covered = covered.union(b.getOrDefault(v, WeekMinutes.none()));
            }
            WeekMinutes missing = minutes.minus(covered);
            if (!missing.isEmpty()) {
                out.add(new Gap(value, covered, missing));
            }
        });
        return out;
    }

    private record Gap(String value, WeekMinutes covered, WeekMinutes missing) {
    }

    private enum Kind {
        CATEGORY("category", Domains::normaliseId),
        SERVICE("service", Domains::normaliseId),
        DOMAIN("domain", Domains::normalise);

        final String label;
        final UnaryOperator<String> normaliser;

        Kind(String label, UnaryOperator<String> normaliser) {
            this.label = label;
            this.normaliser = normaliser;
        }
    }

    /** A profile reduced to what the order compares. */
    private static final class Shape {
        private static final Shape UNRESTRICTED = new Shape(Map.of(), Set.of(), false, false,
                WeekMinutes.wholeWeek());

        final Map<Kind, Map<String, WeekMinutes>> blocked;
        final Set<String> allowed;
        final boolean allowListOnly;
        final boolean safeSearch;
        final WeekMinutes hours;

        private Shape(Map<Kind, Map<String, WeekMinutes>> blocked, Set<String> allowed, boolean allowListOnly,
                boolean safeSearch, WeekMinutes hours) {
            this.blocked = blocked;
            this.allowed = allowed;
            this.allowListOnly = allowListOnly;
            this.safeSearch = safeSearch;
            this.hours = hours;
        }

        static Shape of(Profile p) {
            if (p == null) {
                return UNRESTRICTED;
            }
            Map<Kind, Map<String, WeekMinutes>> blocked = new LinkedHashMap<>();
            blocked.put(Kind.CATEGORY, blockMap(p.blockedCategories(), Kind.CATEGORY));
            blocked.put(Kind.SERVICE, blockMap(p.blockedServices(), Kind.SERVICE));
            blocked.put(Kind.DOMAIN, blockMap(p.blockedDomains(), Kind.DOMAIN));
            Set<String> allowed = new LinkedHashSet<>();
            for (Rule r : p.allowedDomains()) {
                if (r.value() != null) {
                    allowed.add(Domains.normalise(r.value()));
                }
            }
            return new Shape(blocked, allowed, p.allowListOnly(), p.safeSearch(),
                    WeekMinutes.ofOrWholeWeek(p.internetHours()));
        }

        private static Map<String, WeekMinutes> blockMap(List<Rule> rules, Kind kind) {
            Map<String, WeekMinutes> m = new LinkedHashMap<>();
            for (Rule r : rules) {
                if (r.value() == null) {
                    continue;
                }
                WeekMinutes minutes = WeekMinutes.ofOrWholeWeek(r.activeDuring());
                if (!minutes.isEmpty()) {
                    m.merge(kind.normaliser.apply(r.value()), minutes, WeekMinutes::union);
                }
            }
            return m;
        }

        Map<String, WeekMinutes> blocked(Kind kind) {
            return blocked.getOrDefault(kind, Map.of());
        }
    }
}
