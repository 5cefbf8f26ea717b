package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin node's metrics on a started launcher with the demo data (see the README's demo table), scraped from
 * {@code /metrics}: registrations by state and basis, in effect per location, evaluations due and overdue, the
 * audit chain and its verify, and the request histogram by route template.
 */
class VangnetAdminMetricsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Settings settings() {
        return SettingsLoader.load(null, Map.of(), Map.of(Setting.STORE_H2_PATH, dir.resolve("db").toString(),
                Setting.PROXY_ENABLED, "false", Setting.ADMIN_BIND, "127.0.0.1:0"));
    }

    private HttpResponse<String> get(Vangnet v, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(v.adminUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the series named exactly {@code series} (name and labels as in the exposition). */
    private static Optional<Double> value(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()));
    }

    /** Scrapes until {@code ready} holds (the counts and the verify run on the background thread). */
    private String scrapeUntil(Vangnet v, Predicate<String> ready) throws Exception {
        String scrape = "";
        for (int i = 0; i < 200; i++) {
            scrape = get(v, "/metrics").body();
            if (ready.test(scrape)) {
                return scrape;
            }
            Thread.sleep(25);
        }
        return scrape;
    }

    @Test
    void demoRegistrationsEvaluationsAuditAndRequestsAreScraped() throws Exception {
        try (Vangnet v = Vangnet.start(settings(), true, CLOCK)) {
            long events = v.store().dataVersion();
            String scrape = scrapeUntil(v, s -> value(s, "vangnet_audit_verify_ok").orElse(Double.NaN) == 1
                    && value(s, "vangnet_audit_events").orElse(0.0) == events
                    && value(s, "vangnet_registrations{basis=\"WZD\",state=\"ACTIVE\"}").orElse(0.0) == 2);

            // README demo table: C-1001 and C-1006 (WZD, De Linde) in effect, C-1006 due in 10 days; C-1002
            // (VOLUNTARY, De Linde) lapsed; C-1003 (VOLUNTARY, Het Anker) in effect; C-1004 (Het Anker) withdrawn
            Map<String, Double> expected = Map.ofEntries(
                    Map.entry("vangnet_registrations{basis=\"WZD\",state=\"ACTIVE\"}", 2.0),
                    Map.entry("vangnet_registrations{basis=\"VOLUNTARY\",state=\"ACTIVE\"}", 1.0),
                    Map.entry("vangnet_registrations{basis=\"VOLUNTARY\",state=\"EVALUATION_OVERDUE\"}", 1.0),
                    Map.entry("vangnet_registrations{basis=\"VOLUNTARY\",state=\"WITHDRAWN\"}", 1.0),
                    Map.entry("vangnet_registrations{basis=\"WZD\",state=\"EVALUATION_OVERDUE\"}", 0.0),
                    Map.entry("vangnet_registrations{basis=\"WZD_UNFORESEEN\",state=\"NOT_STARTED\"}", 0.0),
                    Map.entry("vangnet_registrations{basis=\"VOLUNTARY\",state=\"ENDED\"}", 0.0),
                    Map.entry("vangnet_registrations_in_effect{basis=\"WZD\",location=\"De Linde\"}", 2.0),
                    Map.entry("vangnet_registrations_in_effect{basis=\"VOLUNTARY\",location=\"De Linde\"}", 0.0),
                    Map.entry("vangnet_registrations_in_effect{basis=\"VOLUNTARY\",location=\"Het Anker\"}", 1.0),
                    Map.entry("vangnet_registrations_in_effect{basis=\"WZD\",location=\"Het Anker\"}", 0.0),
                    Map.entry("vangnet_evaluations_due_soon{location=\"De Linde\"}", 1.0),
                    Map.entry("vangnet_evaluations_due_soon{location=\"Het Anker\"}", 0.0),
                    Map.entry("vangnet_evaluations_overdue{location=\"De Linde\"}", 1.0),
                    Map.entry("vangnet_evaluations_overdue{location=\"Het Anker\"}", 0.0),
                    Map.entry("vangnet_audit_events", (double) events),
                    Map.entry("vangnet_audit_verify_ok", 1.0),
                    Map.entry("vangnet_audit_verify_seconds", (double) CLOCK.instant().getEpochSecond()));
            String s = scrape;
            expected.forEach((series, want) -> assertThat(value(s, series)).as(series + " in\n" + s)
                    .contains(want));
            assertThat(scrape.lines().filter(l -> l.startsWith("vangnet_registrations{"))).hasSize(15);
            assertThat(events).isGreaterThan(10);

            // requests, by route template: never the requested path
            assertThat(get(v, "/api/v1/clients/4711").statusCode()).isEqualTo(401);
            assertThat(get(v, "/no/such/path/4711").statusCode()).isEqualTo(404);
            String after = scrapeUntil(v, t -> t.contains("route=\"unmatched\""));
            assertThat(value(after, "vangnet_admin_request_duration_seconds_count{method=\"GET\","
                    + "route=\"/api/v1/clients/{id}\",status=\"401\"}")).contains(1.0);
            assertThat(value(after, "vangnet_admin_request_duration_seconds_count{method=\"GET\","
                    + "route=\"unmatched\",status=\"404\"}")).contains(1.0);
            assertThat(value(after, "vangnet_admin_request_duration_seconds_bucket{method=\"GET\","
                    + "route=\"/api/v1/clients/{id}\",status=\"401\",le=\"10.0\"}")).contains(1.0);
            assertThat(after.lines().filter(l -> l.startsWith("vangnet_admin_request_duration_seconds_bucket{")
                    && l.contains("route=\"/api/v1/clients/{id}\"")).map(l -> l.replaceAll(".*le=\"([^\"]+)\".*",
                    "$1")).toList()).containsExactly("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0",
                    "2.5", "5.0", "10.0", "+Inf");
            assertThat(value(after, "vangnet_admin_request_duration_seconds_count{method=\"GET\","
                    + "route=\"/metrics\",status=\"200\"}")).hasValueSatisfying(n -> assertThat(n).isPositive());
            assertThat(after).doesNotContain("4711", "/no/such/path", "C-1001", "127.0.0.2");

            // every new meter has a description and a docs/metrics.md row
            String doc = Files.readString(Path.of("..", "docs", "metrics.md"));
            List<String> help = after.lines().filter(l -> l.startsWith("# HELP vangnet_")).toList();
            for (String name : List.of("vangnet_registrations", "vangnet_registrations_in_effect",
                    "vangnet_evaluations_due_soon", "vangnet_evaluations_overdue", "vangnet_audit_events",
                    "vangnet_audit_verify_ok", "vangnet_audit_verify_seconds", "vangnet_admin_request_duration_seconds",
                    "vangnet_admin_request_duration_seconds_max")) {
                assertThat(help).as(name).anySatisfy(l -> assertThat(l.split(" ", 4)).satisfies(parts -> {
                    assertThat(parts[2]).isEqualTo(name);
                    assertThat(parts[3]).isNotBlank();
                }));
                assertThat(doc).as("docs/metrics.md documents " + name).contains("`" + name + "`");
            }
        }
    }

    @Test
    void aLocationThatNoClientHasAnyMoreLosesItsSeries() throws Exception {
        try (Vangnet v = Vangnet.start(settings(), true, CLOCK)) {
            scrapeUntil(v, s -> s.contains("location=\"Het Anker\""));
            for (Client c : v.store().clients()) {
                if (c.location().equals("Het Anker")) {
                    v.store().updateClient(Actor.SYSTEM, new Client(c.id(), c.code(), c.dossierReference(),
                            "De Horst", c.version()), "verhuisd");
                }
            }
            v.publisher().refresh();

            String scrape = scrapeUntil(v, s -> !s.contains("location=\"Het Anker\""));
            assertThat(scrape).doesNotContain("location=\"Het Anker\"");
            assertThat(value(scrape, "vangnet_registrations_in_effect{basis=\"VOLUNTARY\",location=\"De Horst\"}"))
                    .contains(1.0);
            assertThat(value(scrape, "vangnet_evaluations_overdue{location=\"De Linde\"}")).contains(1.0);
        }
    }
}
