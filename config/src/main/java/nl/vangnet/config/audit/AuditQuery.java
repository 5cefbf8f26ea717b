package nl.vangnet.config.audit;

import java.time.Instant;

/**
 * Filter for reading the audit log; {@code null} fields do not filter. Results are ordered by sequence.
 *
 * @param afterSeq only events with a sequence greater than this (for paging); 0 for all
 * @param limit    at most this many events (1..1000)
 */
public record AuditQuery(String entityType, Long entityId, AuditAction action, String actorAccount, Instant from,
        Instant to, long afterSeq, int limit) {
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, 0, 1000);
    }
}
