package nl.vangnet.proxy.transparent;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.Reason;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.net.DestinationGuard;
import nl.vangnet.proxy.net.DestinationGuard.Verdict;
import nl.vangnet.proxy.net.Refusal;
import nl.vangnet.proxy.transparent.TransparentMetrics.Route;

/**
 * Where an allowed transparent connection or request goes: the contract described in {@link TransparentListener}
 * ("Where to connect"). Every destination, also the original one, passes the {@link DestinationGuard}, so the gateway
 * is never a pivot into the inside network. Thread-safe; {@link #choose} may block on DNS.
 */
final class Destinations {
    private final DestinationGuard guard;

    Destinations(DestinationGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /** Where to connect, or why not. */
    sealed interface Choice permits Choice.Connect, Choice.Refused {

        /** Connect to {@code address}; {@code route} says how it was chosen. */
        record Connect(InetSocketAddress address, Route route) implements Choice {
            public Connect {
                Objects.requireNonNull(address, "address");
                Objects.requireNonNull(route, "route");
            }
        }

        /** Do not connect. */
        record Refused(Refusal refusal) implements Choice {
            public Refused {
                Objects.requireNonNull(refusal, "refusal");
            }
        }
    }

    /**
     * @param facts    what was decided on
     * @param decision the allowing decision ({@code Allow} or {@code Tunnel}; its upstream host and port may differ
     *                 from the facts when SafeSearch rerouted)
     * @param original the connection's original destination, if known
     * @param listener the listener endpoint the connection arrived on (for the guard's own-listener check)
     * @throws IllegalArgumentException for a {@code Block}
     */
    Choice choose(RequestFacts facts, Decision decision, Optional<InetSocketAddress> original,
            InetSocketAddress listener) {
        String upstreamHost;
        int upstreamPort;
        if (decision instanceof Decision.Allow allow) {
            upstreamHost = allow.upstreamHost();
            upstreamPort = allow.upstreamPort();
        } else if (decision instanceof Decision.Tunnel tunnel) {
            upstreamHost = tunnel.upstreamHost();
            upstreamPort = tunnel.upstreamPort();
        } else {
            throw new IllegalArgumentException("a blocked decision has no destination");
        }
        Reason reason = decision.reason();
        if (facts.kind() == Kind.OPAQUE || !isRestricted(reason)) {
            if (original.isPresent()) {
                InetSocketAddress o = original.get();
                return connect(guard.check(o.getAddress().getHostAddress(), o.getPort(), listener), o,
                        Route.ORIGINAL);
            }
            if (facts.kind() == Kind.OPAQUE) {
                throw new IllegalArgumentException("an opaque connection needs its original destination");
            }
            return connect(guard.check(upstreamHost, upstreamPort, listener), null, Route.RESOLVED);
        }
        Verdict verdict = guard.check(upstreamHost, upstreamPort, listener);
        if (verdict instanceof Verdict.Refused refused) {
            return new Choice.Refused(refused.refusal());
        }
        Verdict.Permitted permitted = (Verdict.Permitted) verdict;
        boolean rerouted = !upstreamHost.equalsIgnoreCase(facts.host());
        if (rerouted) {
            return new Choice.Connect(permitted.address(), Route.REROUTED);
        }
        if (original.isEmpty()) {
            return new Choice.Connect(permitted.address(), Route.RESOLVED);
        }
        InetSocketAddress o = original.get();
        if (permitted.all().contains(o.getAddress())) {
            return new Choice.Connect(new InetSocketAddress(o.getAddress(), upstreamPort), Route.ORIGINAL);
        }
        return new Choice.Connect(permitted.address(), Route.MISMATCH_RESOLVED);
    }

    private static Choice connect(Verdict verdict, InetSocketAddress exact, Route route) {
        if (verdict instanceof Verdict.Refused refused) {
            return new Choice.Refused(refused.refusal());
        }
        InetSocketAddress address = exact != null ? exact : ((Verdict.Permitted) verdict).address();
        return new Choice.Connect(address, route);
    }

    /** Whether a restriction is in effect for the client: any reason but "no registration" / "not in effect". */
    static boolean isRestricted(Reason reason) {
        return reason != Reason.NO_REGISTRATION && reason != Reason.NOT_IN_EFFECT;
    }
}
