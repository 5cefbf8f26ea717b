package nl.vangnet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import nl.vangnet.config.policy.SnapshotPublisher;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminAppTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final ListStatusResponse GAMBLING = new ListStatusResponse("gambling",
            List.of("ut1:/srv/ut1/gambling"), 32247, 2, 0, List.of("domains:7: not a domain name"),
            Instant.parse("2026-11-23T09:00:00Z"), null, null);

    private final HttpClient http = HttpClient.newHttpClient();
    private Database database;
    private SnapshotPublisher publisher;
    private Javalin app;

    @BeforeEach
    void store() {
        database = Database.open(Database.h2Memory("admin-" + System.nanoTime()), "", "");
        JdbcStore store = new JdbcStore(database, new ModelValidator(Limits.DEFAULTS), CLOCK);
        publisher = new SnapshotPublisher(store::load, Limits.DEFAULTS, CLOCK);
        publisher.refresh();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
        publisher.close();
        database.close();
    }

    private HttpResponse<String> send(ListsAdmin lists, MetricsScrape metrics, Duration wait, HttpRequest.Builder b)
            throws Exception {
        JdbcStore store = new JdbcStore(database, new ModelValidator(Limits.DEFAULTS), CLOCK);
        app = AdminApp.create(new AdminContext(store, publisher::current, CLOCK, lists, metrics), wait)
                .start("127.0.0.1", 0);
        return http.send(b.uri(URI.create("http://127.0.0.1:" + app.port() + b.build().uri().getPath())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://x" + path));
    }

    private static HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create("http://x" + path)).POST(HttpRequest.BodyPublishers.noBody());
    }

    @Test
    void healthReportsTheSnapshot() throws Exception {
        HttpResponse<String> r = send(ListsAdmin.NONE, MetricsScrape.NONE, Duration.ofSeconds(1), get("/health"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"", "\"snapshotVersion\":" + publisher.current().version());
    }

    @Test
    void listsShowTheirStatus() throws Exception {
        ListsAdmin lists = new FakeLists(CompletableFuture.completedFuture(List.of(GAMBLING)));
        HttpResponse<String> r = send(lists, MetricsScrape.NONE, Duration.ofSeconds(1), get("/api/lists"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(r.body()).contains("\"id\":\"gambling\"", "\"entries\":32247", "\"malformed\":2",
                "\"loadedAt\":\"2026-11-23T09:00:00Z\"", "domains:7: not a domain name");
    }

    @Test
    void reloadAnswersWithTheNewStatus() throws Exception {
        FakeLists lists = new FakeLists(CompletableFuture.completedFuture(List.of(GAMBLING)));
        HttpResponse<String> r = send(lists, MetricsScrape.NONE, Duration.ofSeconds(5), post("/api/lists/reload"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"id\":\"gambling\"");
        assertThat(lists.reloads.get()).isEqualTo(1);
    }

    @Test
    void aSlowReloadAnswersAcceptedAndPointsToTheStatus() throws Exception {
        FakeLists lists = new FakeLists(new CompletableFuture<>());
        HttpResponse<String> r = send(lists, MetricsScrape.NONE, Duration.ofMillis(50), post("/api/lists/reload"));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("Location")).hasValue("/api/lists");
        assertThat(r.body()).contains("reloading");
    }

    @Test
    void reloadNeedsPost() throws Exception {
        FakeLists lists = new FakeLists(CompletableFuture.completedFuture(List.of()));
        HttpResponse<String> r = send(lists, MetricsScrape.NONE, Duration.ofSeconds(1), get("/api/lists/reload"));
        assertThat(r.statusCode()).isIn(404, 405);
        assertThat(lists.reloads.get()).isZero();
    }

    @Test
    void metricsAreServedInTheAskedFormat() throws Exception {
        MetricsScrape metrics = accept -> accept != null && accept.contains("openmetrics")
                ? "# TYPE x counter\nx_total 1.0\n# EOF\n" : "# TYPE x counter\nx_total 1.0\n";
        HttpResponse<String> text = send(ListsAdmin.NONE, metrics, Duration.ofSeconds(1),
                get("/metrics"));
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(text.body()).isEqualTo("# TYPE x counter\nx_total 1.0\n");
        HttpResponse<String> om = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/metrics")).header("Accept", "application/openmetrics-text; version=1.0.0").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(om.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/openmetrics-text");
        assertThat(om.body()).endsWith("# EOF\n");
    }

    private static final class FakeLists implements ListsAdmin {
        final AtomicInteger reloads = new AtomicInteger();
        private final CompletableFuture<List<ListStatusResponse>> result;

        FakeLists(CompletableFuture<List<ListStatusResponse>> result) {
            this.result = result;
        }

        @Override
        public List<ListStatusResponse> status() {
            return List.of(GAMBLING);
        }

        @Override
        public CompletableFuture<List<ListStatusResponse>> reload() {
            reloads.incrementAndGet();
            return result;
        }
    }
}
