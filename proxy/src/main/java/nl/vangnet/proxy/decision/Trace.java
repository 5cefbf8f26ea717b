package nl.vangnet.proxy.decision;

/**
 * The ids behind a decision, so that it can be explained ({@code /api/check}) and counted. Fields that do not
 * apply are {@code null}. Immutable.
 *
 * @param snapshotVersion the policy snapshot's version the decision was made with
 * @param listVersion     the list index's version the decision was made with (0 when no list was consulted)
 * @param deviceId        the identified device, or {@code null} when the client is unknown
 * @param clientId        the device's client
 * @param identifiedBy    how the device was identified ({@code ip}, {@code mac}, {@code proxy-auth}), or
 *                        {@code null}
 * @param registrationId  the deciding registration
 * @param profileId       the applied profile
 * @param phaseOutStep    the phase-out step in force: 0 for the registered profile, k for step k (1-based)
 * @param rule            the profile rule's value that decided (a domain, category or service id), or
 *                        {@code null}
 * @param listId          the list that matched ({@code gambling}, {@code service:tiktok}), or {@code null}
 * @param matched         the listed or ruled name that matched (e.g. {@code example.com} for
 *                        {@code www.example.com}), or {@code null}
 */
public record Trace(long snapshotVersion, long listVersion, Long deviceId, Long clientId, String identifiedBy,
        Long registrationId, Long profileId, Integer phaseOutStep, String rule, String listId, String matched) {

    /** A trace for an unidentified client. */
    public static Trace anonymous(long snapshotVersion) {
        return new Trace(snapshotVersion, 0, null, null, null, null, null, null, null, null, null);
    }
}
