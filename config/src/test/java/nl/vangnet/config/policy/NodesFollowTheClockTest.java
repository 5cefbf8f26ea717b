package nl.vangnet.config.policy;

import static nl.vangnet.config.policy.Fixtures.client;
import static nl.vangnet.config.policy.Fixtures.device;
import static nl.vangnet.config.policy.Fixtures.local;
import static nl.vangnet.config.policy.Fixtures.profile;
import static nl.vangnet.config.policy.Fixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clock-driven changes happen on every node without a write: two nodes (two publishers, as two proxy processes
 * would have) follow one store and one controllable clock; when the clock passes a phase-out step date, an
 * evaluation date or the end date, both nodes publish the new state themselves, and neither reloads from the store.
 */
final class NodesFollowTheClockTest {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Limits LIMITS = Fixtures.limits(0, 14);

    private final MutableClock clock = new MutableClock(local("2026-03-25T12:00"), Limits.AMSTERDAM);
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger probes = new AtomicInteger();
    private SnapshotPublisher nodeA;
    private SnapshotPublisher nodeB;

    @AfterEach
    void close() {
        for (SnapshotPublisher p : new SnapshotPublisher[] {nodeA, nodeB}) {
            if (p != null) {
                p.close();
            }
        }
    }

    /**
     * The one store both nodes read: client 1 (device on 10.0.0.5), registration active from 2026-03-20 with
     * profile 100, a step to the milder profile 101 on 2026-04-15, an unrestricted step on 2026-05-01, evaluation
     * 2026-05-31, end 2026-06-30. Its data version never changes: nobody writes.
     */
    private PolicyData load() {
        loads.incrementAndGet();
        return new PolicyData(List.of(client(1)), List.of(device(10, 1, List.of(), List.of("10.0.0.5"), null)),
                List.of(profile(100), profile(101)),
                List.of(registration(1).client(1).dates("2026-03-20", "2026-05-31", "2026-06-30")
                        .step("2026-04-15", 101L).step("2026-05-01", null).build()), 7);
    }

    private long probe() {
        probes.incrementAndGet();
        return 7;
    }

    static Stream<Arguments> boundaries() {
        return Stream.of(
                Arguments.of("step to the milder profile", "2026-04-15T00:00", EffectiveReason.ACTIVE, 1, 101L),
                Arguments.of("a minute before the step", "2026-04-14T23:59", EffectiveReason.ACTIVE, 0, 100L),
                Arguments.of("unrestricted step", "2026-05-01T00:00", EffectiveReason.ACTIVE, 2, null),
                Arguments.of("evaluation date passed: lapsed", "2026-06-01T00:00",
                        EffectiveReason.EVALUATION_OVERDUE, -1, null),
                Arguments.of("end date passed", "2026-07-01T00:00", EffectiveReason.ENDED, -1, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void bothNodesApplyTheClocksChangeWithoutAWrite(String name, String localTime, EffectiveReason reason,
            int stepIndex, Long profileId) {
        nodeA = new SnapshotPublisher(this::load, LIMITS, clock);
        nodeB = new SnapshotPublisher(this::load, LIMITS, clock);
        nodeA.start(POLL, this::probe);
        nodeB.start(POLL, this::probe);
        for (SnapshotPublisher node : List.of(nodeA, nodeB)) {
            PolicySnapshot first = await(node::current, s -> s.version() >= 1, "the first load");
            assertThat(state(first).reason()).isEqualTo(EffectiveReason.ACTIVE);
            assertThat(state(first).profileId()).isEqualTo(100L);
        }
        int loadsBefore = loads.get();
        int probesBefore = probes.get();

        Instant at = local(localTime);
        clock.set(at);

        boolean boundaryPassed = !at.isBefore(local("2026-04-15T00:00"));
        if (!boundaryPassed) {
            await(probes::get, n -> n > probesBefore + 4, "the nodes to poll a few times");
        }
        for (SnapshotPublisher node : List.of(nodeA, nodeB)) {
            PolicySnapshot now = boundaryPassed
                    ? await(node::current, s -> !s.compiledAt().isBefore(at), "a snapshot at " + at)
                    : node.current();
            assertThat(now.version()).as("%s: recompiled only past a boundary", name)
                    .isEqualTo(boundaryPassed ? 2 : 1);
            RegistrationState state = state(now);
            assertThat(state.reason()).as(name).isEqualTo(reason);
            if (stepIndex >= 0) {
                assertThat(state.stepIndex()).as(name).isEqualTo(stepIndex);
            }
            assertThat(state.profileId()).as(name).isEqualTo(profileId);
            assertThat(now.forAddress(ip("10.0.0.5")).orElseThrow().restricted()).as(name)
                    .isEqualTo(profileId != null && reason == EffectiveReason.ACTIVE);
            assertThat(now.dataVersion()).isEqualTo(7);
        }
        await(probes::get, n -> n > probesBefore + 2, "the nodes to keep probing the unchanged store");
        assertThat(loads.get()).as("no node reloaded: nothing was written").isEqualTo(loadsBefore);
    }

    private static java.net.InetAddress ip(String literal) {
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static RegistrationState state(PolicySnapshot s) {
        return s.forClient(1).orElseThrow().policy().state();
    }

    private static <T> T await(Supplier<T> value, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what + "; last: " + last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            last = value.get();
        }
        return last;
    }
}
