package nl.vangnet.config.audit;

/**
 * The result of walking the audit chain.
 *
 * @param ok          whether every link holds
 * @param checked     how many events were checked
 * @param firstBrokenSeq the sequence number at which the chain first breaks, or {@code null} when {@code ok}
 * @param problem     what is wrong there (edited, deleted, reordered, truncated), or {@code null} when {@code ok}
 */
public record AuditVerification(boolean ok, long checked, Long firstBrokenSeq, String problem) {
}
