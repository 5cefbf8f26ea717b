package nl.vangnet.config.model;

/** Why a voluntary restriction stopped at once. */
public enum WithdrawalKind {
    /** The client or representative withdrew consent. */
    CONSENT_WITHDRAWN,
    /** The client showed resistance (verzet). Continuing would be involuntary care without a Wzd decision. */
    RESISTANCE
}
