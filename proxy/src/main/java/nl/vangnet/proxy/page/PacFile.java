package nl.vangnet.proxy.page;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The proxy auto-configuration file, served as {@code /proxy.pac} and {@code /wpad.dat} so that the Wi-Fi (DHCP
 * option 252 or DNS {@code wpad}) can hand out the proxy automatically. {@code FindProxyForURL} sends plain host
 * names, {@code localhost}, loopback, private (RFC 1918, {@code fc00::/7}), link-local and CGNAT address literals and
 * the proxy's own host {@code DIRECT}, and everything else to {@code PROXY host:port; DIRECT}.
 *
 * <p>Why the {@code DIRECT} fallback: Vangnet is default open — a proxy that is down must never cut everyone off the
 * internet, so browsers fall back to a direct connection when the proxy does not answer. (Where restrictions must
 * hold even then, the network should block direct traffic; that is the transparent mode's job, not the PAC's.)
 *
 * <p>Only address literals are tested against ranges: the script never calls {@code dnsResolve}/{@code isInNet} on a
 * name, which would make the browser resolve every host before each request. Immutable and thread-safe.
 */
public final class PacFile {
    /** The {@code Content-Type} of the PAC file. */
    public static final String CONTENT_TYPE = "application/x-ns-proxy-autoconfig";
    /** The request paths (origin-form, query ignored) that are answered with the PAC file. */
    public static final List<String> PATHS = List.of("/proxy.pac", "/wpad.dat");

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
                    + "[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** The script; {@code @OWN_HOST@} and {@code @PROXY@} are filled in. */
    private static final String TEMPLATE = """
            // Vangnet proxy auto-configuration (served as /proxy.pac and /wpad.dat).
            // Local destinations go DIRECT; everything else goes through the Vangnet proxy.
            // The "; DIRECT" fallback is deliberate: Vangnet is default open, so when the proxy does not
            // answer, the browser connects directly instead of losing the internet.
            function FindProxyForURL(url, host) {
              var h = String(host).toLowerCase();
              if (h.charAt(0) === "[" && h.charAt(h.length - 1) === "]") {
                h = h.substring(1, h.length - 1);
              }
              if (h.charAt(h.length - 1) === ".") {
                h = h.substring(0, h.length - 1);
              }
              if (h === "@OWN_HOST@") {
                return "DIRECT";
              }
              if (h.indexOf(":") >= 0) {
                // IPv6 literal: loopback, unique local (fc00::/7) and link-local (fe80::/10) go direct.
                if (h === "::1" || /^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h)) {
                  return "DIRECT";
                }
                return "@PROXY@; DIRECT";
              }
              if (isPlainHostName(h) || h === "localhost" || dnsDomainIs(h, ".localhost")) {
                return "DIRECT";
              }
              if (/^[0-9]{1,3}(\\.[0-9]{1,3}){3}$/.test(h)) {
                // IPv4 literal: loopback, RFC 1918, link-local and CGNAT go direct (no DNS: h is an address).
                if (isInNet(h, "127.0.0.0", "255.0.0.0")
                    || isInNet(h, "10.0.0.0", "255.0.0.0")
                    || isInNet(h, "172.16.0.0", "255.240.0.0")
                    || isInNet(h, "192.168.0.0", "255.255.0.0")
                    || isInNet(h, "169.254.0.0", "255.255.0.0")
                    || isInNet(h, "100.64.0.0", "255.192.0.0")) {
                  return "DIRECT";
                }
              }
              return "@PROXY@; DIRECT";
            }
            """;

    private final String proxyHost;
    private final int proxyPort;
    private final String text;

    /**
     * @param proxyHost the proxy's host name or IP literal as clients should reach it (IPv6 without brackets)
     * @param proxyPort the proxy's port
     * @throws IllegalArgumentException when the host is not a valid host name or IP literal, or the port is out of
     *                                  range
     */
    public PacFile(String proxyHost, int proxyPort) {
        this.proxyHost = requireValidHost(proxyHost);
        if (proxyPort < 1 || proxyPort > 65535) {
            throw new IllegalArgumentException("proxy port out of range: " + proxyPort);
        }
        this.proxyPort = proxyPort;
        this.text = render();
    }

    /**
     * Checks that {@code host} is a host name (letters, digits, hyphens, dots) or an IP literal, so that it can be
     * written into a PAC file as is.
     *
     * @return the host, without IPv6 brackets
     * @throws IllegalArgumentException with a specific message otherwise
     */
    public static String requireValidHost(String host) {
        Objects.requireNonNull(host, "host");
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean valid = h.indexOf(':') >= 0 ? IPV6.matcher(h).matches() : HOST_NAME.matcher(h).matches();
        if (!valid) {
            throw new IllegalArgumentException("not a valid proxy host name or IP address: '" + host + "'");
        }
        return h;
    }

    /** Whether an origin-form request target (path, maybe with a query) asks for the PAC file. */
    public static boolean servesPath(String requestTarget) {
        Objects.requireNonNull(requestTarget, "requestTarget");
        int q = requestTarget.indexOf('?');
        String path = q < 0 ? requestTarget : requestTarget.substring(0, q);
        return PATHS.contains(path);
    }

    /** The script. */
    public String text() {
        return text;
    }

    /** The script as UTF-8 bytes (it is ASCII). */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code PROXY} directive, e.g. {@code PROXY 192.0.2.10:3128}. */
    public String proxyDirective() {
        String hostPort = proxyHost.indexOf(':') >= 0 ? "[" + proxyHost + "]:" + proxyPort
                : proxyHost + ":" + proxyPort;
        return "PROXY " + hostPort;
    }

    private String render() {
        String lower = proxyHost.toLowerCase(Locale.ROOT);
        String ownHost = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        return TEMPLATE.replace("@OWN_HOST@", ownHost).replace("@PROXY@", proxyDirective());
    }
}
