package nl.vangnet.proxy.littleproxy;

import java.net.InetSocketAddress;
import java.util.Objects;
import nl.vangnet.proxy.ProxySettings;
import org.littleshoot.proxy.HttpProxyServer;
import org.littleshoot.proxy.impl.DefaultHttpProxyServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explicit-mode listener (clients configured with a proxy, e.g. by PAC/WPAD): plain HTTP requests and
 * {@code CONNECT} tunnels, relayed without modification. It runs LittleProxy in its "transparent" flavour, which
 * adds no {@code Via} or other proxy headers, so an unrestricted client gets a plain, unmodified connection.
 * Nothing about the traffic is logged.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #stop()}. Thread-safe.
 */
public final class ExplicitProxyListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExplicitProxyListener.class);

    private final ProxySettings settings;
    private HttpProxyServer server;

    public ExplicitProxyListener(ProxySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Binds and starts serving; returns the bound address (useful with port 0). */
    public synchronized InetSocketAddress start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = DefaultHttpProxyServer.bootstrap()
                .withName("vangnet-proxy")
                .withAddress(settings.bind())
                .withTransparent(true)
                .withConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .withIdleConnectionTimeout(Math.toIntExact(settings.idleTimeout().toSeconds()))
                .start();
        InetSocketAddress bound = server.getListenAddress();
        LOG.info("explicit proxy listening on {}", bound);
        return bound;
    }

    /** Stops gracefully; idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
