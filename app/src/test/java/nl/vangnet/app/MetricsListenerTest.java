package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import nl.vangnet.config.rules.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code metrics.bind}: a proxy-only node ({@code admin.enabled=false}) still serves /health and /metrics. */
class MetricsListenerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private HttpResponse<String> get(InetSocketAddress at, String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "/health, , 200, application/json, '\"status\":\"UP\"'",
        "/metrics, , 200, text/plain; version=0.0.4, 'vangnet_store_up 1.0'",
        "/metrics, application/openmetrics-text, 200, application/openmetrics-text, '# EOF'",
        "/api/v1/clients, , 404, text/plain, 'serves only /health and /metrics'",
        "/, , 404, text/plain, 'serves only /health and /metrics'"
    })
    void aProxyOnlyNodeServesOnlyHealthAndMetrics(String path, String accept, int status, String type,
            String body) throws Exception {
        try (Vangnet v = Vangnet.start(SettingsLoader.load(null, Map.of(), Map.of(
                Setting.STORE_H2_PATH, dir.resolve("db").toString(), Setting.PROXY_BIND, "127.0.0.1:0",
                Setting.ADMIN_ENABLED, "false", Setting.METRICS_BIND, "127.0.0.1:0")), false, CLOCK)) {
            assertThat(v.adminAddress()).isNull();
            assertThat(v.listeningForChanges()).as("H2: no LISTEN").isFalse();

            HttpResponse<String> r = get(v.metricsAddress(), path, accept);

            assertThat(r.statusCode()).isEqualTo(status);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(type);
            assertThat(r.body()).contains(body);
        }
    }

    @Test
    void withoutMetricsBindThereIsNoExtraListener() {
        try (Vangnet v = Vangnet.start(SettingsLoader.load(null, Map.of(), Map.of(
                Setting.STORE_H2_PATH, dir.resolve("db").toString(), Setting.PROXY_BIND, "127.0.0.1:0",
                Setting.ADMIN_BIND, "127.0.0.1:0")), false, CLOCK)) {
            assertThat(v.metricsAddress()).isNull();
            assertThat(v.scrapeMetrics()).contains("vangnet_store_up 1.0", "vangnet_snapshot_last_success_seconds")
                    .as("H2 has no LISTEN/NOTIFY").doesNotContain("vangnet_snapshot_notifications_total");
        }
    }

    @Test
    void metricsBindOnTheAdminApisAddressIsRefused() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of(Setting.ADMIN_BIND, "127.0.0.1:8080",
                Setting.METRICS_BIND, "127.0.0.1:8080"))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("metrics.bind").hasMessageContaining("already serves /health and /metrics");
    }
}
