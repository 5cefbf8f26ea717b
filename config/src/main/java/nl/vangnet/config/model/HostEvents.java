package nl.vangnet.config.model;

/**
 * The recorded need for per-host block events of one registration. Keeping which sites a client was refused is
 * itself supervision (toezicht), a measure of its own, so the dossier must record why it is needed; without this
 * record only per-category-per-day block counts are kept (DESIGN §2 rule 7). Immutable.
 *
 * <p>Defaulting happens here, in the record itself: a {@code retentionDays} of 0 (what an input that leaves the
 * field out gives) becomes {@link #DEFAULT_RETENTION_DAYS}, so that what is stored, audited and shown is always the
 * retention that applies, and a later change of the default never changes the retention of an existing
 * registration. Any other value is kept as given; {@code ModelValidator} checks it against the organisation's
 * maximum ({@code Limits.maxHostEventRetentionDays()}).
 *
 * @param reason        why the per-host events are needed (required text, as recorded in the dossier)
 * @param retentionDays how many days (of 24 hours) an event is kept before it is purged; 0 means
 *                      {@link #DEFAULT_RETENTION_DAYS}
 */
public record HostEvents(String reason, int retentionDays) {
    /** The retention, in days, when none is given: 30. */
    public static final int DEFAULT_RETENTION_DAYS = 30;

    public HostEvents {
        reason = Text.trim(reason);
        if (retentionDays == 0) {
            retentionDays = DEFAULT_RETENTION_DAYS;
        }
    }
}
