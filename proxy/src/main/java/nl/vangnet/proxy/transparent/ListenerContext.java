package nl.vangnet.proxy.transparent;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.vangnet.proxy.TrafficMetrics;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.Policy;
import nl.vangnet.proxy.decision.Reason;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.decision.Trace;
import nl.vangnet.proxy.netty.ConnectionCounter;
import nl.vangnet.proxy.netty.ConnectionCounter.Admission;
import nl.vangnet.proxy.netty.TunnelRegistry;
import nl.vangnet.proxy.netty.UpstreamTraffic;
import nl.vangnet.proxy.page.BlockPage;
import nl.vangnet.proxy.page.MyAgreements;
import nl.vangnet.proxy.transparent.TransparentMetrics.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the handlers of one running {@link TransparentListener} share. Immutable; its parts are thread-safe.
 *
 * @param settings     limits and timeouts
 * @param policy       decides
 * @param destinations where allowed connections go
 * @param blockPage    renders the block page
 * @param agreements   the "Mijn afspraken" page and its pages host
 * @param blockPageTls server TLS contexts for the HTTPS block page, or {@code null} for none
 * @param clock        gives each decision its instant
 * @param metrics      counts
 * @param original     finds a connection's original destination
 * @param tunnels      restricted clients' open TLS tunnels
 * @param counter      open client connections
 * @param transport    epoll or NIO
 * @param channels     every open client and upstream channel (closed on stop)
 * @param policyFailureLog when a policy failure was last logged ({@link System#nanoTime()})
 * @param httpTraffic  the HTTP listener's request latency ({@code metrics.httpTraffic()}, asked once)
 * @param httpUpstream observes the HTTP listener's upstream channels, with {@code httpTraffic}
 * @param tlsUpstream  observes the TLS listener's upstream channels, with {@code metrics.tlsTraffic()}
 */
record ListenerContext(TransparentSettings settings, Policy policy, Destinations destinations, BlockPage blockPage,
        MyAgreements agreements, BlockPageTls blockPageTls, Clock clock, TransparentMetrics metrics,
        OriginalDestination original, TunnelRegistry tunnels, ConnectionCounter counter, Transport transport, ChannelGroup channels,
        AtomicLong policyFailureLog, TrafficMetrics httpTraffic, UpstreamTraffic httpUpstream,
        UpstreamTraffic tlsUpstream) {
    private static final Logger LOG = LoggerFactory.getLogger(TransparentListener.class);
    static final long POLICY_FAILURE_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    ListenerContext {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(destinations, "destinations");
        Objects.requireNonNull(blockPage, "blockPage");
        Objects.requireNonNull(agreements, "agreements");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(tunnels, "tunnels");
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(policyFailureLog, "policyFailureLog");
        Objects.requireNonNull(httpTraffic, "httpTraffic");
        Objects.requireNonNull(httpUpstream, "httpUpstream");
        Objects.requireNonNull(tlsUpstream, "tlsUpstream");
    }

    /**
     * Counts a new client connection; releases it when the channel closes.
     *
     * @return whether it is within the limits (else the rejection was counted; the caller answers and closes)
     */
    Admission admit(Channel client) {
        InetSocketAddress remote = (InetSocketAddress) client.remoteAddress();
        Admission admission = counter.acquire(remote.getAddress());
        if (admission == Admission.ADMITTED) {
            client.closeFuture().addListener(f -> counter.release(remote.getAddress()));
        } else {
            metrics.rejected(admission == Admission.CLIENT_LIMIT ? Rejection.CLIENT_CONNECTION_LIMIT
                    : Rejection.TOTAL_CONNECTION_LIMIT);
        }
        return admission;
    }

    /** The policy's decision; should the policy throw (a bug), the connection passes unchanged: default open. */
    Decision decide(RequestFacts facts) {
        try {
            Decision decision = policy.decide(facts);
            if (decision == null) {
                throw new IllegalStateException("the policy returned null");
            }
            return decision;
        } catch (RuntimeException e) {
            metrics.policyFailed();
            long now = System.nanoTime();
            long last = policyFailureLog.get();
            if (now - last >= POLICY_FAILURE_LOG_INTERVAL_NANOS && policyFailureLog.compareAndSet(last, now)) {
                // The class only: an exception message might name the host.
                LOG.error("the policy failed ({}); transparent connections are passed through unchanged (default"
                        + " open); logged at most once a minute, counted as a metric", e.getClass().getName());
            }
            Trace trace = Trace.anonymous(0);
            return facts.kind() == Kind.HTTP
                    ? new Decision.Allow(Reason.NO_REGISTRATION, trace, facts.host(), facts.port())
                    : new Decision.Tunnel(Reason.NO_REGISTRATION, trace, facts.host(), facts.port());
        }
    }
}
