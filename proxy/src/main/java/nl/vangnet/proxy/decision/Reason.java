package nl.vangnet.proxy.decision;

/**
 * Why the policy decided as it did; one value per named check, in check order. Metrics and the block statistics
 * use these names, lower-cased.
 */
public enum Reason {
    /** The client is unknown, or has no registration at all: passed through, nothing consulted, nothing recorded. */
    NO_REGISTRATION,
    /**
     * The client has registrations, but none is in effect now (not started, lapsed because the evaluation is
     * overdue, ended, withdrawn, or at the unrestricted last phase-out step): passed through, nothing recorded.
     */
    NOT_IN_EFFECT,
    /**
     * A transparent connection whose destination name cannot be read ({@link Kind#OPAQUE}) from a restricted client
     * whose profile does not allow such connections: refused, because it cannot be checked against the profile.
     */
    OPAQUE_CONNECTION,
    /** The host is on the applied profile's allowed domains; allow rules beat every block rule of the profile. */
    ALLOWED_DOMAIN,
    /** The host (or a parent domain) is one of the profile's blocked domains, active now. */
    BLOCKED_DOMAIN,
    /** The host is listed in a category list the profile blocks, active now. */
    BLOCKED_CATEGORY,
    /** The host belongs to an AdGuard blocked service the profile blocks, active now. */
    BLOCKED_SERVICE,
    /** The profile is in allow-list-only mode and the host is not on its allowed domains. */
    NOT_ON_ALLOW_LIST,
    /** The profile restricts internet to certain hours and now is outside them. */
    OUTSIDE_INTERNET_HOURS,
    /** The profile enforces SafeSearch: the upstream connection goes to the search engine's enforced variant. */
    SAFE_SEARCH,
    /** The client is restricted, but no rule of the applied profile concerns this host: passed through. */
    NOT_RESTRICTED_HOST
}
