package nl.vangnet.config.audit;

import java.time.Instant;

/**
 * One row of the audit log, as stored.
 *
 * @param seq        position in the chain, 1-based, gap-free
 * @param at         when, truncated to microseconds (what both H2 and PostgreSQL store)
 * @param actorAccount the account (or {@code system})
 * @param actorRole  the role the account acted in
 * @param action     what happened
 * @param entityType e.g. {@code registration}
 * @param entityId   the entity's id
 * @param before     canonical JSON of the entity before the change, or {@code null} on create
 * @param after      canonical JSON of the entity after the change, or {@code null} on delete
 * @param reason     why (free text from the actor, or the system's explanation)
 * @param prevHash   hex SHA-256 of the previous event ({@code 64 × '0'} for the first)
 * @param hash       hex SHA-256 of {@code prevHash ‖ canonical event}
 */
public record AuditEvent(long seq, Instant at, String actorAccount, String actorRole, AuditAction action,
        String entityType, long entityId, String before, String after, String reason, String prevHash,
        String hash) {
}
