package nl.vangnet.proxy.littleproxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.Policy;
import nl.vangnet.proxy.decision.Reason;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.decision.Trace;

/**
 * A stand-in for the decision engine: clients in {@link #restricted} are restricted, except those in
 * {@link #ended} (their restriction ended: {@code NOT_IN_EFFECT}); for a restricted client the hosts in
 * {@link #blocked} are blocked (with a page where possible), those in {@link #blockedWithoutPage} without one, and {@code www.google.com} is rerouted to {@code forcesafesearch.google.com}; everyone
 * else passes with {@code NO_REGISTRATION}. Records every fact it is asked about. Thread-safe.
 */
final class FakePolicy implements Policy {
    static final String SAFE_SEARCH_HOST = "forcesafesearch.google.com";

    final List<RequestFacts> seen = new CopyOnWriteArrayList<>();
    volatile Set<InetAddress> restricted = Set.of(address("127.0.0.2"), address("127.0.0.4"));
    volatile Set<InetAddress> ended = Set.of();
    volatile Set<String> blocked = Set.of("casino.example");
    volatile Set<String> blockedWithoutPage = Set.of("nopage.example");

    @Override
    public Decision decide(RequestFacts f) {
        seen.add(f);
        if (!restricted.contains(f.client())) {
            return pass(f, Reason.NO_REGISTRATION, f.host());
        }
        if (ended.contains(f.client())) {
            return pass(f, Reason.NOT_IN_EFFECT, f.host());
        }
        Trace trace = new Trace(1, 1, 7L, 3L, "ip", 11L, 5L, 0, null, null, null);
        if (blocked.contains(f.host())) {
            return new Decision.Block(Reason.BLOCKED_DOMAIN, trace, f.kind().canShowPage());
        }
        if (blockedWithoutPage.contains(f.host())) {
            return new Decision.Block(Reason.OUTSIDE_INTERNET_HOURS, trace, false);
        }
        if (f.host().equals("www.google.com")) {
            return pass(f, Reason.SAFE_SEARCH, SAFE_SEARCH_HOST);
        }
        return pass(f, Reason.NOT_RESTRICTED_HOST, f.host());
    }

    /** The facts of requests for {@code host}. */
    List<RequestFacts> seenFor(String host) {
        return seen.stream().filter(f -> f.host().equals(host)).toList();
    }

    private static Decision pass(RequestFacts f, Reason reason, String upstream) {
        Trace trace = Trace.anonymous(1);
        return f.kind() == Kind.HTTP ? new Decision.Allow(reason, trace, upstream, f.port())
                : new Decision.Tunnel(reason, trace, upstream, f.port());
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
