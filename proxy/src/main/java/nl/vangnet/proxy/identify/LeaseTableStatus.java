package nl.vangnet.proxy.identify;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of a {@link LeaseFileTable}, for the admin API and health checks. Holds no client data. Immutable.
 *
 * @param file          the configured lease file
 * @param format        the configured format
 * @param readAs        the format of the table in use (the detected one for {@link LeaseFormat#AUTO}; {@code AUTO}
 *                      while nothing has been read, or the file was empty)
 * @param loadedAt      when the table in use was read, or {@code null} if no read has succeeded yet
 * @param leases        how many addresses have a lease in the table in use
 * @param malformed     how many lines or blocks that read skipped as malformed
 * @param problems      the first few of those (file name, line number, what is wrong)
 * @param lastAttemptAt when the file was last read or tried, or {@code null} before the first try
 * @param lastError     why the last try failed, or {@code null} if it succeeded; the table in use is then the one
 *                      read at {@code loadedAt}
 */
public record LeaseTableStatus(Path file, LeaseFormat format, LeaseFormat readAs, Instant loadedAt, int leases,
        int malformed, List<String> problems, Instant lastAttemptAt, String lastError) {
    public LeaseTableStatus {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(readAs, "readAs");
        problems = List.copyOf(problems);
    }

    /** Whether the last try to read the file succeeded. */
    public boolean healthy() {
        return lastError == null && loadedAt != null;
    }
}
