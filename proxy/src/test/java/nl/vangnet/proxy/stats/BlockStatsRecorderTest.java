package nl.vangnet.proxy.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.HostEvents;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.policy.ClientEntry;
import nl.vangnet.config.policy.ClientPolicy;
import nl.vangnet.config.policy.DeviceEntry;
import nl.vangnet.config.policy.EffectiveReason;
import nl.vangnet.config.policy.RegistrationState;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.BlockBatch;
import nl.vangnet.config.store.BlockCount;
import nl.vangnet.config.store.BlockEvent;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.Reason;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.decision.Trace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The recorder without sockets and without a database: the sink is a list (or fails on purpose). */
class BlockStatsRecorderTest {
    static final long REGISTRATION = 17;
    static final Instant NOON = Instant.parse("2026-01-15T11:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 1, 15);
    static final DeviceEntry COUNTS_ONLY = device(null);
    static final DeviceEntry WITH_HOST_EVENTS = device(new HostEvents("evaluatie", 30));

    private final List<BlockBatch> stored = Collections.synchronizedList(new ArrayList<>());
    private BlockStatsRecorder recorder = new BlockStatsRecorder(stored::add);

    @AfterEach
    void close() {
        recorder.close();
    }

    // ==== what is counted ====================================================================================

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(value = {
        "BLOCKED_CATEGORY, gambling, gambling",
        "BLOCKED_SERVICE, service:tiktok, service:tiktok",
        "BLOCKED_DOMAIN, NULL, blocked_domain",
        "NOT_ON_ALLOW_LIST, NULL, not_on_allow_list",
        "OUTSIDE_INTERNET_HOURS, NULL, outside_internet_hours",
        "BLOCKED_DOMAIN, '', blocked_domain"
    }, nullValues = "NULL")
    void aBlockIsCountedUnderTheListElseTheLowerCaseReason(Reason reason, String listId, String category) {
        recorder.restricted(block(reason, listId, null), COUNTS_ONLY, facts("casino.example", NOON));

        assertThat(recorder.flush()).isTrue();
        assertThat(onlyBatch().counts()).containsExactly(new BlockCount(REGISTRATION, DAY, category, 1));
        assertThat(onlyBatch().events()).isEmpty();
    }

    static Stream<Arguments> notBlocks() {
        Trace trace = trace(REGISTRATION, "gambling", "casino.example");
        return Stream.of(
                Arguments.of(new Decision.Allow(Reason.ALLOWED_DOMAIN, trace, "school.example", 80)),
                Arguments.of(new Decision.Allow(Reason.NOT_RESTRICTED_HOST, trace, "news.example", 80)),
                Arguments.of(new Decision.Tunnel(Reason.SAFE_SEARCH, trace, "forcesafesearch.google.com", 443)),
                Arguments.of(new Decision.Tunnel(Reason.NOT_RESTRICTED_HOST, trace, "news.example", 443)));
    }

    @ParameterizedTest
    @MethodSource("notBlocks")
    void decisionsOtherThanBlocksAreNotRecorded(Decision decision) {
        recorder.restricted(decision, WITH_HOST_EVENTS, facts("casino.example", NOON));
        recorder.unrestricted();

        assertThat(recorder.flush()).isTrue();
        assertThat(stored).isEmpty();
        assertThat(recorder.pendingCounters()).isZero();
    }

    @Test
    void aBlockWithoutARegistrationIdIsNotRecorded() {
        recorder.restricted(new Decision.Block(Reason.BLOCKED_DOMAIN, Trace.anonymous(3), true), WITH_HOST_EVENTS,
                facts("casino.example", NOON));

        recorder.flush();
        assertThat(stored).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // winter: Amsterdam is UTC+1
        "2026-01-15T22:59:59.999Z, 2026-01-15",
        "2026-01-15T23:00:00Z, 2026-01-16",
        "2026-01-14T23:00:00Z, 2026-01-15",
        // summer: UTC+2
        "2026-07-01T21:59:59Z, 2026-07-01",
        "2026-07-01T22:00:00Z, 2026-07-02",
        // the night the clocks go back (2026-10-25 03:00 CEST -> 02:00 CET)
        "2026-10-24T21:59:59Z, 2026-10-24",
        "2026-10-25T22:59:59Z, 2026-10-25",
        "2026-10-25T23:00:00Z, 2026-10-26"
    })
    void theDayIsTheLocalDayInAmsterdam(Instant at, LocalDate day) {
        recorder.restricted(block(Reason.BLOCKED_CATEGORY, "gambling", null), COUNTS_ONLY, facts("a.example", at));

        recorder.flush();
        assertThat(onlyBatch().counts()).extracting(BlockCount::day).containsExactly(day);
    }

    @Test
    void blocksAreAddedUpPerRegistrationDayAndCategory() {
        for (int i = 0; i < 3; i++) {
            recorder.restricted(block(Reason.BLOCKED_CATEGORY, "gambling", null), COUNTS_ONLY,
                    facts("casino.example", NOON.plusSeconds(i)));
        }
        recorder.restricted(block(Reason.BLOCKED_DOMAIN, null, null), COUNTS_ONLY, facts("x.example", NOON));
        recorder.restricted(block(Reason.BLOCKED_CATEGORY, "gambling", null), COUNTS_ONLY,
                facts("casino.example", NOON.plus(Duration.ofDays(1))));
        recorder.restricted(new Decision.Block(Reason.BLOCKED_CATEGORY, trace(99, "gambling", null), false),
                COUNTS_ONLY, facts("casino.example", NOON));

        recorder.flush();

        assertThat(onlyBatch().counts()).containsExactlyInAnyOrder(
                new BlockCount(REGISTRATION, DAY, "gambling", 3),
                new BlockCount(REGISTRATION, DAY, "blocked_domain", 1),
                new BlockCount(REGISTRATION, DAY.plusDays(1), "gambling", 1),
                new BlockCount(99, DAY, "gambling", 1));
    }

    // ==== per-host events ===================================================================================

    @ParameterizedTest(name = "{0}, matched {1} -> {2}")
    @CsvSource(value = {
        "WWW.Casino.Example., casino.example, casino.example",
        "WWW.Casino.Example., NULL, www.casino.example",
        "bücher.example, NULL, xn--bcher-kva.example",
        "[2001:DB8::0:1], NULL, 2001:db8::1",
        "10.1.2.3, NULL, 10.1.2.3"
    }, nullValues = "NULL")
    void anEventKeepsTheMatchedNameElseTheNormalisedHost(String host, String matched, String kept) {
        recorder.restricted(block(Reason.BLOCKED_CATEGORY, "gambling", matched), WITH_HOST_EVENTS,
                facts(host, NOON));

        recorder.flush();

        assertThat(onlyBatch().events()).containsExactly(
                BlockEvent.of(REGISTRATION, NOON, kept, "blocked_category", "gambling"));
    }

    @Test
    void eventsAreQueuedOnlyWhenTheRegistrationRecordsTheNeed() {
        recorder.restricted(block(Reason.NOT_ON_ALLOW_LIST, null, null), COUNTS_ONLY, facts("a.example", NOON));
        recorder.restricted(block(Reason.NOT_ON_ALLOW_LIST, null, null), WITH_HOST_EVENTS, facts("b.example", NOON));

        recorder.flush();

        assertThat(onlyBatch().events()).containsExactly(
                BlockEvent.of(REGISTRATION, NOON, "b.example", "not_on_allow_list", null));
        assertThat(onlyBatch().counts()).containsExactly(new BlockCount(REGISTRATION, DAY, "not_on_allow_list", 2));
    }

    @Test
    void overlongValuesAreClippedNeverThrown() {
        String longHost = String.join(".", "a".repeat(60), "b".repeat(60), "c".repeat(60), "d".repeat(60),
                "e".repeat(60), "example");
        String longList = "l".repeat(150);

        recorder.restricted(block(Reason.BLOCKED_CATEGORY, longList, null), WITH_HOST_EVENTS, facts(longHost, NOON));
        recorder.restricted(block(Reason.BLOCKED_DOMAIN, null, null), WITH_HOST_EVENTS, facts(" ", NOON));
        recorder.flush();

        assertThat(onlyBatch().counts()).extracting(BlockCount::category).containsExactlyInAnyOrder(
                "l".repeat(BlockCount.MAX_CATEGORY), "blocked_domain");
        assertThat(onlyBatch().events()).singleElement().satisfies(e -> {
            assertThat(e.host()).hasSize(BlockEvent.MAX_HOST);
            assertThat(e.listId()).hasSize(BlockCount.MAX_CATEGORY);
        });
    }

    // ==== bounds ==========================================================================================

    @Test
    void theCounterTableIsBoundedAndDropsAreCounted() {
        List<Integer> dropped = new ArrayList<>();
        recorder = new BlockStatsRecorder(stored::add, Limits.AMSTERDAM, 2, 10, new BlockStatsMetrics() {
            @Override
            public void blocksDropped(long blocks) {
                dropped.add((int) blocks);
            }
        });

        for (String category : List.of("a", "b", "c", "a", "d", "b")) {
            recorder.restricted(block(Reason.BLOCKED_CATEGORY, category, null), COUNTS_ONLY, facts("x.example", NOON));
        }
        assertThat(recorder.pendingCounters()).isEqualTo(2);
        recorder.flush();

        assertThat(onlyBatch().counts()).containsExactlyInAnyOrder(new BlockCount(REGISTRATION, DAY, "a", 2),
                new BlockCount(REGISTRATION, DAY, "b", 2));
        assertThat(recorder.droppedBlocks()).isEqualTo(2);
        assertThat(dropped).containsExactly(1, 1);
        assertThat(recorder.pendingCounters()).isZero();
    }

    @Test
    void theEventQueueIsBoundedAndDropsAreCounted() {
        AtomicInteger dropped = new AtomicInteger();
        recorder = new BlockStatsRecorder(stored::add, Limits.AMSTERDAM, 10, 2, new BlockStatsMetrics() {
            @Override
            public void eventDropped() {
                dropped.incrementAndGet();
            }
        });

        for (String host : List.of("a.example", "b.example", "c.example")) {
            recorder.restricted(block(Reason.BLOCKED_DOMAIN, null, null), WITH_HOST_EVENTS, facts(host, NOON));
        }
        recorder.flush();

        assertThat(onlyBatch().events()).extracting(BlockEvent::host).containsExactly("a.example", "b.example");
        assertThat(onlyBatch().counts()).containsExactly(new BlockCount(REGISTRATION, DAY, "blocked_domain", 3));
        assertThat(recorder.droppedEvents()).isEqualTo(1);
        assertThat(dropped).hasValue(1);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 0", "-1, 5"})
    void boundsBelowOneAreRefused(int maxCounters, int maxEvents) {
        assertThatThrownBy(() -> new BlockStatsRecorder(stored::add, Limits.AMSTERDAM, maxCounters, maxEvents,
                BlockStatsMetrics.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    // ==== flushing =========================================================================================

    @Test
    void aFlushDrainsEverythingAndAnEmptyFlushCallsNoSink() {
        recorder.restricted(block(Reason.BLOCKED_DOMAIN, null, null), WITH_HOST_EVENTS, facts("a.example", NOON));

        assertThat(recorder.flush()).isTrue();
        assertThat(recorder.flush()).isTrue();

        assertThat(stored).hasSize(1);
        assertThat(recorder.pendingCounters()).isZero();
        assertThat(recorder.pendingEvents()).isZero();
    }

    @Test
    void aFailingSinkGetsEverythingAgainMergedWithWhatCameMeanwhile() {
        FlakySink sink = new FlakySink();
        List<String> reported = new ArrayList<>();
        recorder = new BlockStatsRecorder(sink, Limits.AMSTERDAM, 100, 100, new BlockStatsMetrics() {
            @Override
            public void flushed(int counts, int events) {
                reported.add("flushed " + counts + "/" + events);
            }

            @Override
            public void flushFailed() {
                reported.add("failed");
            }
        });
        recorder.restricted(block(Reason.BLOCKED_CATEGORY, "gambling", "casino.example"), WITH_HOST_EVENTS,
                facts("www.casino.example", NOON));
        recorder.restricted(block(Reason.BLOCKED_DOMAIN, null, null), WITH_HOST_EVENTS, facts("x.example", NOON));

        sink.failing.set(true);
        assertThat(recorder.flush()).isFalse();
        assertThat(recorder.pendingCounters()).isEqualTo(2);
        assertThat(recorder.pendingEvents()).isEqualTo(2);
        recorder.restricted(block(Reason.BLOCKED_CATEGORY, "gambling", "casino.example"), WITH_HOST_EVENTS,
                facts("casino.example", NOON.plusSeconds(5)));
        assertThat(recorder.flush()).isFalse();
        sink.failing.set(false);
        assertThat(recorder.flush()).isTrue();

        assertThat(sink.accepted).singleElement().satisfies(b -> {
            assertThat(b.counts()).containsExactlyInAnyOrder(new BlockCount(REGISTRATION, DAY, "gambling", 2),
                    new BlockCount(REGISTRATION, DAY, "blocked_domain", 1));
            assertThat(b.events()).extracting(BlockEvent::host).containsExactlyInAnyOrder("casino.example",
                    "x.example", "casino.example");
        });
        assertThat(sink.refused).isEqualTo(2);
        assertThat(reported).containsExactly("failed", "failed", "flushed 2/3");
        assertThat(recorder.droppedBlocks()).isZero();
    }

    @Test
    void whatAFailedFlushPutsBackStaysWithinTheBoundsAndTheRestIsCountedAsDropped() {
        FlakySink sink = new FlakySink();
        recorder = new BlockStatsRecorder(sink, Limits.AMSTERDAM, 2, 1, BlockStatsMetrics.NONE);
        recorder.restricted(block(Reason.BLOCKED_CATEGORY, "a", null), WITH_HOST_EVENTS, facts("a.example", NOON));
        recorder.restricted(block(Reason.BLOCKED_CATEGORY, "a", null), WITH_HOST_EVENTS, facts("a.example", NOON));
        recorder.restricted(block(Reason.BLOCKED_CATEGORY, "b", null), COUNTS_ONLY, facts("b.example", NOON));
        sink.failing.set(true);

        // the batch is out while the failing sink runs: new blocks take the free slots
        sink.whileRefusing = () -> {
            recorder.restricted(block(Reason.BLOCKED_CATEGORY, "c", null), COUNTS_ONLY, facts("c.example", NOON));
            recorder.restricted(block(Reason.BLOCKED_CATEGORY, "d", null), WITH_HOST_EVENTS,
                    facts("d.example", NOON));
        };
        assertThat(recorder.flush()).isFalse();

        assertThat(recorder.pendingCounters()).isEqualTo(2);
        assertThat(recorder.pendingEvents()).isEqualTo(1);
        assertThat(recorder.droppedBlocks() + recorder.droppedEvents()).isPositive();
        sink.failing.set(false);
        sink.whileRefusing = () -> { };
        recorder.flush();
        long kept = sink.accepted.get(0).counts().stream().mapToLong(BlockCount::blocks).sum();
        assertThat(kept + recorder.droppedBlocks()).isEqualTo(5);
        assertThat(sink.accepted.get(0).events().size() + recorder.droppedEvents()).isEqualTo(3);
    }

    @Test
    void closeFlushesOnceMoreThenIgnoresObservationsAndIsIdempotent() {
        recorder.restricted(block(Reason.BLOCKED_DOMAIN, null, null), COUNTS_ONLY, facts("a.example", NOON));

        recorder.close();
        recorder.restricted(block(Reason.BLOCKED_DOMAIN, null, null), COUNTS_ONLY, facts("a.example", NOON));
        recorder.close();

        assertThat(onlyBatch().counts()).containsExactly(new BlockCount(REGISTRATION, DAY, "blocked_domain", 1));
        assertThat(recorder.pendingCounters()).isZero();
        assertThatThrownBy(() -> recorder.start(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void startFlushesPeriodicallyOnADaemonThread() throws Exception {
        CountDownLatch flushed = new CountDownLatch(2);
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        recorder = new BlockStatsRecorder(b -> {
            threads.add(Thread.currentThread());
            flushed.countDown();
        });
        recorder.start(Duration.ofMillis(5));

        recorder.restricted(block(Reason.BLOCKED_DOMAIN, null, null), COUNTS_ONLY, facts("a.example", NOON));
        assertThat(awaitFlushes(flushed, () -> recorder.restricted(block(Reason.BLOCKED_DOMAIN, null, null),
                COUNTS_ONLY, facts("a.example", NOON)))).isTrue();

        assertThat(threads).allSatisfy(t -> {
            assertThat(t.isDaemon()).isTrue();
            assertThat(t.getName()).isEqualTo("vangnet-block-stats");
        });
        assertThatThrownBy(() -> recorder.start(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
    }

    /** Keeps feeding blocks until the sink saw {@code latch}'s count of flushes, for at most 30 s. */
    private static boolean awaitFlushes(CountDownLatch latch, Runnable feed) throws InterruptedException {
        for (int i = 0; i < 3_000; i++) {
            if (latch.await(10, TimeUnit.MILLISECONDS)) {
                return true;
            }
            feed.run();
        }
        return false;
    }

    @ParameterizedTest
    @CsvSource({"PT0S", "-PT1S"})
    void aNonPositiveIntervalIsRefused(Duration interval) {
        assertThatThrownBy(() -> recorder.start(interval)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
    }

    // ==== concurrency =====================================================================================

    @Test
    void concurrentBlocksAndFlushesLoseNoCount() throws Exception {
        int threads = 4;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        String category = "c" + ((i + thread) % 3);
                        recorder.restricted(block(Reason.BLOCKED_CATEGORY, category, null), COUNTS_ONLY,
                                facts("a.example", NOON));
                    }
                    return null;
                }));
            }
            Future<?> flusher = pool.submit(() -> {
                go.await();
                while (writing.get()) {
                    recorder.flush();
                }
                return null;
            });
            go.countDown();
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            flusher.get(60, TimeUnit.SECONDS);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        recorder.flush();

        Map<String, Long> totals = new HashMap<>();
        synchronized (stored) {
            for (BlockBatch b : stored) {
                for (BlockCount n : b.counts()) {
                    totals.merge(n.category(), n.blocks(), Long::sum);
                }
            }
        }
        assertThat(totals.values().stream().mapToLong(Long::longValue).sum()).isEqualTo((long) threads * perThread);
        assertThat(totals).containsOnlyKeys("c0", "c1", "c2");
        assertThat(recorder.droppedBlocks()).isZero();
        assertThat(recorder.pendingCounters()).isZero();
    }

    // ==== helpers =========================================================================================

    /** A sink that refuses batches while {@link #failing} is set. */
    static final class FlakySink implements Consumer<BlockBatch> {
        final AtomicBoolean failing = new AtomicBoolean();
        final List<BlockBatch> accepted = new ArrayList<>();
        Runnable whileRefusing = () -> { };
        int refused;

        @Override
        public void accept(BlockBatch batch) {
            if (failing.get()) {
                refused++;
                whileRefusing.run();
                throw new IllegalStateException("store unavailable (test)");
            }
            accepted.add(batch);
        }
    }

    private BlockBatch onlyBatch() {
        assertThat(stored).hasSize(1);
        return stored.get(0);
    }

    static Decision.Block block(Reason reason, String listId, String matched) {
        return new Decision.Block(reason, trace(REGISTRATION, listId, matched), true);
    }

    static Trace trace(long registrationId, String listId, String matched) {
        return new Trace(5, 2, 11L, 21L, "ip", registrationId, 31L, 0, listId, listId, matched);
    }

    static RequestFacts facts(String host, Instant at) {
        try {
            return new RequestFacts(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), null, host, 80, Kind.HTTP,
                    "/", at);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static DeviceEntry device(HostEvents hostEvents) {
        Profile profile = new Profile(31, "strict", null, List.of(Rule.always("gambling", Risk.GAMBLING)),
                List.of(), List.of(), List.of(), false, List.of(), false, 1);
        Registration r = new Registration(REGISTRATION, 21, Basis.WZD, "dossier/1", null, DAY, 31, DAY,
                DAY.plusMonths(1), DAY.plusMonths(2), Set.of(Risk.GAMBLING), null, null, List.of(), List.of(),
                List.of(), null, hostEvents, 1);
        ClientPolicy policy = new ClientPolicy(21, EffectiveReason.ACTIVE, r,
                new RegistrationState(EffectiveReason.ACTIVE, 0, 31L, null), DAY.plusMonths(1), false, null);
        return new DeviceEntry(new Device(11, 21, "telefoon", List.of(), List.of("127.0.0.2"), null, null, 1),
                new ClientEntry(new Client(21, "C-21", "dossier/21", "De Linde", 1), policy, profile));
    }
}
