package nl.vangnet.config.policy;

import static nl.vangnet.config.policy.Fixtures.client;
import static nl.vangnet.config.policy.Fixtures.device;
import static nl.vangnet.config.policy.Fixtures.local;
import static nl.vangnet.config.policy.Fixtures.profile;
import static nl.vangnet.config.policy.Fixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SnapshotPublisher}: versions and listeners, default open on failures, and the timers. Timer tests use a
 * real executor with a 20 ms poll interval and wait for the expected snapshot with a bounded poll loop (at most
 * {@link #WAIT}); nothing asserts how long anything took.
 */
final class SnapshotPublisherTest {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Limits LIMITS = Fixtures.limits(0, 14);
    private static final Instant T0 = local("2026-03-10T12:00");
    /** Client 1's registration starts then. */
    private static final Instant START = local("2026-03-20T00:00");

    private final MutableClock clock = new MutableClock(T0, Limits.AMSTERDAM);
    private final Loader loader = new Loader(data(7));
    private SnapshotPublisher publisher;

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    /**
     * Client 1 with device 10 (10.0.0.5) and a registration starting 2026-03-20 (evaluation 2026-05-31, end
     * 2026-06-30); from data version 8 on, also device 11 (10.0.0.6).
     */
    private static PolicyData data(long dataVersion) {
        List<nl.vangnet.config.model.Device> devices = dataVersion >= 8
                ? List.of(device(10, 1, List.of(), List.of("10.0.0.5"), null),
                        device(11, 1, List.of(), List.of("10.0.0.6"), null))
                : List.of(device(10, 1, List.of(), List.of("10.0.0.5"), null));
        return new PolicyData(List.of(client(1)), devices, List.of(profile(100)),
                List.of(registration(1).client(1).dates("2026-03-20", "2026-05-31", "2026-06-30").build()),
                dataVersion);
    }

    /** The store stand-in: counts loads, can be made to fail. */
    private static final class Loader implements Supplier<PolicyData> {
        final AtomicReference<PolicyData> data;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        Loader(PolicyData initial) {
            data = new AtomicReference<>(initial);
        }

        @Override
        public PolicyData get() {
            calls.incrementAndGet();
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
            return data.get();
        }
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static EffectiveReason reasonOfClient1(PolicySnapshot s) {
        return s.forClient(1).map(e -> e.policy().reason()).orElse(null);
    }

    /** Polls {@code value} until {@code done} holds, at most {@link #WAIT}; fails with the last value otherwise. */
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

    @Test
    void startsWithAnEmptyVersionZeroSnapshot() {
        publisher = new SnapshotPublisher(loader, LIMITS, clock);

        PolicySnapshot initial = publisher.current();

        assertThat(initial.version()).isZero();
        assertThat(initial.clients()).isEmpty();
        assertThat(initial.forAddress(ip("10.0.0.5"))).isEmpty();
        assertThat(initial.compiledAt()).isEqualTo(T0);
        assertThat(loader.calls).hasValue(0);
    }

    @Test
    void refreshPublishesIncreasingVersionsToEveryListener() {
        publisher = new SnapshotPublisher(loader, LIMITS, clock);
        List<Long> first = new CopyOnWriteArrayList<>();
        List<Long> second = new CopyOnWriteArrayList<>();
        publisher.addListener(s -> first.add(s.version()));
        publisher.addListener(s -> second.add(s.version()));

        PolicySnapshot one = publisher.refresh();
        publisher.refresh();
        PolicySnapshot three = publisher.refresh();

        assertThat(first).containsExactly(1L, 2L, 3L);
        assertThat(second).containsExactly(1L, 2L, 3L);
        assertThat(publisher.current()).isSameAs(three);
        assertThat(one.dataVersion()).isEqualTo(7);
        assertThat(one.forAddress(ip("10.0.0.5"))).isPresent();
        assertThat(loader.calls).hasValue(3);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        publisher = new SnapshotPublisher(loader, LIMITS, clock);
        List<Long> told = new CopyOnWriteArrayList<>();
        publisher.addListener(s -> {
            throw new IllegalStateException("listener broke");
        });
        publisher.addListener(s -> told.add(s.version()));

        PolicySnapshot published = publisher.refresh();

        assertThat(told).containsExactly(1L);
        assertThat(publisher.current()).isSameAs(published);
    }

    @Test
    void aFailingLoadKeepsTheLastGoodSnapshotAndIsCounted() {
        publisher = new SnapshotPublisher(loader, LIMITS, clock);
        List<Long> told = new CopyOnWriteArrayList<>();
        publisher.addListener(s -> told.add(s.version()));
        PolicySnapshot good = publisher.refresh();
        RuntimeException down = new IllegalStateException("store unreachable");
        loader.failure.set(down);

        clock.set(T0.plusSeconds(60));
        assertThat(publisher.refresh()).isSameAs(good);
        assertThat(publisher.refresh()).isSameAs(good);

        assertThat(publisher.current()).isSameAs(good);
        assertThat(told).containsExactly(1L);
        assertThat(publisher.consecutiveFailures()).isEqualTo(2);
        assertThat(publisher.lastLoadFailure()).contains(new LoadFailure(T0.plusSeconds(60), down));

        loader.failure.set(null);
        PolicySnapshot recovered = publisher.refresh();

        assertThat(recovered.version()).isEqualTo(2);
        assertThat(publisher.consecutiveFailures()).isZero();
        assertThat(publisher.totalFailures()).isEqualTo(2);
    }

    @Test
    void aFailingFirstLoadStaysDefaultOpen() {
        loader.failure.set(new IllegalStateException("store unreachable"));
        publisher = new SnapshotPublisher(loader, LIMITS, clock);

        PolicySnapshot after = publisher.refresh();

        assertThat(after.version()).isZero();
        assertThat(after.forAddress(ip("10.0.0.5"))).isEmpty();
        assertThat(publisher.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void aLoadThatStartedEarlierButFinishedLaterIsDropped() throws Exception {
        CountDownLatch firstLoading = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        publisher = new SnapshotPublisher(() -> {
            if (calls.incrementAndGet() == 1) {
                firstLoading.countDown();
                try {
                    releaseFirst.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return data(7);
            }
            return data(8);
        }, LIMITS, clock);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<PolicySnapshot> slow = other.submit(publisher::refresh);
            assertThat(firstLoading.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

            PolicySnapshot fast = publisher.refresh();
            releaseFirst.countDown();
            PolicySnapshot fromSlow = slow.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(fast.dataVersion()).isEqualTo(8);
            assertThat(fromSlow).isSameAs(fast);
            assertThat(publisher.current()).isSameAs(fast);
            assertThat(publisher.current().version()).isEqualTo(1);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void crossingABoundaryRecompilesWithoutReloading() {
        publisher = new SnapshotPublisher(loader, LIMITS, clock);
        List<Long> told = new CopyOnWriteArrayList<>();
        publisher.addListener(s -> told.add(s.version()));
        publisher.start(POLL, () -> loader.data.get().dataVersion());
        PolicySnapshot before = await(publisher::current, s -> s.version() >= 1, "the first load");
        assertThat(reasonOfClient1(before)).isEqualTo(EffectiveReason.NOT_STARTED);
        assertThat(before.validUntil()).isEqualTo(START);

        clock.set(START);
        PolicySnapshot started = await(publisher::current,
                s -> reasonOfClient1(s) == EffectiveReason.ACTIVE, "the registration to start");

        assertThat(started.compiledAt()).isEqualTo(START);
        assertThat(started.forAddress(ip("10.0.0.5")).orElseThrow().restricted()).isTrue();
        assertThat(loader.calls).hasValue(1);

        // A jump of weeks, past the warning start and the lapse (evaluation 2026-05-31): one recompile catches up.
        clock.set(local("2026-06-01T09:00"));
        PolicySnapshot lapsed = await(publisher::current,
                s -> reasonOfClient1(s) == EffectiveReason.EVALUATION_OVERDUE, "the lapse");

        assertThat(lapsed.forAddress(ip("10.0.0.5")).orElseThrow().restricted()).isFalse();
        assertThat(loader.calls).hasValue(1);
        assertThat(told).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aClockGoingBackRecompiles() {
        publisher = new SnapshotPublisher(loader, LIMITS, clock);
        publisher.start(POLL, () -> loader.data.get().dataVersion());
        clock.set(START.plusSeconds(3600));
        await(publisher::current, s -> reasonOfClient1(s) == EffectiveReason.ACTIVE, "the registration active");

        clock.set(T0);
        PolicySnapshot back = await(publisher::current,
                s -> reasonOfClient1(s) == EffectiveReason.NOT_STARTED, "the state before the start");

        assertThat(back.compiledAt()).isEqualTo(T0);
        assertThat(loader.calls).hasValue(1);
    }

    @Test
    void aNewDataVersionIsLoaded() {
        AtomicLong storeVersion = new AtomicLong(7);
        publisher = new SnapshotPublisher(loader, LIMITS, clock);
        publisher.start(POLL, storeVersion::get);
        await(publisher::current, s -> s.version() >= 1, "the first load");
        assertThat(publisher.current().forAddress(ip("10.0.0.6"))).isEmpty();

        loader.data.set(data(8));
        storeVersion.set(8);
        PolicySnapshot reloaded = await(publisher::current, s -> s.dataVersion() == 8, "data version 8");

        assertThat(reloaded.forAddress(ip("10.0.0.6"))).isPresent();
        assertThat(loader.calls).hasValue(2);
    }

    @Test
    void whileTheStoreIsAwayBoundariesStillApplyToTheLastGoodData() {
        AtomicLong storeVersion = new AtomicLong(7);
        publisher = new SnapshotPublisher(loader, LIMITS, clock);
        publisher.start(POLL, storeVersion::get);
        await(publisher::current, s -> s.version() >= 1, "the first load");

        loader.failure.set(new IllegalStateException("store unreachable"));
        storeVersion.set(8);
        await(publisher::consecutiveFailures, n -> n >= 1, "a failed reload");
        clock.set(START);
        PolicySnapshot started = await(publisher::current,
                s -> reasonOfClient1(s) == EffectiveReason.ACTIVE, "the start applied to the old data");

        assertThat(started.dataVersion()).isEqualTo(7);
    }

    @Test
    void aFailingProbeIsCountedAndKeepsTheSnapshot() {
        publisher = new SnapshotPublisher(loader, LIMITS, clock);
        publisher.start(POLL, () -> {
            throw new IllegalStateException("probe failed");
        });

        await(publisher::consecutiveFailures, n -> n >= 2, "two failed probes");

        assertThat(publisher.current().version()).isZero();
        assertThat(publisher.lastLoadFailure().orElseThrow().cause()).hasMessage("probe failed");
        assertThat(loader.calls).hasValue(0);
    }

    @Test
    void ownsOneDaemonThreadNamedVangnetSnapshotAndStopsItOnClose() throws InterruptedException {
        publisher = new SnapshotPublisher(loader, LIMITS, clock);
        AtomicReference<Thread> publishing = new AtomicReference<>();
        publisher.addListener(s -> publishing.set(Thread.currentThread()));
        publisher.start(POLL, () -> 7);
        Thread thread = await(publishing::get, t -> t != null, "a publication on the timer thread");

        assertThat(thread.getName()).isEqualTo("vangnet-snapshot");
        assertThat(thread.isDaemon()).isTrue();

        publisher.close();
        thread.join(WAIT.toMillis());
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void closeCancelsItsTasksButLeavesAnInjectedExecutorRunning() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        executor.setRemoveOnCancelPolicy(true);
        try {
            publisher = new SnapshotPublisher(loader, LIMITS, clock, executor);
            publisher.start(POLL, () -> 7);
            await(publisher::current, s -> s.version() >= 1, "the first load");

            publisher.close();

            assertThat(executor.isShutdown()).isFalse();
            assertThat(executor.getQueue()).isEmpty();
        } finally {
            executor.shutdownNow();
        }
    }

    static Stream<Arguments> badStarts() {
        return Stream.of(
                Arguments.of("no interval", null, false, IllegalArgumentException.class),
                Arguments.of("zero interval", Duration.ZERO, false, IllegalArgumentException.class),
                Arguments.of("negative interval", Duration.ofSeconds(-1), false, IllegalArgumentException.class),
                Arguments.of("started twice", POLL, true, IllegalStateException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badStarts(String name, Duration interval, boolean startFirst, Class<? extends Exception> expected) {
        publisher = new SnapshotPublisher(loader, LIMITS, clock);
        if (startFirst) {
            publisher.start(POLL, () -> 7);
        }

        assertThatThrownBy(() -> publisher.start(interval, () -> 7)).isInstanceOf(expected);
    }

    @Test
    void cannotStartAfterClose() {
        publisher = new SnapshotPublisher(loader, LIMITS, clock);
        publisher.close();

        assertThatThrownBy(() -> publisher.start(POLL, () -> 7)).isInstanceOf(IllegalStateException.class)
                .hasMessage("closed");
    }
}
