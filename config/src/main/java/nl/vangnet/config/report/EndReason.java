package nl.vangnet.config.report;

/** Why a row of the Wzd overview ends on its {@link WzdReportRow#end()} date. */
public enum EndReason {
    /** The registered end date (which may lie after the period or in the future). */
    REGISTERED_END,
    /** An evaluation with outcome {@code STOP} ended the registration earlier: the end is the day before it. */
    STOPPED_BY_EVALUATION,
    /**
     * Consent was withdrawn or resistance shown (recorded for voluntary registrations; counted here only if such a
     * record exists on a Wzd registration): the end is the day of the withdrawal.
     */
    WITHDRAWN
}
