package nl.vangnet.config.model;

/**
 * The role of an account of the admin API and pages. Every route declares which roles may use it; an account has
 * exactly one role.
 */
public enum AccountRole {
    /** IT staff: devices, block lists, profiles, nodes, accounts. */
    IT_ADMIN,
    /**
     * Care professional (persoonlijk begeleider, zorgverantwoordelijke): clients, registrations, evaluations and
     * withdrawals, only for clients of the account's own location.
     */
    CARE_PROFESSIONAL,
    /**
     * Behavioural expert (gedragsdeskundige): reads every restriction in effect, records evaluations, approves the
     * next phase-out step earlier.
     */
    BEHAVIOURAL_EXPERT,
    /** Auditor or inspection: reads the audit log and the exports, changes nothing. */
    AUDITOR;

    /** Whether accounts with this role must have a location (their data is limited to it). */
    public boolean needsLocation() {
        return this == CARE_PROFESSIONAL;
    }
}
