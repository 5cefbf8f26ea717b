package nl.vangnet.proxy.lists;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one list comes from and in which format, parsed from a spec {@code <format>:<location>}: the format is
 * one of {@link ListFormat}'s prefixes; the location is an {@code http://} or {@code https://} URL or a local
 * path (absolute, or relative to the working directory). A {@link ListFormat#UT1} source must be a local
 * directory. Examples: {@code ut1:/var/lib/vangnet/ut1/gambling}, {@code hosts:https://example.org/hosts.gz},
 * {@code adblock:lists/extra.txt}, {@code services:/var/lib/vangnet/services.json}.
 *
 * @param format   the format
 * @param location the URL or path as written
 * @param remote   whether the location is an http(s) URL
 */
public record ListSource(ListFormat format, String location, boolean remote) {
    public ListSource {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(location, "location");
    }

    /**
     * Parses a spec.
     *
     * @throws IllegalArgumentException with a message saying what is wrong and what is expected
     */
    public static ListSource parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.strip();
        int colon = s.indexOf(':');
        String expected = "expected '<format>:<path or http(s) URL>' with format one of " + ListFormat.prefixes()
                + ", e.g. 'hosts:/var/lib/vangnet/gambling-hosts'";
        if (colon <= 0) {
            throw new IllegalArgumentException("list source '" + spec + "' has no format prefix: " + expected);
        }
        String prefix = s.substring(0, colon);
        ListFormat format = ListFormat.byPrefix(prefix).orElseThrow(() -> new IllegalArgumentException(
                "list source '" + spec + "' has unknown format '" + prefix + "': " + expected));
        String location = s.substring(colon + 1).strip();
        if (location.isEmpty()) {
            throw new IllegalArgumentException("list source '" + spec + "' has no location: " + expected);
        }
        String lower = location.toLowerCase(Locale.ROOT);
        boolean remote = lower.startsWith("http://") || lower.startsWith("https://");
        if (remote) {
            try {
                URI uri = new URI(location);
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("list source '" + spec + "' has a URL without a host");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("list source '" + spec + "' has an invalid URL: "
                        + e.getMessage(), e);
            }
            if (format == ListFormat.UT1) {
                throw new IllegalArgumentException("list source '" + spec + "': a 'ut1:' source is a local category"
                        + " directory; for files on a web server use 'domains:<url>' and 'urls:<url>'");
            }
        } else {
            if (lower.matches("[a-z][a-z0-9+.-]*://.*")) {
                throw new IllegalArgumentException("list source '" + spec + "': only http:// and https:// URLs or"
                        + " local paths are supported");
            }
            try {
                Path.of(location);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("list source '" + spec + "' has an invalid path: "
                        + e.getMessage(), e);
            }
        }
        return new ListSource(format, location, remote);
    }

    /** The spec: {@code <format>:<location>}. */
    public String spec() {
        return format.prefix() + ":" + location;
    }

    @Override
    public String toString() {
        return spec();
    }
}
