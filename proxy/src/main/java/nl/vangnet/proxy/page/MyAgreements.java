package nl.vangnet.proxy.page;

import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import nl.vangnet.config.policy.ClientEntry;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.text.ClientAgreement;
import nl.vangnet.config.text.PlainDutch;
import nl.vangnet.proxy.decision.ProxyCredentials;
import nl.vangnet.proxy.identify.ClientMatch;
import nl.vangnet.proxy.identify.ClientResolver;
import nl.vangnet.proxy.page.AgreementsMetrics.Outcome;

/**
 * The "Mijn afspraken" page for the device a request comes from. The device is found exactly as the decisions find
 * it: the {@link ClientResolver} in the current {@link PolicySnapshot} (proxy credentials that verify, the fixed IP
 * address, the DHCP lease's MAC address). A device whose client has a restriction in effect gets the agreement
 * ({@link PlainDutch#clientAgreement}); an unknown device, or one whose client has none, gets only
 * {@value PlainDutch#NO_AGREEMENTS}.
 *
 * <p>Where the listeners answer it (they never forward, resolve or decide such a request):
 * <ul>
 *   <li>{@value #PATH} in origin form on the explicit proxy's own port ({@link #servesPath}), like
 *       {@code /proxy.pac} (and {@code /} there when the {@code Host} header names the pages host);</li>
 *   <li>any request to the pages host ({@link #isPagesHost}, default {@value #DEFAULT_HOST}): absolute-form through
 *       the explicit proxy, or a {@code Host} header on the transparent HTTP listener. On that host {@code /} and
 *       {@value #PATH} are the page ({@link #servesPagesHostPath}); other paths get 404.</li>
 * </ul>
 *
 * <p><b>Privacy.</b> Nothing here logs, and the metrics count only the outcome (restricted or unrestricted), never a
 * client, device or address. Thread-safe; never touches the database or the disk.
 */
public final class MyAgreements {
    /** The default pages host name. */
    public static final String DEFAULT_HOST = "mijn.vangnet";
    /** The page's path. */
    public static final String PATH = "/afspraken";

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

    private final String pagesHost;
    private final Supplier<PolicySnapshot> snapshots;
    private final ClientResolver resolver;
    private final ZoneId zone;
    private final AgreementsPage page;
    private final AgreementsMetrics metrics;

    /** A served page and what it showed. */
    public record Page(byte[] html, Outcome outcome) {
        public Page {
            Objects.requireNonNull(html, "html");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * @param pagesHost the host name that the proxy answers itself (e.g. {@value #DEFAULT_HOST}); case and a trailing
     *                  dot are ignored
     * @param snapshots the current policy snapshot (as the decisions use it)
     * @param resolver  identifies the device (the same resolver as the decisions use)
     * @param zone      the organisation's zone, for "today" (Europe/Amsterdam)
     * @param metrics   counts pages by outcome; {@link AgreementsMetrics#NONE} for none
     * @throws IllegalArgumentException when {@code pagesHost} is not a valid host name
     */
    public MyAgreements(String pagesHost, Supplier<PolicySnapshot> snapshots, ClientResolver resolver, ZoneId zone,
            AgreementsMetrics metrics) {
        this.pagesHost = requireValidPagesHost(pagesHost);
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.page = new AgreementsPage();
    }

    /**
     * Checks a pages host name: letters, digits, hyphens and dots, not an IP address literal.
     *
     * @return the name in lower case, without a trailing dot
     * @throws IllegalArgumentException with a specific message otherwise
     */
    public static String requireValidPagesHost(String host) {
        Objects.requireNonNull(host, "pages host");
        String h = normalise(host);
        if (!HOST_NAME.matcher(h).matches() || h.matches("[0-9.]+")) {
            throw new IllegalArgumentException("the pages host must be a host name such as " + DEFAULT_HOST
                    + " (letters, digits, hyphens and dots; not an IP address), not '" + host + "'");
        }
        return h;
    }

    /** The pages host name, lower case. */
    public String pagesHost() {
        return pagesHost;
    }

    /** The page's address as clients open it, e.g. {@code http://mijn.vangnet/afspraken}. */
    public String url() {
        return url(pagesHost);
    }

    /** The page's address on a pages host, e.g. {@code http://mijn.vangnet/afspraken}. */
    public static String url(String pagesHost) {
        return "http://" + requireValidPagesHost(pagesHost) + PATH;
    }

    /** Whether {@code host} (as sent, without port; any case, maybe with a trailing dot) is the pages host. */
    public boolean isPagesHost(String host) {
        return host != null && normalise(host).equals(pagesHost);
    }

    /** Whether an origin-form request target on the explicit proxy's port asks for the page ({@value #PATH}). */
    public static boolean servesPath(String requestTarget) {
        return PATH.equals(path(requestTarget));
    }

    /** Whether a request target's path on the pages host is the page ({@code /} or {@value #PATH}). */
    public static boolean servesPagesHostPath(String requestTarget) {
        String p = path(requestTarget);
        return "/".equals(p) || PATH.equals(p);
    }

    /**
     * The page for the device behind {@code client} (and {@code credentials}, in explicit mode), at {@code at}.
     *
     * @param client      the request's source address
     * @param credentials proxy credentials as sent, or {@code null}
     * @param at          the request's instant ("today" is its local date in the zone)
     */
    public Page page(InetAddress client, ProxyCredentials credentials, Instant at) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(at, "at");
        PolicySnapshot snapshot = snapshots.get();
        Optional<ClientAgreement> agreement = resolver.resolve(snapshot, client, credentials)
                .map(ClientMatch::device)
                .map(d -> d.client())
                .filter(ClientEntry::restricted)
                .flatMap(entry -> PlainDutch.clientAgreement(entry, LocalDate.ofInstant(at, zone)));
        Page answer = agreement.map(a -> new Page(page.render(a), Outcome.RESTRICTED))
                .orElseGet(() -> new Page(page.renderNone(), Outcome.UNRESTRICTED));
        metrics.served(answer.outcome());
        return answer;
    }

    private static String path(String requestTarget) {
        if (requestTarget == null) {
            return "";
        }
        int end = requestTarget.length();
        for (char c : List.of('?', '#')) {
            int i = requestTarget.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return requestTarget.substring(0, end);
    }

    private static String normalise(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
