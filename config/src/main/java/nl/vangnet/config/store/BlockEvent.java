package nl.vangnet.config.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One blocked request of a client whose registration records the need for per-host block events
 * ({@link nl.vangnet.config.model.HostEvents}). Immutable.
 *
 * @param id             database id, 0 when new
 * @param registrationId the registration in effect when the request was blocked
 * @param at             when, truncated to microseconds (what both databases store)
 * @param host           the normalised listed or ruled name that matched (e.g. {@code casino.example} for
 *                       {@code www.casino.example}), else the requested host; 1 to {@value #MAX_HOST} characters
 * @param reason         the lower-case decision reason ({@code blocked_category}); 1 to {@value #MAX_REASON}
 *                       characters
 * @param listId         the list that matched ({@code gambling}, {@code service:tiktok}), or {@code null}; at most
 *                       {@value BlockCount#MAX_CATEGORY} characters
 */
public record BlockEvent(long id, long registrationId, Instant at, String host, String reason, String listId) {
    /** The longest host the store keeps (the longest DNS name). */
    public static final int MAX_HOST = 253;
    /** The longest reason the store keeps. */
    public static final int MAX_REASON = 40;

    public BlockEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(reason, "reason");
        if (registrationId <= 0) {
            throw new IllegalArgumentException("registrationId must be positive, not " + registrationId);
        }
        at = at.truncatedTo(ChronoUnit.MICROS);
        check("host", host, MAX_HOST);
        check("reason", reason, MAX_REASON);
        if (listId != null) {
            check("listId", listId, BlockCount.MAX_CATEGORY);
        }
    }

    /** A new event (id 0). */
    public static BlockEvent of(long registrationId, Instant at, String host, String reason, String listId) {
        return new BlockEvent(0, registrationId, at, host, reason, listId);
    }

    private static void check(String name, String value, int max) {
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1 to " + max + " characters, not " + value.length());
        }
    }
}
