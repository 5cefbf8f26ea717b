package nl.vangnet.config.policy;

import static nl.vangnet.config.policy.Fixtures.client;
import static nl.vangnet.config.policy.Fixtures.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * The publisher's side of several nodes: change notifications queue one reload ({@link SnapshotPublisher#changed}),
 * {@link SnapshotPublisher#checkNow} probes at once, and the store's health ({@code storeUp}, {@code lastSuccess},
 * failures logged once per outage).
 */
final class SnapshotPublisherStoreHealthTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LONG_POLL = Duration.ofHours(1);
    private static final Limits LIMITS = Fixtures.limits(0, 14);
    private static final Instant T0 = local("2026-03-10T12:00");

    private final MutableClock clock = new MutableClock(T0, Limits.AMSTERDAM);
    private final AtomicLong storeVersion = new AtomicLong(7);
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private SnapshotPublisher publisher;

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close();
        }
        executor.shutdownNow();
    }

    private PolicyData load() {
        loads.incrementAndGet();
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
        return new PolicyData(List.of(client(1)), List.of(), List.of(), List.of(), storeVersion.get());
    }

    private long probe() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
        return storeVersion.get();
    }

    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** Runs nothing else on the executor until the returned latch is counted down. */
    private CountDownLatch blockExecutor() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        executor.execute(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(running.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return release;
    }

    @ParameterizedTest(name = "loaded 7, notified {0}: reload queued = {1}")
    @CsvSource({"6, false", "7, false", "8, true", "9000, true"})
    void aNotificationQueuesAReloadOnlyForANewerDataVersion(long notified, boolean queued) {
        publisher = new SnapshotPublisher(this::load, LIMITS, clock, executor);
        publisher.refresh();
        storeVersion.set(Math.max(7, notified));

        assertThat(publisher.changed(notified)).isEqualTo(queued);

        if (queued) {
            await(() -> publisher.current().dataVersion() == notified, "the reload");
            assertThat(loads).hasValue(2);
        } else {
            assertThat(publisher.current().dataVersion()).isEqualTo(7);
            assertThat(loads).hasValue(1);
        }
    }

    @Test
    void notificationsArrivingWhileAReloadIsQueuedRideAlongWithIt() {
        publisher = new SnapshotPublisher(this::load, LIMITS, clock, executor);
        publisher.refresh();
        CountDownLatch release = blockExecutor();

        storeVersion.set(10);
        assertThat(publisher.changed(8)).isTrue();
        assertThat(publisher.changed(9)).isFalse();
        assertThat(publisher.changed(10)).isFalse();
        release.countDown();

        await(() -> publisher.current().dataVersion() == 10, "the one reload");
        assertThat(loads).hasValue(2);
        assertThat(publisher.changed(11)).as("a later notification queues again").isTrue();
    }

    @Test
    void beforeAnyLoadEveryNotificationQueuesALoad() {
        publisher = new SnapshotPublisher(this::load, LIMITS, clock, executor);

        assertThat(publisher.changed(1)).isTrue();

        await(() -> publisher.current().dataVersion() == 7, "the first load");
    }

    @Test
    void checkNowProbesAtOnceInsteadOfWaitingForThePoll() {
        publisher = new SnapshotPublisher(this::load, LIMITS, clock, executor);
        publisher.checkNow();
        assertThat(loads).as("not started: nothing to probe with").hasValue(0);
        publisher.start(LONG_POLL, this::probe);
        await(() -> publisher.current().dataVersion() == 7, "the first poll");

        storeVersion.set(8);
        publisher.checkNow();

        await(() -> publisher.current().dataVersion() == 8, "the probe and reload");
        assertThat(loads).hasValue(2);
    }

    @Test
    void storeHealthFollowsTheLastContactAndRecoversOnAProbeEvenWithoutNewData() {
        publisher = new SnapshotPublisher(this::load, LIMITS, clock, executor);
        assertThat(publisher.storeUp()).isFalse();
        assertThat(publisher.lastSuccess()).isEmpty();

        publisher.refresh();
        assertThat(publisher.storeUp()).isTrue();
        assertThat(publisher.lastSuccess()).contains(T0);

        failure.set(new IllegalStateException("database away"));
        clock.advance(Duration.ofMinutes(1));
        publisher.refresh();
        publisher.refresh();
        assertThat(publisher.storeUp()).isFalse();
        assertThat(publisher.consecutiveFailures()).isEqualTo(2);
        assertThat(publisher.lastSuccess()).as("unchanged by failures").contains(T0);
        assertThat(publisher.current().dataVersion()).as("the last good snapshot").isEqualTo(7);

        failure.set(null);
        clock.advance(Duration.ofMinutes(1));
        publisher.start(LONG_POLL, this::probe); // first probe at once; same data version: no reload

        await(publisher::storeUp, "the probe");
        assertThat(publisher.consecutiveFailures()).isZero();
        assertThat(publisher.lastSuccess()).contains(T0.plus(Duration.ofMinutes(2)));
        assertThat(loads).as("the probe found the data current").hasValue(3);
    }

    @Test
    void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEnds() {
        Logger log = (Logger) LoggerFactory.getLogger(SnapshotPublisher.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = log.getLevel();
        log.setLevel(Level.INFO);
        log.addAppender(appender);
        try {
            publisher = new SnapshotPublisher(this::load, LIMITS, clock, executor);
            publisher.refresh();
            failure.set(new IllegalStateException("database away"));
            for (int i = 0; i < 5; i++) {
                publisher.refresh();
            }
            failure.set(null);
            publisher.refresh();
            publisher.refresh();
        } finally {
            log.detachAppender(appender);
            log.setLevel(before);
        }

        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1)
                .first().satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains("loading the policy data failed", "keeping policy snapshot 1"));
        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.INFO).hasSize(1)
                .first().satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains("the store answers again after 5 failed attempt(s)"));
    }
}
