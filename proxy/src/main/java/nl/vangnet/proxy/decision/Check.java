package nl.vangnet.proxy.decision;

import java.util.List;
import java.util.Optional;
import nl.vangnet.proxy.lists.ListHit;
import nl.vangnet.proxy.lists.ListQuery;

/**
 * The named checks of the decision engine, in the order in which they run; the first that matches decides
 * ({@link PolicyEngine}). The labels ({@link #label()}) are what documentation and {@code /api/check} show.
 *
 * <p>{@link #CLIENT} runs first, for every request, before anything else is looked at: a client without a
 * restriction in effect is passed through there, without normalising the host, consulting a list, caching or
 * recording anything. The other checks run only for restricted clients, against the applied profile, with the
 * host normalised ({@link HostName}) and time windows read at the request's local minute of the week
 * (Europe/Amsterdam).
 *
 * <p>Stateless and thread-safe.
 */
public enum Check {
    /**
     * Unknown client, or a client without any registration: {@link Reason#NO_REGISTRATION}; a client with
     * registrations of which none restricts now: {@link Reason#NOT_IN_EFFECT}. Applied by the engine itself, before
     * the host is even normalised; for a restricted client it never matches.
     */
    CLIENT("client") {
        @Override
        Verdict apply(HostEvaluation e) {
            return null;
        }
    },
    /**
     * A connection whose destination name cannot be read ({@link Kind#OPAQUE}: TLS without SNI or with Encrypted
     * Client Hello, non-TLS bytes on the TLS port), when the profile restricts anything and does not allow such
     * connections: {@link Reason#OPAQUE_CONNECTION}. Otherwise the later checks run on the destination's IP
     * address. A profile that imposes nothing refuses nothing.
     */
    OPAQUE("opaque") {
        @Override
        Verdict apply(HostEvaluation e) {
            return e.kind == Kind.OPAQUE && e.profile.refusesOpaque()
                    ? Verdict.block(this, Reason.OPAQUE_CONNECTION, e.trace(null, null, null), e.kind)
                    : null;
        }
    },
    /**
     * The host is, or is a subdomain of, one of the profile's allowed domains: {@link Reason#ALLOWED_DOMAIN}.
     * Allow rules beat every later check (block rules, lists, allow-list-only mode, internet hours, SafeSearch).
     */
    ALLOW_RULE("allow-rule") {
        @Override
        Verdict apply(HostEvaluation e) {
            String domain = e.profile.allowedDomain(e.host);
            return domain == null ? null
                    : Verdict.pass(this, Reason.ALLOWED_DOMAIN, e.trace(domain, null, domain), null);
        }
    },
    /** The host is, or is a subdomain of, a blocked domain whose rule is active now: {@link Reason#BLOCKED_DOMAIN}. */
    BLOCK_RULE("block-rule") {
        @Override
        Verdict apply(HostEvaluation e) {
            String domain = e.profile.blockedDomain(e.host, e.minuteOfWeek);
            return domain == null ? null
                    : Verdict.block(this, Reason.BLOCKED_DOMAIN, e.trace(domain, null, domain), e.kind);
        }
    },
    /**
     * The host is listed in a category list that the profile blocks now: {@link Reason#BLOCKED_CATEGORY}. Lists
     * are asked in the profile's rule order.
     */
    CATEGORY("category") {
        @Override
        Verdict apply(HostEvaluation e) {
            e.categories = e.profile.categoryQuery(e.lists, e.minuteOfWeek);
            if (e.categories == null || e.categories.isEmpty()) {
                return null;
            }
            ListQuery both = e.profile.bothQuery(e.lists);
            if (both == null) {
                return listed(this, Reason.BLOCKED_CATEGORY, e, e.categories);
            }
            // one lookup for categories and services; the common miss costs one walk over the host's parents
            e.services = e.profile.serviceQuery(e.lists, e.minuteOfWeek);
            e.servicesLookedUp = true;
            Optional<ListHit> hit = e.lists.find(e.host, null, both);
            if (hit.isEmpty()) {
                return null;
            }
            ListHit h = hit.get();
            if (e.categories.listIds().contains(h.listId())) {
                return block(this, Reason.BLOCKED_CATEGORY, e, h);
            }
            // a service list names a nearer domain; a category list may still name a farther one, and wins
            Verdict category = listed(this, Reason.BLOCKED_CATEGORY, e, e.categories);
            if (category == null) {
                e.serviceHit = h;
            }
            return category;
        }
    },
    /**
     * The host belongs to an AdGuard blocked service that the profile blocks now (list {@code service:<id>}):
     * {@link Reason#BLOCKED_SERVICE}.
     */
    SERVICE("service") {
        @Override
        Verdict apply(HostEvaluation e) {
            if (e.servicesLookedUp) {
                return e.serviceHit == null ? null : block(this, Reason.BLOCKED_SERVICE, e, e.serviceHit);
            }
            e.services = e.profile.serviceQuery(e.lists, e.minuteOfWeek);
            return listed(this, Reason.BLOCKED_SERVICE, e, e.services);
        }
    },
    /** The profile is in allow-list-only mode (and no allow rule matched): {@link Reason#NOT_ON_ALLOW_LIST}. */
    ALLOW_LIST_ONLY("allow-list-only") {
        @Override
        Verdict apply(HostEvaluation e) {
            return e.profile.allowListOnly()
                    ? Verdict.block(this, Reason.NOT_ON_ALLOW_LIST, e.trace(null, null, null), e.kind)
                    : null;
        }
    },
    /** Now is outside the profile's internet hours: {@link Reason#OUTSIDE_INTERNET_HOURS}. */
    INTERNET_HOURS("internet-hours") {
        @Override
        Verdict apply(HostEvaluation e) {
            return e.profile.internetAt(e.minuteOfWeek) ? null
                    : Verdict.block(this, Reason.OUTSIDE_INTERNET_HOURS, e.trace(null, null, null), e.kind);
        }
    },
    /**
     * The profile enforces SafeSearch and the host is in the {@link SafeSearchTable}: passed, to the enforced host
     * on the same port ({@link Reason#SAFE_SEARCH}).
     */
    SAFE_SEARCH("safe-search") {
        @Override
        Verdict apply(HostEvaluation e) {
            if (!e.profile.safeSearch()) {
                return null;
            }
            String enforced = e.safeSearch.enforcedHost(e.host);
            return enforced == null ? null
                    : Verdict.pass(this, Reason.SAFE_SEARCH, e.trace(null, null, e.host), enforced);
        }
    },
    /** Nothing in the profile concerns the host: passed unchanged ({@link Reason#NOT_RESTRICTED_HOST}). */
    DEFAULT("default") {
        @Override
        Verdict apply(HostEvaluation e) {
            return Verdict.pass(this, Reason.NOT_RESTRICTED_HOST, e.trace(null, null, null), null);
        }
    };

    private static final List<Check> ORDER = List.of(values());
    private static final Check[] HOST_CHECKS = {OPAQUE, ALLOW_RULE, BLOCK_RULE, CATEGORY, SERVICE, ALLOW_LIST_ONLY,
        INTERNET_HOURS, SAFE_SEARCH, DEFAULT};

    private final String label;

    Check(String label) {
        this.label = label;
    }

    /** The check's name, e.g. {@code allow-rule}. */
    public String label() {
        return label;
    }

    /** Every check, in the order in which they run. */
    public static List<Check> inOrder() {
        return ORDER;
    }

    /** The verdict of this check, or {@code null} when it does not match. */
    abstract Verdict apply(HostEvaluation e);

    /** Runs the host checks in order; the last ({@link #DEFAULT}) always matches. */
    static Verdict evaluate(HostEvaluation e) {
        for (Check check : HOST_CHECKS) {
            Verdict v = check.apply(e);
            if (v != null) {
                return v;
            }
        }
        throw new IllegalStateException("the default check always matches");
    }

    /**
     * Whether a URL entry of a list could still change a verdict of this check: only when the list checks ran and
     * did not match (a later check decided).
     */
    boolean decidedAfterLists() {
        return ordinal() > SERVICE.ordinal();
    }

    private static Verdict listed(Check check, Reason reason, HostEvaluation e, ListQuery query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        Optional<ListHit> hit = e.lists.find(e.host, null, query);
        if (hit.isEmpty()) {
            return null;
        }
        return block(check, reason, e, hit.get());
    }

    private static Verdict block(Check check, Reason reason, HostEvaluation e, ListHit h) {
        return Verdict.block(check, reason, e.trace(ruleOf(h.listId()), h.listId(), h.matched()), e.kind);
    }

    /** The profile rule value behind a list id: the category id itself, or the service id without its prefix. */
    static String ruleOf(String listId) {
        return listId.startsWith(CompiledProfile.SERVICE_PREFIX)
                ? listId.substring(CompiledProfile.SERVICE_PREFIX.length()) : listId;
    }
}
