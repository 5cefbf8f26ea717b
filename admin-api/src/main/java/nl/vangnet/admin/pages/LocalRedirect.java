package nl.vangnet.admin.pages;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Decides where the login page may send the browser after a successful login: only to a path on this site, never
 * to another host (no open redirect). Stateless and thread-safe.
 */
final class LocalRedirect {
    /** Where to go when {@code next} is missing or refused. */
    static final String DEFAULT = "/review";
    private static final int MAX_LENGTH = 2000;

    private LocalRedirect() {
    }

    /**
     * {@code next} when it is a local absolute path (with an optional query): starts with one {@code /}, has no
     * scheme, host, backslash, control character or white space, and is not the login page itself; else
     * {@value #DEFAULT}.
     */
    static String target(String next) {
        return isLocal(next) ? next : DEFAULT;
    }

    static boolean isLocal(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH || next.charAt(0) != '/') {
            return false;
        }
        if (next.startsWith("//")) {
            return false;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c == '\\' || c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        URI uri;
        try {
            uri = new URI(next);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawFragment() != null) {
            return false;
        }
        String path = uri.getPath();
        return path != null && path.startsWith("/") && !path.startsWith("//") && !path.equals("/login")
                && !path.equals("/logout");
    }
}
