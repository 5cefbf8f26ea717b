package nl.vangnet.config.store;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How many requests of one registration's client were blocked on one day in one category. Immutable.
 *
 * @param registrationId the registration in effect when the requests were blocked
 * @param day            the local day (Europe/Amsterdam) of the requests
 * @param category       the list id that matched ({@code gambling}, {@code service:tiktok}), else the lower-case
 *                       decision reason ({@code blocked_domain}, {@code not_on_allow_list},
 *                       {@code outside_internet_hours}); 1 to {@value #MAX_CATEGORY} characters
 * @param blocks         the number of blocked requests, at least 1
 */
public record BlockCount(long registrationId, LocalDate day, String category, long blocks) {
    /** The longest category the store keeps. */
    public static final int MAX_CATEGORY = 100;

    public BlockCount {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(category, "category");
        if (registrationId <= 0) {
            throw new IllegalArgumentException("registrationId must be positive, not " + registrationId);
        }
        if (category.isEmpty() || category.length() > MAX_CATEGORY) {
            throw new IllegalArgumentException("category must be 1 to " + MAX_CATEGORY + " characters: '" + category
                    + "'");
        }
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks must be at least 1, not " + blocks);
        }
    }
}
