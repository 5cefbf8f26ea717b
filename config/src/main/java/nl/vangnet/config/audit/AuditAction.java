package nl.vangnet.config.audit;

/**
 * Every action the audit log records. This enum is the one place where audit actions are defined; docs/audit.md
 * describes each (when it is written, by whom, what before/after hold).
 */
public enum AuditAction {
    CLIENT_CREATED,
    CLIENT_UPDATED,
    CLIENT_DELETED,
    DEVICE_CREATED,
    DEVICE_UPDATED,
    DEVICE_DELETED,
    PROFILE_CREATED,
    PROFILE_UPDATED,
    PROFILE_DELETED,
    REGISTRATION_CREATED,
    /** Any change to a registration's recorded fields, including its phase-out schedule. */
    REGISTRATION_UPDATED,
    EVALUATION_RECORDED,
    /** Consent withdrawn or resistance shown: a voluntary restriction ends at once. */
    CONSENT_WITHDRAWN,
    /** Written by {@code system}: a registration came into effect on its start date. */
    REGISTRATION_STARTED,
    /** Written by {@code system}: the registration moved to the next phase-out step on its date. */
    PHASE_OUT_STEP_APPLIED,
    /** Written by {@code system}: the evaluation date passed without a recorded evaluation; no longer applied. */
    REGISTRATION_LAPSED,
    /** Written by {@code system}: the registration is no longer applied because its end date passed or an
     * evaluation stopped it. */
    REGISTRATION_ENDED,
    /** Written by {@code system}: a lapsed or ended registration is applied again, after a (late) evaluation or
     * a change that extended it. */
    REGISTRATION_RESUMED,
    /** Written by {@code system}: a registration that was applied is not applied any more because a change moved
     * its start date to a later day. */
    REGISTRATION_POSTPONED,
    /** A behavioural expert approved the next phase-out step earlier: its date moved forward. */
    PHASE_OUT_STEP_APPROVED,
    /** An admin-API account was created. */
    ACCOUNT_CREATED,
    /** An account was disabled: its tokens are refused. */
    ACCOUNT_DISABLED,
    /** A disabled account was enabled again. */
    ACCOUNT_ENABLED,
    /** A bearer token was issued to an account (the event holds its prefix, never the secret). */
    TOKEN_ISSUED,
    /** A bearer token was revoked. */
    TOKEN_REVOKED,
    /** Someone presented a token that was unknown, revoked, expired or of a disabled account. */
    LOGIN_FAILED
}
