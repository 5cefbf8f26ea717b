package nl.vangnet.proxy.littleproxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import nl.vangnet.proxy.TrafficMetrics;
import nl.vangnet.proxy.netty.TunnelRegistry;
import nl.vangnet.proxy.netty.UpstreamTraffic;
import nl.vangnet.proxy.netty.ConnectionCounter;
import nl.vangnet.proxy.ProxySettings;
import nl.vangnet.proxy.decision.Policy;
import nl.vangnet.proxy.net.DestinationGuard;
import nl.vangnet.proxy.net.NameResolver;
import nl.vangnet.proxy.page.BlockPage;
import nl.vangnet.proxy.page.MyAgreements;
import nl.vangnet.proxy.page.PacFile;
import org.littleshoot.proxy.HttpFilters;
import org.littleshoot.proxy.HttpFiltersSourceAdapter;
import org.littleshoot.proxy.HttpProxyServer;
import org.littleshoot.proxy.HttpProxyServerBootstrap;
import org.littleshoot.proxy.impl.DefaultHttpProxyServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explicit-mode listener (clients configured with a proxy, e.g. by the PAC file it serves itself): plain HTTP
 * requests in absolute form and {@code CONNECT} tunnels, built on LittleProxy. For every request (for
 * {@code CONNECT}: once per tunnel) it builds {@link nl.vangnet.proxy.decision.RequestFacts} — the client's source
 * address, {@code Proxy-Authorization: Basic} credentials, host, port, path and the clock's instant — and carries out
 * the {@link Policy}'s decision:
 * <ul>
 *   <li>Allow/Tunnel: forwarded unmodified (LittleProxy's "transparent" flavour adds no {@code Via} or other proxy
 *       headers; only {@code Proxy-Authorization} is removed), to the decision's upstream host — which SafeSearch may
 *       have changed: then the upstream connection goes to the enforced host while a plain HTTP request keeps the
 *       {@code Host} the client asked for, and a tunnel is spliced to the enforced host without decryption. Nothing
 *       is ever decrypted.</li>
 *   <li>Block: plain HTTP gets the {@link BlockPage} (403, {@code text/html; charset=utf-8}, {@code Content-Length},
 *       {@code Cache-Control: no-store}, {@code Connection: close}); {@code CONNECT} gets 403 with a short plain-text
 *       body and never a tunnel.</li>
 * </ul>
 * Before any upstream connection the {@link DestinationGuard} resolves and checks the destination: inside-network
 * addresses and the listener itself are refused with 403, unresolvable names get 502. (Resolution runs on the
 * client connection's I/O thread, as LittleProxy's own resolution does; the JVM caches DNS answers.) Origin-form requests
 * ({@code GET /proxy.pac}, {@code GET /wpad.dat}) get the {@link PacFile}, {@code GET /afspraken} the "Mijn afspraken"
 * page ({@link MyAgreements}), other origin-form requests 400. Requests to the pages host ({@code http://mijn.vangnet/})
 * are answered by the proxy itself — the page, 404 for other paths, 405 for other methods, 403 for {@code CONNECT}
 * (the page is plain HTTP only) — and never decided, resolved or forwarded. Limits from
 * {@link ProxySettings}: request line and header size (LittleProxy answers 400 and closes), connect and idle timeouts,
 * connections per client address (429) and in total (503). Requests that could smuggle a second request — both
 * {@code Content-Length} and {@code Transfer-Encoding}, several {@code Content-Length} (even equal), a final transfer
 * coding other than {@code chunked} — are rejected by Netty's decoder, and LittleProxy answers 400 and closes.
 *
 * <p><b>Open tunnels.</b> The listener keeps a registry of the open {@code CONNECT} tunnels of <em>restricted</em>
 * clients (a decision reason other than {@code NO_REGISTRATION}/{@code NOT_IN_EFFECT}) — never of unrestricted
 * clients. {@link #recheckTunnels()} decides each registered tunnel again with the current instant and closes those
 * whose decision is now a block (the host became blocked, internet hours ended, a phase-out step changed). A tunnel
 * whose client's restriction ended stays open. Plain HTTP needs no recheck: every request is decided when it arrives.
 * The integrator calls {@code recheckTunnels()} on every snapshot or list change and once a minute; so "the next
 * decision point" for an open tunnel is the next such call. A tunnel opened while its client was unrestricted is not
 * registered and stays open until it closes by itself, even if a restriction starts meanwhile.
 *
 * <p><b>Metrics.</b> Outcomes go to the {@link ListenerMetrics}; its {@link ListenerMetrics#traffic()} gets the latency
 * of decided plain-HTTP requests (timed in the request filter) and, from a
 * {@link nl.vangnet.proxy.netty.UpstreamTraffic} put first into every upstream channel, the upstream connect latency
 * and failures and the bytes relayed both ways (tunnels included). None of it carries client or host data.
 *
 * <p><b>Privacy.</b> This class and its filters log nothing about requests or clients; only start-up and aggregated
 * counts. LittleProxy's and Netty's own request logging is suppressed by the {@link PrivacyTurboFilter}, which
 * {@link #start()} installs into logback.
 *
 * <p>Lifecycle: {@link #start()}, then {@link #stop()} (idempotent; the listener may be started again). Thread-safe.
 */
public final class ExplicitProxyListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExplicitProxyListener.class);
    private static final String NAME = "vangnet-proxy";
    static final long POLICY_FAILURE_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ProxySettings settings;
    private final Policy policy;
    private final NameResolver resolver;
    private final BlockPage blockPage;
    private final MyAgreements agreements;
    private final Clock clock;
    private final ListenerMetrics metrics;

    private HttpProxyServer server;
    private volatile TunnelRegistry tunnels = new TunnelRegistry();
    private volatile ConnectionCounter connections;

    /**
     * @param settings  bind address, limits and allowed destination ranges
     * @param policy    decides every request
     * @param resolver  resolves upstream names for the destination guard ({@link NameResolver#SYSTEM} in
     *                  production, a {@link nl.vangnet.proxy.net.HostTable} in tests)
     * @param blockPage renders the block page
     * @param agreements the "Mijn afspraken" page, answered for {@code GET /afspraken} on the proxy port and for every
     *                  request to its pages host (never forwarded, resolved or decided)
     * @param clock     gives each request its instant
     * @param metrics   counts (no per-client data); {@link ListenerMetrics#NONE} for none
     */
    public ExplicitProxyListener(ProxySettings settings, Policy policy, NameResolver resolver, BlockPage blockPage,
            MyAgreements agreements, Clock clock, ListenerMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.blockPage = Objects.requireNonNull(blockPage, "blockPage");
        this.agreements = Objects.requireNonNull(agreements, "agreements");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Binds and starts serving.
     *
     * @return the bound address (useful with port 0)
     * @throws IllegalStateException when already started, or when the address cannot be bound (e.g. in use)
     */
    public synchronized InetSocketAddress start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        PrivacyTurboFilter.install();
        ConnectionCounter counter = new ConnectionCounter(settings.maxConnectionsPerClient(),
                settings.maxConnections());
        TunnelRegistry registry = new TunnelRegistry();
        DestinationGuard guard = new DestinationGuard(resolver, settings.allowedDestinations(),
                DestinationGuard.interfaceAddresses());
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        TrafficMetrics traffic = Objects.requireNonNull(metrics.traffic(), "metrics.traffic()");
        GatedServerGroup group = new GatedServerGroup(NAME, workers, new ConnectionLimiter(counter),
                ConnectionLimiter.NAME, new UpstreamTraffic(traffic), UpstreamTraffic.NAME);
        PacSource pac = new PacSource(settings);
        ListenerState state = new ListenerState(policy, guard, blockPage, clock, metrics, traffic, registry, pac,
                agreements, new AtomicLong(System.nanoTime() - POLICY_FAILURE_LOG_INTERVAL_NANOS));
        HttpProxyServerBootstrap bootstrap = DefaultHttpProxyServer.bootstrap()
                .withName(NAME)
                .withProxyAlias("vangnet")
                .withAddress(settings.bind())
                .withServerGroup(group)
                .withTransparent(true)
                .withConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .withIdleConnectionTimeout(settings.idleTimeout())
                .withMaxInitialLineLength(settings.maxRequestLineLength())
                .withMaxHeaderSize(settings.maxHeaderSize())
                .withServerResolver(ExplicitProxyListener::unchecked)
                .withFiltersSource(new HttpFiltersSourceAdapter() {
                    @Override
                    public HttpFilters filterRequest(HttpRequest originalRequest, ChannelHandlerContext ctx) {
                        return new RequestFilter(originalRequest, ctx, state);
                    }
                });
        try {
            server = bootstrap.start();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("the proxy cannot listen on " + settings.bind() + ": " + cause, e);
        }
        InetSocketAddress bound = server.getListenAddress();
        pac.bound(bound);
        tunnels = registry;
        connections = counter;
        LOG.info("explicit proxy listening on {}", bound);
        return bound;
    }

    /**
     * Decides every open tunnel of a restricted client again, with the clock's current instant, and closes those whose
     * decision is now a block. Tunnels whose client is no longer restricted stay open. Call it on every snapshot or list
     * change and once a minute. Thread-safe; does nothing when the listener is not running.
     *
     * @return how many tunnels were closed
     */
    public int recheckTunnels() {
        int closed = tunnels.recheck(policy, clock.instant());
        if (closed > 0) {
            metrics.tunnelsClosed(closed);
            LOG.debug("closed {} open tunnels that are now blocked", closed);
        }
        return closed;
    }

    /** How many tunnels of restricted clients are open now. */
    public int openTunnels() {
        return tunnels.size();
    }

    /** How many admitted client connections are open now (0 when not running). */
    public int openConnections() {
        ConnectionCounter c = connections;
        return c == null ? 0 : c.open();
    }

    /** Stops gracefully, closing every connection; idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
            connections = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * LittleProxy's own resolver, which is never supposed to run: every request filter hands LittleProxy the address
     * the destination guard checked. Should that ever be missing, the connection fails (502) instead of going to an
     * unchecked address.
     */
    private static InetSocketAddress unchecked(String host, int port) throws UnknownHostException {
        throw new UnknownHostException("destination was not checked by the destination guard");
    }

    /**
     * The PAC file for a request: the advertised address from the settings; else the bound address; else, when bound
     * to a wildcard address, the local address the request arrived on. Thread-safe.
     */
    private static final class PacSource implements Function<InetSocketAddress, PacFile> {
        private final ProxySettings settings;
        private volatile InetSocketAddress bound;
        private volatile PacFile fixed;

        PacSource(ProxySettings settings) {
            this.settings = settings;
        }

        void bound(InetSocketAddress address) {
            this.bound = address;
            InetSocketAddress advertised = settings.advertised();
            if (advertised != null) {
                int port = advertised.getPort() == 0 ? address.getPort() : advertised.getPort();
                fixed = new PacFile(advertised.getHostString(), port);
            } else if (!address.getAddress().isAnyLocalAddress()) {
                fixed = new PacFile(withoutScope(address), address.getPort());
            }
        }

        @Override
        public PacFile apply(InetSocketAddress local) {
            PacFile f = fixed;
            if (f != null) {
                return f;
            }
            InetSocketAddress b = bound;
            int port = b != null ? b.getPort() : local.getPort();
            return new PacFile(withoutScope(local), port);
        }

        private static String withoutScope(InetSocketAddress a) {
            String host = a.getAddress().getHostAddress();
            int percent = host.indexOf('%');
            return percent < 0 ? host : host.substring(0, percent);
        }
    }
}
