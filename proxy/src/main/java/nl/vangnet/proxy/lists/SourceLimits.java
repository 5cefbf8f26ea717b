package nl.vangnet.proxy.lists;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for reading one list source.
 *
 * @param connectTimeout how long to wait for the TCP/TLS connection of an http(s) source
 * @param timeout        how long a whole http(s) download may take, from request to last byte
 * @param maxBytes       the largest source accepted, in bytes: applies to the bytes read (file or download) and,
 *                       separately, to the bytes after gzip decompression
 */
public record SourceLimits(Duration connectTimeout, Duration timeout, long maxBytes) {
    /** 10 s connect, 120 s per download, 256 MiB. */
    public static final SourceLimits DEFAULT = new SourceLimits(Duration.ofSeconds(10), Duration.ofSeconds(120),
            256L << 20);

    public SourceLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeout, "timeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("list source timeouts must be positive: connect " + connectTimeout
                    + ", download " + timeout);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the largest list source size must be positive: " + maxBytes);
        }
    }
}
