package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import nl.vangnet.config.audit.AuditAction;
import nl.vangnet.config.audit.AuditEvent;
import nl.vangnet.config.audit.AuditQuery;
import nl.vangnet.config.policy.DeviceEntry;
import nl.vangnet.config.policy.EffectiveReason;
import nl.vangnet.config.policy.PolicySnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher all-in-one on an embedded H2 file, everything on loopback with free ports. */
class VangnetTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Settings settings() {
        return SettingsLoader.load(null, Map.of(), Map.of(Setting.STORE_H2_PATH, dir.resolve("db").toString(),
                Setting.PROXY_BIND, "127.0.0.1:0", Setting.ADMIN_BIND, "127.0.0.1:0",
                Setting.PROXY_ALLOWED_DESTINATIONS, "127.0.0.0/8"));
    }

    private static EffectiveReason reason(PolicySnapshot s, String ip) throws Exception {
        DeviceEntry d = s.forAddress(InetAddress.getByName(ip)).orElseThrow();
        return d.client().policy().reason();
    }

    @Test
    void demoRunsAllInOneWithEveryRegistrationStateAndAnIntactAuditChain() throws Exception {
        try (Vangnet v = Vangnet.start(settings(), true, CLOCK)) {
            PolicySnapshot s = v.snapshot();
            assertThat(s.version()).isPositive();
            assertThat(reason(s, "127.0.0.2")).isEqualTo(EffectiveReason.ACTIVE);
            assertThat(s.forAddress(InetAddress.getByName("127.0.0.2")).orElseThrow().restricted()).isTrue();
            assertThat(reason(s, "127.0.0.3")).isEqualTo(EffectiveReason.EVALUATION_OVERDUE);
            assertThat(s.forAddress(InetAddress.getByName("127.0.0.3")).orElseThrow().restricted()).isFalse();
            assertThat(reason(s, "127.0.0.4")).isEqualTo(EffectiveReason.ACTIVE);
            assertThat(s.forAddress(InetAddress.getByName("127.0.0.4")).orElseThrow().client().policy().state()
                    .stepIndex()).isEqualTo(2);
            assertThat(reason(s, "127.0.0.5")).isEqualTo(EffectiveReason.WITHDRAWN);
            assertThat(reason(s, "127.0.0.6")).isEqualTo(EffectiveReason.NO_REGISTRATION);
            assertThat(reason(s, "127.0.0.7")).isEqualTo(EffectiveReason.ACTIVE);
            assertThat(s.forAddress(InetAddress.getByName("127.0.0.7")).orElseThrow().client().policy()
                    .evaluationWarning()).isTrue();
            assertThat(s.forAddress(InetAddress.getByName("127.0.0.9"))).isEmpty();
            assertThat(s.restrictedCount()).isEqualTo(3);

            var system = v.store().audit(new AuditQuery(null, null, null, "system", null, null, 0, 1000));
            assertThat(system).extracting(AuditEvent::action).contains(AuditAction.REGISTRATION_LAPSED,
                    AuditAction.REGISTRATION_STARTED);
            assertThat(v.store().verifyAudit().ok()).isTrue();

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + v.adminAddress().getPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"", "\"snapshotVersion\":" + s.version());

            HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            origin.createContext("/", ex -> {
                byte[] b = "origin".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
                ex.close();
            });
            origin.start();
            try {
                HttpClient viaProxy = HttpClient.newBuilder().proxy(ProxySelector.of(v.proxyAddress())).build();
                HttpResponse<String> r = viaProxy.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + origin.getAddress().getPort() + "/")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).isEqualTo("origin");
            } finally {
                origin.stop(0);
            }
        }
    }

    @Test
    void restartKeepsTheDataAndDoesNotSeedTwice() {
        long events;
        try (Vangnet v = Vangnet.start(settings(), true, CLOCK)) {
            assertThat(v.store().clients()).hasSize(6);
            events = v.store().dataVersion();
        }
        try (Vangnet v = Vangnet.start(settings(), true, CLOCK)) {
            assertThat(v.store().clients()).hasSize(6);
            assertThat(v.store().dataVersion()).isEqualTo(events);
            assertThat(v.snapshot().restrictedCount()).isEqualTo(3);
        }
    }
}
