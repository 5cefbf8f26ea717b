package nl.vangnet.config.policy;

/** Why a client is or is not restricted at an instant. */
public enum EffectiveReason {
    /** The client has no registration at all: unrestricted, and nothing about the traffic is recorded. */
    NO_REGISTRATION,
    /** A registration is in effect; the applied profile is that of the step given with it. */
    ACTIVE,
    /** The (next) registration has not started yet: unrestricted. */
    NOT_STARTED,
    /** The evaluation date passed without a recorded evaluation (after the grace period): lapsed, unrestricted. */
    EVALUATION_OVERDUE,
    /** The end date passed, or an evaluation stopped the registration: unrestricted. */
    ENDED,
    /** Consent was withdrawn or resistance shown (voluntary basis): unrestricted from that instant. */
    WITHDRAWN
}
