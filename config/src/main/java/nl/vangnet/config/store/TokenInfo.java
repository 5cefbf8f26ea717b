package nl.vangnet.config.store;

import java.time.Instant;

/**
 * What is stored about a bearer token, never the token itself (only its SHA-256 hash is kept). Immutable.
 *
 * @param id        database id
 * @param accountId the account the token authenticates
 * @param label     what the token is for (e.g. {@code laptop}, {@code prometheus}), may be {@code null}
 * @param prefix    the first 12 characters of the token (e.g. {@code vgn_Ab3dE5gH}), to recognise it in lists
 * @param createdAt when it was issued
 * @param expiresAt when it stops working, or {@code null} for never
 * @param revokedAt when it was revoked, or {@code null}
 */
public record TokenInfo(long id, long accountId, String label, String prefix, Instant createdAt, Instant expiresAt,
        Instant revokedAt) {

    /** Whether the token is accepted at {@code now}: not revoked and not expired. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
