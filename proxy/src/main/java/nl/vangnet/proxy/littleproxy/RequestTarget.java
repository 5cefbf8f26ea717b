package nl.vangnet.proxy.littleproxy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a proxy request wants to go, parsed from its request target: the absolute form of a plain HTTP request
 * ({@code http://host[:port][/path][?query]}) or the authority form of a {@code CONNECT} ({@code host:port}).
 * Strict on purpose: the proxy decides on exactly this host and connects to exactly the checked address, so anything
 * ambiguous (user info, percent-encoded or non-ASCII host names, IPv6 zone ids, bad ports) is rejected. Immutable.
 *
 * @param host      the host as sent (IPv6 literals in brackets), without port
 * @param port      the port (default 80 for absolute-form)
 * @param path      the origin-form path with query ({@code /} at least) for absolute-form, {@code null} for
 *                  {@code CONNECT}
 * @param authority {@code host[:port]} as sent, for the {@code Host} header
 */
record RequestTarget(String host, int port, String path, String authority) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_.])?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final String HTTP = "http://";

    RequestTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(authority, "authority");
    }

    /**
     * Parses an absolute-form target.
     *
     * @throws IllegalArgumentException when it is not a valid {@code http://} URI
     */
    static RequestTarget ofAbsolute(String uri) {
        if (!uri.regionMatches(true, 0, HTTP, 0, HTTP.length())) {
            throw new IllegalArgumentException("not an http:// request target");
        }
        String rest = uri.substring(HTTP.length());
        int end = firstOf(rest, "/?#");
        String authority = rest.substring(0, end);
        String path = rest.substring(end);
        if (path.isEmpty()) {
            path = "/";
        } else if (path.charAt(0) != '/') {
            path = "/" + path;
        }
        HostPort hp = hostPort(authority, 80, false);
        return new RequestTarget(hp.host, hp.port, path, authority);
    }

    /**
     * Parses a {@code CONNECT} target; the port is required.
     *
     * @throws IllegalArgumentException when it is not {@code host:port}
     */
    static RequestTarget ofConnect(String uri) {
        HostPort hp = hostPort(uri, 0, true);
        return new RequestTarget(hp.host, hp.port, null, uri);
    }

    /** {@code host:port} for a request URI, with brackets around an IPv6 host. */
    static String authority(String host, int port) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return h + ":" + port;
    }

    private static HostPort hostPort(String authority, int defaultPort, boolean portRequired) {
        if (authority.isEmpty() || authority.indexOf('@') >= 0) {
            throw new IllegalArgumentException("bad authority");
        }
        String host;
        String portText;
        if (authority.charAt(0) == '[') {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad IPv6 literal");
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (after.isEmpty()) {
                portText = null;
            } else if (after.charAt(0) == ':') {
                portText = after.substring(1);
            } else {
                throw new IllegalArgumentException("bad authority");
            }
            if (!IPV6.matcher(host).matches()) {
                throw new IllegalArgumentException("bad IPv6 literal");
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (!NAME.matcher(host).matches() || host.length() > 255) {
                throw new IllegalArgumentException("bad host name");
            }
        }
        int port;
        if (portText == null || portText.isEmpty()) {
            if (portRequired) {
                throw new IllegalArgumentException("port missing");
            }
            port = defaultPort;
        } else {
            if (!PORT.matcher(portText).matches()) {
                throw new IllegalArgumentException("bad port");
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range");
            }
        }
        return new HostPort(host, port);
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private record HostPort(String host, int port) {
    }
}
