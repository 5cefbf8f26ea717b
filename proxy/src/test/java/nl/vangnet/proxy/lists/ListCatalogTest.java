package nl.vangnet.proxy.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalog behaviour on real files, with an opener that can hold one source open to observe a reload midway. */
class ListCatalogTest {
    private static final long WAIT = 20;

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final GatedOpener opener = new GatedOpener(new SourceFetcher(SourceLimits.DEFAULT));
    private final List<ListCatalog> catalogs = new ArrayList<>();
    private Path gambling;
    private Path gamblingHosts;
    private Path social;
    private Path services;

    @BeforeEach
    void files() throws IOException {
        gambling = write("ut1/gambling/domains", "casino.example\npoker.example\nbad name\n");
        gamblingHosts = write("gambling-hosts", "0.0.0.0 www.bet.example\n");
        social = write("social.txt", "||chat.example^\n@@||ok.chat.example^\n||x*.example^\n");
        services = write("services.json", """
                {"blocked_services":[{"id":"tinder","rules":["||tinder.example^"]},
                                     {"id":"tiktok","rules":["||tiktok.example^","||v*.tiktokcdn.example^"]}]}
                """);
    }

    @AfterEach
    void close() {
        opener.release();
        catalogs.forEach(ListCatalog::close);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private ListCatalog catalog(Duration interval, List<String> servicesSpecs, ListConfig... lists) {
        ListCatalog c = new ListCatalog(new CatalogSettings(List.of(lists), servicesSpecs, interval,
                SourceLimits.DEFAULT), metrics, clock, opener);
        catalogs.add(c);
        return c;
    }

    private ListCatalog standard() {
        return catalog(Duration.ofDays(1), List.of("services:" + services),
                ListConfig.of("gambling", "ut1:" + gambling.getParent(), "hosts:" + gamblingHosts),
                ListConfig.of("social", "adblock:" + social));
    }

    private static String hit(ListCatalog c, String host, String... lists) {
        ListIndex idx = c.current();
        return idx.find(host, null, idx.query(List.of(lists))).map(h -> h.listId() + " " + h.matched())
                .orElse(null);
    }

    private static ListStatus status(ListCatalog c, String id) {
        return c.status().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static <T> T join(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void firstLoadPublishesAllListsWithStatus() throws Exception {
        ListCatalog c = standard();
        List<ListIndex> published = new CopyOnWriteArrayList<>();
        c.addListener(published::add);
        assertThat(c.current()).isSameAs(ListIndex.empty());
        assertThat(status(c, "gambling").loaded()).isFalse();

        ReloadReport r = join(c.start());

        assertThat(r.ok()).isTrue();
        assertThat(r.version()).isEqualTo(1);
        assertThat(r.loaded()).containsExactly("gambling", "social", "services:" + services);
        assertThat(r.size()).isEqualTo(c.current() instanceof CompactListIndex ci ? ci.size() : -1);
        assertThat(published).containsExactly(c.current());
        assertThat(c.current().listIds()).containsExactlyInAnyOrder("gambling", "social", "service:tinder",
                "service:tiktok");
        assertThat(hit(c, "www.casino.example", "gambling")).isEqualTo("gambling casino.example");
        assertThat(hit(c, "www.bet.example", "gambling")).isEqualTo("gambling www.bet.example");
        assertThat(hit(c, "bet.example", "gambling")).isNull();
        assertThat(hit(c, "a.chat.example", "social")).isEqualTo("social chat.example");
        assertThat(hit(c, "a.ok.chat.example", "social")).isNull();
        assertThat(hit(c, "m.tinder.example", "service:tiktok", "service:tinder"))
                .isEqualTo("service:tinder tinder.example");

        assertThat(c.status()).extracting(ListStatus::id).containsExactly("gambling", "social",
                "services:" + services, "service:tinder", "service:tiktok");
        ListStatus g = status(c, "gambling");
        assertThat(g.entries()).isEqualTo(3);
        assertThat(g.malformed()).isEqualTo(1);
        assertThat(g.sources()).containsExactly("ut1:" + gambling.getParent(), "hosts:" + gamblingHosts);
        assertThat(g.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.source()).endsWith("/gambling/domains");
        });
        assertThat(g.loadedAt()).isEqualTo(clock.instant());
        assertThat(g.lastFailure()).isNull();
        ListStatus s = status(c, "social");
        assertThat(s.entries()).isEqualTo(2);
        assertThat(s.unsupported()).isEqualTo(1);
        ListStatus sum = status(c, "services:" + services);
        assertThat(sum.entries()).isEqualTo(2);
        assertThat(sum.unsupported()).isEqualTo(1);
        assertThat(status(c, "service:tiktok").problems()).singleElement()
                .satisfies(p -> assertThat(p.source()).isEqualTo("services:" + services + "#tiktok"));

        assertThat(metrics.events).contains("loaded gambling 3 " + clock.instant().getEpochSecond(),
                "loaded service:tinder 1 " + clock.instant().getEpochSecond(), "published " + r.size());
    }

    @Test
    void failedReloadKeepsThePreviousContentsAndIsReported() throws Exception {
        ListCatalog c = standard();
        join(c.start());
        Instant firstLoad = clock.instant();
        clock.advance(Duration.ofHours(6));
        Files.delete(gambling);
        write("social.txt", "||newchat.example^\n");

        ReloadReport r = join(c.reload());

        assertThat(r.ok()).isFalse();
        assertThat(r.failed()).containsOnlyKeys("gambling");
        assertThat(r.failed().get("gambling").message()).contains("neither a 'domains' nor a 'urls' file");
        assertThat(r.version()).isEqualTo(2);
        assertThat(hit(c, "casino.example", "gambling")).isEqualTo("gambling casino.example");
        assertThat(hit(c, "www.bet.example", "gambling")).isEqualTo("gambling www.bet.example");
        assertThat(hit(c, "chat.example", "social")).isNull();
        assertThat(hit(c, "newchat.example", "social")).isEqualTo("social newchat.example");
        ListStatus g = status(c, "gambling");
        assertThat(g.entries()).isEqualTo(3);
        assertThat(g.loadedAt()).isEqualTo(firstLoad);
        assertThat(g.lastFailure().at()).isEqualTo(clock.instant());
        assertThat(g.lastFailure().message()).startsWith("ut1:" + gambling.getParent() + ": ");
        assertThat(metrics.events).contains("failed gambling");

        clock.advance(Duration.ofHours(6));
        write("ut1/gambling/domains", "roulette.example\n");
        ReloadReport again = join(c.reload());
        assertThat(again.ok()).isTrue();
        assertThat(hit(c, "casino.example", "gambling")).isNull();
        assertThat(hit(c, "roulette.example", "gambling")).isEqualTo("gambling roulette.example");
        assertThat(status(c, "gambling").lastFailure()).isNull();
        assertThat(status(c, "gambling").loadedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aListThatNeverLoadedIsMissingFromQueries() throws Exception {
        ListCatalog c = catalog(Duration.ofDays(1), List.of(),
                ListConfig.of("gambling", "ut1:" + gambling.getParent()),
                ListConfig.of("dating", "domains:" + dir.resolve("absent")));
        ReloadReport r = join(c.start());
        assertThat(r.failed()).containsOnlyKeys("dating");
        ListQuery q = c.current().query(List.of("dating", "gambling"));
        assertThat(q.missing()).containsExactly("dating");
        assertThat(q.listIds()).containsExactly("gambling");
        ListStatus d = status(c, "dating");
        assertThat(d.loaded()).isFalse();
        assertThat(d.entries()).isZero();
        assertThat(d.lastFailure().message()).contains("no such file");
    }

    @Test
    void whenEverySourceFailsTheIndexStaysTheSame() throws Exception {
        ListCatalog c = catalog(Duration.ofDays(1), List.of(), ListConfig.of("gambling", "ut1:" + gambling.getParent()));
        join(c.start());
        ListIndex before = c.current();
        AtomicInteger calls = new AtomicInteger();
        c.addListener(i -> calls.incrementAndGet());
        Files.delete(gambling);
        ReloadReport r = join(c.reload());
        assertThat(r.version()).isEqualTo(1);
        assertThat(c.current()).isSameAs(before);
        assertThat(calls).hasValue(0);
    }

    @Test
    void newContentsReplaceOldOnlyWhenCompleteAndReloadsRunOneAtATime() throws Exception {
        ListCatalog c = standard();
        join(c.start());
        ListIndex first = c.current();
        write("ut1/gambling/domains", "roulette.example\n");
        write("social.txt", "||newchat.example^\n");
        opener.holdNextOpenOf(social.toString());

        CompletableFuture<ReloadReport> running = c.reload();
        assertThat(opener.entered.await(WAIT, TimeUnit.SECONDS)).isTrue();
        // gambling has been read again already, social not yet: nothing of it is visible
        assertThat(c.current()).isSameAs(first);
        assertThat(hit(c, "casino.example", "gambling")).isEqualTo("gambling casino.example");
        assertThat(hit(c, "roulette.example", "gambling")).isNull();

        List<CompletableFuture<ReloadReport>> queued = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> queued.add(c.reload()));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(WAIT));
        }
        assertThat(running).isNotDone();
        assertThat(c.current()).isSameAs(first);
        opener.release();

        ReloadReport r = join(running);
        assertThat(r.version()).isEqualTo(2);
        for (CompletableFuture<ReloadReport> f : queued) {
            assertThat(join(f).version()).isEqualTo(3);
        }
        assertThat(hit(c, "roulette.example", "gambling")).isEqualTo("gambling roulette.example");
        assertThat(hit(c, "casino.example", "gambling")).isNull();
        assertThat(hit(c, "newchat.example", "social")).isEqualTo("social newchat.example");
        assertThat(opener.maxConcurrent).hasValue(1);
        // start, the held reload, and one shared by the eight queued requests
        assertThat(opener.opens(gambling.toString())).isEqualTo(3);
    }

    @Test
    void failedServicesSourceKeepsItsServices() throws Exception {
        ListCatalog c = standard();
        join(c.start());
        write("services.json", "{\"blocked_services\": [");
        ReloadReport r = join(c.reload());
        assertThat(r.failed()).containsOnlyKeys("services:" + services);
        assertThat(r.failed().get("services:" + services).message()).contains("not valid JSON");
        assertThat(hit(c, "tinder.example", "service:tinder")).isEqualTo("service:tinder tinder.example");
        assertThat(status(c, "service:tinder").lastFailure()).isNotNull();
        assertThat(status(c, "service:tinder").entries()).isEqualTo(1);
        assertThat(metrics.events).contains("failed services:" + services, "failed service:tinder");

        write("services.json", "{\"blocked_services\":[{\"id\":\"tiktok\",\"rules\":[\"||tiktok2.example^\"]}]}");
        assertThat(join(c.reload()).ok()).isTrue();
        assertThat(c.current().listIds()).containsExactlyInAnyOrder("gambling", "social", "service:tiktok");
        assertThat(hit(c, "tiktok2.example", "service:tiktok")).isEqualTo("service:tiktok tiktok2.example");
        assertThat(hit(c, "tiktok.example", "service:tiktok")).isNull();
        assertThat(c.status()).extracting(ListStatus::id).containsExactly("gambling", "social",
                "services:" + services, "service:tiktok");
    }

    @Test
    void theFirstOfTwoServicesSourcesDefiningAServiceWins() throws Exception {
        Path second = write("services2.json", "{\"blocked_services\":[{\"id\":\"tinder\",\"rules\":"
                + "[\"||other.example^\"]},{\"id\":\"snapchat\",\"rules\":[\"||snap.example^\"]}]}");
        ListCatalog c = catalog(Duration.ofDays(1), List.of("services:" + services, "services:" + second));
        join(c.start());
        assertThat(hit(c, "other.example", "service:tinder")).isNull();
        assertThat(hit(c, "tinder.example", "service:tinder")).isEqualTo("service:tinder tinder.example");
        assertThat(hit(c, "snap.example", "service:snapchat")).isEqualTo("service:snapchat snap.example");
        assertThat(status(c, "services:" + second).problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("already defined by an earlier services source"));
    }

    @Test
    void scheduledReloadsPickUpChanges() throws Exception {
        ListCatalog c = catalog(Duration.ofMillis(50), List.of(),
                ListConfig.of("gambling", "ut1:" + gambling.getParent()));
        join(c.start());
        write("ut1/gambling/domains", "roulette.example\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (hit(c, "roulette.example", "gambling") == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(hit(c, "roulette.example", "gambling")).isEqualTo("gambling roulette.example");
    }

    @Test
    void closeStopsReloads() throws Exception {
        ListCatalog c = standard();
        join(c.start());
        ListIndex last = c.current();
        opener.holdNextOpenOf(social.toString());
        CompletableFuture<ReloadReport> running = c.reload();
        assertThat(opener.entered.await(WAIT, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<ReloadReport> waiting = c.reload();
        c.close();
        assertThatThrownBy(() -> join(waiting)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(java.util.concurrent.CancellationException.class);
        opener.release();
        assertThatThrownBy(() -> join(running)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(c.current()).isSameAs(last);
        assertThat(metrics.events).noneMatch(e -> e.startsWith("failed"));
        assertThat(status(c, "social").lastFailure()).isNull();
        assertThatThrownBy(() -> join(c.reload())).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(c::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> ListConfig.of("Gambling!", "hosts:/x")).hasMessageContaining("not valid");
        assertThatThrownBy(() -> new ListConfig("gambling", List.of())).hasMessageContaining("no source");
        assertThatThrownBy(() -> ListConfig.of("gambling", "services:/x.json"))
                .hasMessageContaining("configure it as a services source");
        assertThatThrownBy(() -> ListConfig.of("gambling", "nonsense")).hasMessageContaining("no format prefix");
        assertThatThrownBy(() -> CatalogSettings.of(List.of(ListConfig.of("a", "hosts:/x"),
                ListConfig.of("a", "hosts:/y")), List.of())).hasMessageContaining("configured twice");
        assertThatThrownBy(() -> CatalogSettings.of(List.of(), List.of("hosts:/x")))
                .hasMessageContaining("must be 'services:");
        assertThatThrownBy(() -> new CatalogSettings(List.of(), List.of(), Duration.ZERO, SourceLimits.DEFAULT))
                .hasMessageContaining("interval must be positive");
        assertThatThrownBy(() -> new SourceLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .hasMessageContaining("must be positive");
    }

    /** Opens sources through the real opener; can hold the next open of one location until released. */
    private static final class GatedOpener implements SourceOpener {
        private final SourceOpener real;
        private final AtomicReference<String> held = new AtomicReference<>();
        private final CountDownLatch releaseLatch = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicInteger active = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        private final List<String> opened = new CopyOnWriteArrayList<>();

        GatedOpener(SourceOpener real) {
            this.real = real;
        }

        void holdNextOpenOf(String location) {
            held.set(location);
        }

        void release() {
            releaseLatch.countDown();
        }

        int opens(String location) {
            return (int) opened.stream().filter(location::equals).count();
        }

        @Override
        public InputStream open(String location, boolean remote) throws IOException {
            int now = active.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            try {
                opened.add(location);
                if (location.equals(held.get()) && held.compareAndSet(held.get(), null)) {
                    entered.countDown();
                    try {
                        if (!releaseLatch.await(WAIT, TimeUnit.SECONDS)) {
                            throw new IOException("test gate never released");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted at the test gate");
                    }
                }
                return real.open(location, remote);
            } finally {
                active.decrementAndGet();
            }
        }
    }

    private static final class RecordingMetrics implements ListMetrics {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void loaded(String listId, int entries, long epochSecond) {
            events.add("loaded " + listId + " " + entries + " " + epochSecond);
        }

        @Override
        public void failed(String listId) {
            events.add("failed " + listId);
        }

        @Override
        public void published(int size, long heapBytes) {
            events.add("published " + size);
        }
    }

    private static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("not needed");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
