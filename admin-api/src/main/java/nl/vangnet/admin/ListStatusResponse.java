package nl.vangnet.admin;

import java.time.Instant;
import java.util.List;

/**
 * One block list's status, as shown by {@code GET /api/lists}. Immutable.
 *
 * @param id            the list id: a category such as {@code gambling}, or {@code service:<id>} for an AdGuard
 *                      blocked service
 * @param sources       the configured source specs
 * @param entries       names held now (0 before the first successful load)
 * @param malformed     lines skipped in the last load because they could not be read
 * @param unsupported   lines skipped in the last load because their syntax is not supported
 * @param problems      the first few skipped lines, each with source and line number
 * @param loadedAt      when the contents now served were loaded, or {@code null} if never
 * @param lastFailure   why the last load failed (the old contents kept serving), or {@code null}
 * @param lastFailureAt when it failed, or {@code null}
 */
public record ListStatusResponse(String id, List<String> sources, long entries, long malformed, long unsupported,
        List<String> problems, Instant loadedAt, String lastFailure, Instant lastFailureAt) {
}
