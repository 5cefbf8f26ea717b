package nl.vangnet.admin;

import java.time.Instant;

/**
 * Body of {@code GET /health}: whether this node is up and which policy snapshot it serves.
 *
 * @param status          {@code UP}
 * @param snapshotVersion version of the snapshot in use (0: nothing loaded yet; everyone unrestricted)
 * @param dataVersion     store data version the snapshot was compiled from
 * @param compiledAt      when the snapshot was compiled
 */
public record HealthResponse(String status, long snapshotVersion, long dataVersion, Instant compiledAt) {
}
