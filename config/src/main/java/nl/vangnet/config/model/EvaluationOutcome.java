package nl.vangnet.config.model;

/** The outcome of an evaluation of a registration. */
public enum EvaluationOutcome {
    /** The restriction continues as registered. */
    CONTINUE,
    /** The restriction continues; the profile or schedule is to be adjusted (a separate, audited change). */
    ADJUST,
    /** The restriction continues; the phase-out is to go faster (a separate, audited change of the schedule). */
    PHASE_OUT_FASTER,
    /** The restriction stops: the registration ends at the start of the evaluation date. */
    STOP
}
