package nl.vangnet.proxy.transparent;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed {@code Host} header value (RFC 9110 §7.2): {@code host[:port]}, the host a DNS name, an IPv4 literal or
 * an IPv6 literal in brackets. Immutable.
 *
 * @param host the host without port, as sent (IPv6 with its brackets)
 * @param port the port from the header, else the default given to {@link #parse}
 */
record HostHeader(String host, int port) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252}[A-Za-z0-9_.])?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    HostHeader {
        Objects.requireNonNull(host, "host");
    }

    /**
     * Parses {@code value}; {@code null} when it is not a valid {@code Host}: empty, userinfo, a path, a bad port
     * (0, above 65535, not digits), an IPv6 literal without brackets, or characters no host name has.
     *
     * @param defaultPort the port when the header has none (the original destination's, else 80)
     */
    static HostHeader parse(String value, int defaultPort) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        String host;
        String portText = null;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = v.substring(0, close + 1);
            String rest = v.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    return null;
                }
                portText = rest.substring(1);
            }
            if (!IPV6.matcher(host).matches()) {
                return null;
            }
        } else {
            int colon = v.indexOf(':');
            host = colon < 0 ? v : v.substring(0, colon);
            portText = colon < 0 ? null : v.substring(colon + 1);
            if (!NAME.matcher(host).matches()) {
                return null;
            }
        }
        int port = defaultPort;
        if (portText != null) {
            if (!PORT.matcher(portText).matches()) {
                return null;
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                return null;
            }
        }
        return new HostHeader(host, port);
    }
}
