package nl.vangnet.proxy.transparent;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.vangnet.proxy.TrafficMetrics;
import nl.vangnet.proxy.decision.Policy;
import nl.vangnet.proxy.littleproxy.PrivacyTurboFilter;
import nl.vangnet.proxy.net.DestinationGuard;
import nl.vangnet.proxy.net.NameResolver;
import nl.vangnet.proxy.netty.ConnectionCounter;
import nl.vangnet.proxy.netty.TunnelRegistry;
import nl.vangnet.proxy.netty.UpstreamTraffic;
import nl.vangnet.proxy.page.BlockPage;
import nl.vangnet.proxy.page.MyAgreements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transparent-mode listeners, for devices without a proxy setting whose TCP 80/443 the gateway's nftables rules
 * redirect here: a plain HTTP listener and a TLS listener, on their own Netty pipelines, deciding with the same
 * {@link Policy} as explicit mode. Nothing is ever decrypted unless a TLS connection is blocked and a
 * {@link BlockPageTls} is configured.
 *
 * <p><b>TLS.</b> The ClientHello is peeked without terminating TLS ({@link ClientHelloPeekHandler}; split over TCP
 * segments and TLS records is fine; larger than {@code maxClientHelloLength}, malformed, or not complete within
 * {@code clientHelloTimeout}: closed). Classification into {@link nl.vangnet.proxy.decision.RequestFacts}:
 * <ul>
 *   <li>SNI, no ECH extension: {@code Kind.TLS}, host = SNI, port = the original destination's port, else 443.</li>
 *   <li>ECH extension ({@code 0xfe0d}) present: browsers send GREASE ECH on every connection, which cannot be told
 *       apart from real ECH. If the outer SNI is one of the known ECH front-end public names
 *       ({@code echPublicNames}, e.g. {@code cloudflare-ech.com}), the true name is hidden: {@code Kind.OPAQUE}.
 *       Otherwise the connection is decided on the outer SNI as {@code Kind.TLS} (for GREASE it is the real name;
 *       for real ECH with an unlisted front-end, the front-end's name is what is decided — add such names to the
 *       list).</li>
 *   <li>No SNI, or bytes that are not a TLS handshake record: {@code Kind.OPAQUE}, host = the original destination's
 *       IP literal; without a known original destination the connection is closed.</li>
 * </ul>
 * An allowed connection is spliced: the buffered first bytes are written upstream unchanged, then both directions are
 * relayed untouched. A blocked one gets a fatal TLS alert ({@code unrecognized_name} for a blocked name,
 * {@code access_denied} for a refused opaque TLS connection; a plain close for non-TLS bytes) — or, with a
 * {@link BlockPageTls} and {@code Kind.TLS}, a TLS handshake with a certificate from the local CA for the blocked name
 * and the block page (403) on the first request. Restricted clients' tunnels are registered; {@link #recheckTunnels()}
 * closes those that became blocked.
 *
 * <p><b>HTTP.</b> Decided per request on the {@code Host} header (exactly one; an IPv6 literal in brackets; port from
 * the header, else the original destination's port, else 80; missing or invalid: 400 and close; the request target
 * must be in origin form). Allowed requests are relayed unchanged (no {@code Via}, no added headers) to an upstream
 * connection (streamed, one request in flight; a request needing another upstream closes the old one). A blocked
 * request gets the block page; the connection stays open when the request had no body and keep-alive. When the
 * upstream closes, the client connection is closed after the response. Protocol upgrades ({@code 101}, e.g.
 * WebSocket) are not relayed beyond the 101 response: the connection is closed. A request whose {@code Host} is the
 * pages host ({@code mijn.vangnet}) is answered by the listener itself with the "Mijn afspraken" page
 * ({@link MyAgreements}; 404 for other paths, 405 for other methods) like a block page, and never decided or
 * forwarded.
 *
 * <p><b>Where to connect</b> (the consistency contract between the original destination and the SNI/Host):
 * <ul>
 *   <li>Unrestricted client (decision reason {@code NO_REGISTRATION}/{@code NOT_IN_EFFECT}): the original
 *       destination as it is, when known; else the name resolved. Either way the {@link DestinationGuard}'s
 *       inside-network checks apply (no pivot into the inside network through the gateway): refused → TLS closed,
 *       HTTP 403 (502 when the name does not resolve).</li>
 *   <li>Restricted client: the decision's upstream host (SafeSearch may have changed it: then its resolved address,
 *       route {@code REROUTED}) resolved through the guard. If the original destination's address is one of the
 *       resolved addresses, the connection goes there (route {@code ORIGINAL}); otherwise it goes to the first
 *       resolved address (route {@code MISMATCH_RESOLVED}). So a restricted client cannot reach a blocked site by
 *       sending an allowed SNI/Host to that site's address.</li>
 *   <li>{@code Kind.OPAQUE}: the original destination (the host decided on is its IP literal).</li>
 * </ul>
 * What cannot be checked: several sites behind one CDN share addresses, so a restricted client may send an allowed
 * SNI to a CDN address and ask inside TLS for another site on that CDN (domain fronting); HTTP/2 connection
 * coalescing lets a browser reuse an allowed connection for another name covered by the same certificate; and the
 * proxy's DNS answers may differ from the client's (geo-DNS), which sends such clients to the proxy's address for
 * the name (they still reach the named site). Name resolution runs on the connection's I/O thread (as in explicit
 * mode; the JVM caches answers).
 *
 * <p><b>Transport.</b> Netty epoll when available (required for {@link NetfilterOriginalDestination}), else NIO. One
 * event-loop group; each upstream channel is registered on its client channel's event loop; auto-read is off on both
 * and the next read is requested only after the peer write succeeded; idle and connect timeouts; no per-connection
 * thread. Connection limits per client address and in total apply to both listeners together.
 *
 * <p><b>Metrics.</b> Outcomes go to the {@link TransparentMetrics}; {@link TransparentMetrics#httpTraffic()} gets the
 * latency of decided HTTP requests, and both listeners' upstream channels carry a
 * {@link nl.vangnet.proxy.netty.UpstreamTraffic} (connect latency and failures, relayed bytes) reporting to
 * {@code httpTraffic()} and {@link TransparentMetrics#tlsTraffic()}. None of it carries client or host data.
 *
 * <p><b>Privacy.</b> Nothing about clients or hosts is logged, at any level; only start-up and aggregated counts.
 * {@link #start()} installs the {@link PrivacyTurboFilter} that silences Netty's own logging below ERROR.
 *
 * <p>Lifecycle: {@link #start()}, then {@link #stop()} (idempotent; the listener may be started again). Thread-safe.
 */
public final class TransparentListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransparentListener.class);
    private static final String NAME = "vangnet-transparent";

    private final TransparentSettings settings;
    private final Policy policy;
    private final NameResolver resolver;
    private final BlockPage blockPage;
    private final MyAgreements agreements;
    private final Clock clock;
    private final TransparentMetrics metrics;
    private final OriginalDestination original;
    private final BlockPageTls blockPageTls;

    private EventLoopGroup group;
    private ChannelGroup channels;
    private volatile TunnelRegistry tunnels = new TunnelRegistry();
    private volatile ConnectionCounter connections;

    /**
     * The bound addresses.
     *
     * @param http the HTTP listener's address, or {@code null} when it is off
     * @param tls  the TLS listener's address, or {@code null} when it is off
     */
    public record Addresses(InetSocketAddress http, InetSocketAddress tls) {
    }

    /**
     * @param settings     bind addresses, limits, allowed destination ranges, ECH front-end names
     * @param policy       decides every connection and request
     * @param resolver     resolves names for the destination guard ({@link NameResolver#SYSTEM} in production)
     * @param blockPage    renders the block page
     * @param agreements   the "Mijn afspraken" page, answered on the HTTP listener for every request whose
     *                     {@code Host} is its pages host (never decided or forwarded)
     * @param clock        gives each decision its instant
     * @param metrics      counts (no per-client data); {@link TransparentMetrics#NONE} for none
     * @param original     finds a connection's original destination ({@link NetfilterOriginalDestination} in
     *                     production with nftables {@code redirect}; {@link OriginalDestination#NONE} for none)
     * @param blockPageTls server TLS contexts for the HTTPS block page, or {@code null} for none (blocked TLS gets an
     *                     alert)
     */
    public TransparentListener(TransparentSettings settings, Policy policy, NameResolver resolver,
            BlockPage blockPage, MyAgreements agreements, Clock clock, TransparentMetrics metrics,
            OriginalDestination original, BlockPageTls blockPageTls) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.blockPage = Objects.requireNonNull(blockPage, "blockPage");
        this.agreements = Objects.requireNonNull(agreements, "agreements");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.original = Objects.requireNonNull(original, "original");
        this.blockPageTls = blockPageTls;
    }

    /**
     * Binds the configured listeners and starts serving.
     *
     * @return the bound addresses (useful with port 0)
     * @throws IllegalStateException when already started, or when an address cannot be bound (e.g. in use)
     */
    public synchronized Addresses start() {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        PrivacyTurboFilter.install();
        Transport transport = Transport.detect();
        ConnectionCounter counter = new ConnectionCounter(settings.maxConnectionsPerClient(),
                settings.maxConnections());
        TunnelRegistry registry = new TunnelRegistry();
        DestinationGuard guard = new DestinationGuard(resolver, settings.allowedDestinations(),
                DestinationGuard.interfaceAddresses());
        ChannelGroup all = new DefaultChannelGroup(NAME, GlobalEventExecutor.INSTANCE);
        TrafficMetrics httpTraffic = Objects.requireNonNull(metrics.httpTraffic(), "metrics.httpTraffic()");
        TrafficMetrics tlsTraffic = Objects.requireNonNull(metrics.tlsTraffic(), "metrics.tlsTraffic()");
        ListenerContext context = new ListenerContext(settings, policy, new Destinations(guard), blockPage,
                agreements, blockPageTls, clock, metrics, original, registry, counter, transport, all,
                new AtomicLong(System.nanoTime() - ListenerContext.POLICY_FAILURE_LOG_INTERVAL_NANOS), httpTraffic,
                new UpstreamTraffic(httpTraffic), new UpstreamTraffic(tlsTraffic));
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(workers, new DefaultThreadFactory(NAME, true),
                transport.ioHandlerFactory());
        InetSocketAddress http = null;
        InetSocketAddress tls = null;
        try {
            if (settings.httpBind() != null) {
                http = bind(loops, transport, settings.httpBind(), all, ch -> {
                    ch.pipeline().addLast(idle(), new HttpServerCodec(settings.maxRequestLineLength(),
                            settings.maxHeaderSize(), 8192), new FlowControlHandler(), new HttpFrontend(context));
                });
            }
            if (settings.tlsBind() != null) {
                tls = bind(loops, transport, settings.tlsBind(), all, ch -> {
                    ch.pipeline().addLast(idle(), new ClientHelloPeekHandler(settings.maxClientHelloLength(),
                            settings.clientHelloTimeout(), settings.echPublicNames()), new TlsFrontend(context));
                });
            }
        } catch (RuntimeException e) {
            all.close().awaitUninterruptibly();
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            throw e;
        }
        group = loops;
        channels = all;
        tunnels = registry;
        connections = counter;
        LOG.info("transparent listeners on {} (HTTP) and {} (TLS), {} transport", http, tls,
                transport.epoll() ? "epoll" : "NIO");
        return new Addresses(http, tls);
    }

    private IdleStateHandler idle() {
        return new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static InetSocketAddress bind(EventLoopGroup loops, Transport transport, InetSocketAddress address,
            ChannelGroup all, java.util.function.Consumer<Channel> pipeline) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channelFactory(() -> transport.newServerChannel(address))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        all.add(ch);
                        pipeline.accept(ch);
                    }
                });
        io.netty.channel.ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("the transparent listener cannot listen on " + address + ": "
                    + bound.cause(), bound.cause());
        }
        all.add(bound.channel());
        return (InetSocketAddress) bound.channel().localAddress();
    }

    /**
     * Decides every open TLS tunnel of a restricted client again, with the clock's current instant, and closes those
     * whose decision is now a block. Tunnels whose client is no longer restricted stay open. Call it on every snapshot
     * or list change and once a minute. Thread-safe; does nothing when the listener is not running.
     *
     * @return how many tunnels were closed
     */
    public int recheckTunnels() {
        int closed = tunnels.recheck(policy, clock.instant());
        if (closed > 0) {
            metrics.tunnelsClosed(closed);
        }
        return closed;
    }

    /** How many TLS tunnels of restricted clients are open now. */
    public int openTunnels() {
        return tunnels.size();
    }

    /** How many admitted client connections are open now, both listeners together (0 when not running). */
    public int openConnections() {
        ConnectionCounter c = connections;
        return c == null ? 0 : c.open();
    }

    /** Stops: closes the listeners and every connection; idempotent. */
    public synchronized void stop() {
        if (group != null) {
            channels.close().awaitUninterruptibly();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            group = null;
            channels = null;
            connections = null;
            tunnels = new TunnelRegistry();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
