package nl.vangnet.proxy.littleproxy;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import nl.vangnet.proxy.TrafficMetrics;
import nl.vangnet.proxy.netty.TunnelRegistry;
import nl.vangnet.proxy.decision.Policy;
import nl.vangnet.proxy.net.DestinationGuard;
import nl.vangnet.proxy.page.BlockPage;
import nl.vangnet.proxy.page.MyAgreements;
import nl.vangnet.proxy.page.PacFile;

/**
 * What every {@link RequestFilter} of one running listener shares. Immutable; its parts are thread-safe.
 *
 * @param policy    decides each request
 * @param guard     checks upstream destinations
 * @param blockPage renders the block page
 * @param clock     gives each request its instant
 * @param metrics   counts
 * @param traffic   times requests ({@code metrics.traffic()}, asked once)
 * @param tunnels   the restricted clients' open tunnels
 * @param pac       the PAC file for the listener endpoint a request arrived on
 * @param agreements the "Mijn afspraken" page and its pages host
 * @param policyFailureLog when a policy failure was last logged ({@link System#nanoTime()}), to log at most one a
 *                         minute
 */
record ListenerState(Policy policy, DestinationGuard guard, BlockPage blockPage, Clock clock,
        ListenerMetrics metrics, TrafficMetrics traffic, TunnelRegistry tunnels, Function<InetSocketAddress, PacFile> pac,
        MyAgreements agreements, AtomicLong policyFailureLog) {
    ListenerState {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(blockPage, "blockPage");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(tunnels, "tunnels");
        Objects.requireNonNull(pac, "pac");
        Objects.requireNonNull(agreements, "agreements");
        Objects.requireNonNull(policyFailureLog, "policyFailureLog");
    }
}
