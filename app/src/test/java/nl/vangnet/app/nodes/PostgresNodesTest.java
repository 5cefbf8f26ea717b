package nl.vangnet.app.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.vangnet.app.Setting;
import nl.vangnet.app.Settings;
import nl.vangnet.app.SettingsLoader;
import nl.vangnet.app.Vangnet;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.Weighing;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.AccountStore;
import nl.vangnet.config.store.TestDatabase;
import nl.vangnet.config.store.VangnetStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split deployment on a real PostgreSQL (system property {@code vangnet.test.pg.url}; skipped without it,
 * failed instead when {@code vangnet.test.pg.required=true}, as test.sh and CI run it): one admin node and two
 * proxy-only nodes ({@code admin.enabled=false}), each an in-process {@link Vangnet} with its own loopback ports.
 * The proxy nodes reach PostgreSQL through a {@link TcpForwarder} the test can cut.
 *
 * <p>A profile change through the admin API (bearer token) is enforced on both proxy nodes: a request through
 * each node's explicit proxy flips between allowed and blocked. The time from the API's answer (the write has
 * committed) to enforcement is measured per node over {@value #CHANGES} changes and printed (docs/performance.md);
 * only a generous bound ({@link #ENFORCED_WITHIN}) is asserted. Then the database is cut away from the proxy nodes:
 * they keep filtering with their last good snapshot and say so ({@code vangnet_store_up 0}); restored, they catch
 * up with the change made meanwhile.
 */
final class PostgresNodesTest {
    private static final int CHANGES = 20;
    private static final Duration ENFORCED_WITHIN = Duration.ofSeconds(10);
    private static final Duration OUTAGE_WAIT = Duration.ofSeconds(45);
    private static final Actor SETUP = new Actor("nodes-test", "IT_ADMIN");
    private static final String CLIENT_IP = "127.0.0.5";
    private static final String SITE = "site.test";
    private static final String OTHER = "other.test";

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void requirePostgres() {
        TestDatabase.requirePostgresConfigured();
    }

    @AfterEach
    void closeAll() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                // best effort
            }
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private enum Node { A, B }

    @Test
    void aChangeThroughTheAdminApiIsEnforcedOnBothProxyNodesAndTheyFilterOnWhileTheDatabaseIsAway()
            throws Exception {
        TestDatabase db = keep(TestDatabase.postgres());
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", ex -> {
            byte[] b = "origin".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        origin.start();
        keep(() -> origin.stop(0));
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 " + SITE + " " + OTHER + "\n");
        TcpForwarder forwarder = keep(new TcpForwarder(postgresAddress(db.url())));
        String viaForwarder = db.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + forwarder.port() + "/");

        Vangnet admin = keep(Vangnet.start(settings(db.url(), Map.of(Setting.ADMIN_ENABLED, "true",
                Setting.PROXY_ENABLED, "false", Setting.ADMIN_BIND, "127.0.0.1:0")), false, Clock.systemUTC(),
                new PrintWriter(new StringWriter())));
        Map<Node, Vangnet> proxies = new EnumMap<>(Node.class);
        proxies.put(Node.A, keep(Vangnet.start(settings(viaForwarder, Map.of(Setting.ADMIN_ENABLED, "false",
                Setting.METRICS_BIND, "127.0.0.1:0", Setting.PROXY_HOSTS_FILE, hosts.toString())), false,
                Clock.systemUTC(), new PrintWriter(new StringWriter()))));
        proxies.put(Node.B, keep(Vangnet.start(settings(viaForwarder, Map.of(Setting.ADMIN_ENABLED, "false",
                Setting.PROXY_HOSTS_FILE, hosts.toString())), false, Clock.systemUTC(),
                new PrintWriter(new StringWriter()))));
        String site = "http://" + SITE + ":" + origin.getAddress().getPort() + "/";
        for (Node n : Node.values()) {
            assertThat(proxies.get(n).adminAddress()).as("node %s has no admin API", n).isNull();
            assertThat(blocked(proxies.get(n), site)).as("node %s before any registration", n).isFalse();
        }

        long profileId = seed(admin.store());
        awaitBoth(proxies, site, true, "the seeded registration");
        String token = "Bearer " + token((AccountStore) admin.store());
        URI profileUri = URI.create("http://127.0.0.1:" + admin.adminAddress().getPort() + "/api/v1/profiles/"
                + profileId);

        Map<Node, List<Long>> millis = new EnumMap<>(Node.class);
        for (Node n : Node.values()) {
            millis.put(n, new ArrayList<>());
        }
        boolean blockSite = true;
        for (int i = 1; i <= CHANGES; i++) {
            blockSite = !blockSite;
            putProfile(profileUri, token, blockSite, "change " + i);
            long committed = System.nanoTime();
            Map<Node, Long> enforced = awaitBoth(proxies, site, blockSite, "change " + i);
            enforced.forEach((n, at) -> millis.get(n).add(TimeUnit.NANOSECONDS.toMillis(at - committed)));
        }
        for (Node n : Node.values()) {
            List<Long> sorted = millis.get(n).stream().sorted().toList();
            System.out.printf("commit-to-enforcement node %s over %d changes: median %d ms, max %d ms, all %s%n", n,
                    sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), millis.get(n));
            assertThat(metrics(proxies.get(n))).as("node %s followed NOTIFY", n)
                    .containsPattern("vangnet_snapshot_notifications_total\\{result=\"reload\"} [1-9]")
                    .contains("vangnet_store_up 1.0");
        }
        assertThat(httpGet(URI.create("http://127.0.0.1:" + proxies.get(Node.A).metricsAddress().getPort()
                + "/health"))).contains("\"status\":\"UP\"");

        // The database goes away for the proxy nodes: they keep filtering with their last good snapshot.
        boolean before = blockSite;
        forwarder.cut();
        blockSite = !blockSite;
        putProfile(profileUri, token, blockSite, "change while the proxy nodes cannot reach the database");
        for (Node n : Node.values()) {
            Vangnet node = proxies.get(n);
            await(() -> metrics(node).contains("vangnet_store_up 0.0"), OUTAGE_WAIT, "node " + n + " store down");
            assertThat(blocked(node, site)).as("node %s keeps its last snapshot", n).isEqualTo(before);
            assertThat(metrics(node)).containsPattern("vangnet_snapshot_load_consecutive_failures [1-9]");
            assertThat(node.listeningForChanges()).isFalse();
        }
        assertThat(httpGet(URI.create("http://127.0.0.1:" + proxies.get(Node.A).metricsAddress().getPort()
                + "/metrics"))).contains("vangnet_store_up 0.0");

        forwarder.restore();
        boolean expected = blockSite;
        for (Node n : Node.values()) {
            Vangnet node = proxies.get(n);
            await(() -> blocked(node, site) == expected, OUTAGE_WAIT, "node " + n + " catching up");
            await(() -> metrics(node).contains("vangnet_store_up 1.0"), OUTAGE_WAIT, "node " + n + " store up");
            await(node::listeningForChanges, OUTAGE_WAIT, "node " + n + " listening again");
        }
    }

    private Settings settings(String url, Map<Setting, String> more) {
        Map<Setting, String> s = new EnumMap<>(Setting.class);
        s.put(Setting.STORE_URL, url);
        s.put(Setting.PROXY_BIND, "127.0.0.1:0");
        s.put(Setting.PROXY_ALLOWED_DESTINATIONS, "127.0.0.0/8");
        s.put(Setting.PROXY_DNS, "false");
        s.put(Setting.STATS_FLUSH_INTERVAL, "PT1H");
        s.putAll(more);
        if (!s.containsKey(Setting.PROXY_HOSTS_FILE)) {
            s.put(Setting.PROXY_DNS, "true");
        }
        return SettingsLoader.load(null, Map.of(), s);
    }

    private static InetSocketAddress postgresAddress(String url) {
        Matcher m = Pattern.compile("//([^:/]+):(\\d+)/").matcher(url);
        if (!m.find()) {
            throw new IllegalArgumentException("no host:port in " + url);
        }
        return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** A WZD registration in effect for a device on {@link #CLIENT_IP}, whose profile blocks {@link #SITE}. */
    private static long seed(VangnetStore store) {
        LocalDate today = LocalDate.now(Limits.DEFAULTS.zone());
        String why = "two-node test";
        Profile profile = store.createProfile(SETUP, profile(true), why);
        Client client = store.createClient(SETUP, new Client(0, "NODES-1", "NODES-DOSSIER-1", "Lab", 0), why);
        store.createDevice(SETUP, new Device(0, client.id(), "telefoon", List.of(), List.of(CLIENT_IP), null, null,
                0), why);
        store.createRegistration(SETUP, new Registration(0, client.id(), Basis.WZD, "NODES-DOSSIER-1/WZD-1",
                new Person(CareRole.ZORGVERANTWOORDELIJKE, "ZV-NODES"), today.minusDays(2), profile.id(),
                today.minusDays(1), today.plusDays(30), today.plusDays(60), Set.of(Risk.GAMBLING),
                new Weighing("gokschulden via online casino's", "afspraken zonder filter waren niet genoeg",
                        "alleen deze site", "de site is de bron van het risico", "de rest blijft bereikbaar"),
                null, List.of(new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-NODES")),
                List.of(PhaseOutStep.unrestricted(today.plusDays(50))), List.of(), null, null, 0), why);
        return profile.id();
    }

    private static Profile profile(boolean blockSite) {
        return new Profile(0, "een site dicht", null, List.of(), List.of(),
                List.of(Rule.always(blockSite ? SITE : OTHER, Risk.GAMBLING)), List.of(), false, List.of(), false, 0);
    }

    private static String token(AccountStore accounts) {
        Account it = accounts.createAccount(SETUP, new Account(0, "nodes-it", AccountRole.IT_ADMIN, null, false,
                null, 0), null);
        return accounts.issueToken(SETUP, it.id(), "nodes-test", null, null).secret();
    }

    /** Changes the profile through the admin API: it blocks {@link #SITE} or, instead, {@link #OTHER}. */
    private void putProfile(URI uri, String token, boolean blockSite, String reason) throws Exception {
        HttpResponse<String> current = http.send(HttpRequest.newBuilder(uri).header("Authorization", token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        String etag = current.headers().firstValue("ETag").orElseThrow();
        String body = "{\"name\":\"een site dicht\",\"description\":null,\"blockedCategories\":[],"
                + "\"blockedServices\":[],\"blockedDomains\":[{\"value\":\"" + (blockSite ? SITE : OTHER)
                + "\",\"risk\":\"GAMBLING\",\"activeDuring\":[]}],\"allowedDomains\":[],\"allowListOnly\":false,"
                + "\"internetHours\":[],\"safeSearch\":false,\"allowOpaqueConnections\":false,\"reason\":\""
                + reason + "\"}";
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri).header("Authorization", token)
                .header("If-Match", etag).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    /**
     * Probes both nodes, a few ms apart, until each enforces {@code blocked}; returns when (nanoTime) each first
     * did. Fails after {@link #ENFORCED_WITHIN}.
     */
    private Map<Node, Long> awaitBoth(Map<Node, Vangnet> proxies, String url, boolean blocked, String what) {
        Map<Node, Long> at = new EnumMap<>(Node.class);
        long deadline = System.nanoTime() + ENFORCED_WITHIN.toNanos();
        while (at.size() < proxies.size()) {
            for (Node n : Node.values()) {
                if (!at.containsKey(n) && blocked(proxies.get(n), url) == blocked) {
                    at.put(n, System.nanoTime());
                }
            }
            if (System.nanoTime() - deadline > 0) {
                fail("not enforced within " + ENFORCED_WITHIN + " (" + what + "): only " + at.keySet());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return at;
    }

    private static void await(BooleanSupplier done, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + within + " waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Whether a plain HTTP request from {@link #CLIENT_IP} through the node's explicit proxy gets no 200. */
    private static boolean blocked(Vangnet node, String url) {
        String host = URI.create(url).getHost() + ":" + URI.create(url).getPort();
        String response = send(node.proxyAddress(), "GET " + url + " HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n\r\n");
        if (response.startsWith("HTTP/1.1 200")) {
            assertThat(response).endsWith("origin");
            return false;
        }
        assertThat(response).as("a block page").startsWith("HTTP/1.1 403");
        return true;
    }

    private static String send(InetSocketAddress proxy, String request) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(CLIENT_IP, 0));
            s.connect(proxy, 5_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("request through the proxy at " + proxy + " failed", e);
        }
    }

    private static String metrics(Vangnet node) {
        return node.scrapeMetrics();
    }

    private String httpGet(URI uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
