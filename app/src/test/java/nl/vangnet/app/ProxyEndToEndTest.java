package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.store.AccountStore;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.policy.DeviceEntry;
import nl.vangnet.config.policy.MutableClock;
import nl.vangnet.config.rules.PasswordHasher;
import nl.vangnet.config.store.BlockCount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Vangnet all-in-one with the demo data, end to end over real sockets on loopback: clients bound to different
 * 127.0.0.x source addresses, the real proxy, local origins. Destination names resolve only through a hosts file
 * that maps them to loopback ({@code proxy.dns=false}), so the proxy never resolves or reaches a real name.
 */
class ProxyEndToEndTest {
    private static final Path DEMO_LISTS = Path.of("..", "config", "demo-lists").toAbsolutePath().normalize();
    private static final Actor IT = new Actor("it-test", "IT_ADMIN");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private HttpServer origin;
    private HttpServer safeSearchOrigin;
    private Vangnet vangnet;
    private int port;

    @BeforeEach
    void start() throws IOException {
        origin = server("127.0.0.1", 0, "origin");
        port = origin.getAddress().getPort();
        safeSearchOrigin = server("127.0.0.9", port, "safesearch");
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, """
                127.0.0.1 casino.example poker.example private.example social.example www.google.com
                127.0.0.9 forcesafesearch.google.com
                """);
        Path leases = dir.resolve("dnsmasq.leases");
        // 127.0.0.8 holds C-1001's phone's MAC address: identified through the lease file
        Files.writeString(leases, "0 02:00:5e:10:00:01 127.0.0.8 phone *\n");
        Map<String, String> env = new HashMap<>();
        env.put("VANGNET_LISTS_CATEGORY_GAMBLING", "ut1:" + DEMO_LISTS.resolve("gambling"));
        env.put("VANGNET_LISTS_CATEGORY_SOCIAL_NETWORKS", "ut1:" + DEMO_LISTS.resolve("social_networks"));
        env.put("VANGNET_LISTS_SERVICES", "services:" + DEMO_LISTS.resolve("services.json"));
        Settings settings = SettingsLoader.load(null, env, Map.ofEntries(
                Map.entry(Setting.STORE_H2_PATH, dir.resolve("db").toString()),
                Map.entry(Setting.PROXY_BIND, "127.0.0.1:0"), Map.entry(Setting.ADMIN_BIND, "127.0.0.1:0"),
                Map.entry(Setting.PROXY_ALLOWED_DESTINATIONS, "127.0.0.0/8"),
                Map.entry(Setting.PROXY_HOSTS_FILE, hosts.toString()), Map.entry(Setting.PROXY_DNS, "false"),
                Map.entry(Setting.DHCP_LEASE_FILE, leases.toString()), Map.entry(Setting.DHCP_LEASE_FORMAT, "dnsmasq"),
                Map.entry(Setting.SNAPSHOT_POLL_INTERVAL, "PT0.2S")));
        vangnet = Vangnet.start(settings, true, clock);
    }

    @AfterEach
    void stop() {
        if (vangnet != null) {
            vangnet.close();
        }
        origin.stop(0);
        safeSearchOrigin.stop(0);
    }

    private static HttpServer server(String address, int port, String body) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(address, port), 0);
        s.createContext("/", ex -> {
            byte[] b = (body + " " + ex.getRequestURI() + " host=" + ex.getRequestHeaders().getFirst("Host"))
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        s.start();
        return s;
    }

    /** Sends one raw request from {@code source} through the proxy and reads the whole answer. */
    private String send(String source, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(vangnet.proxyAddress(), 5_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                all.write(buf, 0, n);
                if (request.startsWith("CONNECT") && all.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")
                        && !all.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 403")) {
                    break;
                }
            }
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private String get(String source, String host) throws IOException {
        return get(source, host, "");
    }

    private String get(String source, String host, String extraHeaders) throws IOException {
        return send(source, "GET http://" + host + ":" + port + "/page HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\n" + extraHeaders + "Connection: close\r\n\r\n");
    }

    private static String status(String response) {
        return response.substring(0, response.indexOf("\r\n"));
    }

    @Test
    void theDemoRestrictsExactlyTheClientsWithARegistrationInEffect() throws IOException {
        // 127.0.0.2: WZD in effect, casino.example blocked by a domain rule, the gambling category by the list
        String casino = get("127.0.0.2", "casino.example");
        assertThat(status(casino)).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(casino).containsIgnoringCase("Cache-Control: no-store")
                .contains("Deze website is nu niet beschikbaar.", "Vraag het je begeleider.");
        assertThat(status(get("127.0.0.2", "poker.example"))).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(get("127.0.0.2", "private.example")).startsWith("HTTP/1.1 200").contains("origin /page");
        // 127.0.0.3: voluntary, evaluation overdue, lapsed: unrestricted
        assertThat(get("127.0.0.3", "casino.example")).startsWith("HTTP/1.1 200").contains("origin /page");
        // 127.0.0.4: step 2 of 3 ("Gokken dicht"): the category, not the domain rule
        assertThat(status(get("127.0.0.4", "poker.example"))).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(get("127.0.0.4", "casino.example")).startsWith("HTTP/1.1 200");
        // 127.0.0.5 withdrawn, 127.0.0.6 no registration, 127.0.0.42 unknown: unrestricted
        for (String source : List.of("127.0.0.5", "127.0.0.6", "127.0.0.42")) {
            assertThat(get(source, "casino.example")).as(source).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void connectToABlockedHostIsRefusedAndAnAllowedOneIsTunnelled() throws IOException {
        String blocked = send("127.0.0.2", "CONNECT casino.example:" + port + " HTTP/1.1\r\nHost: casino.example:"
                + port + "\r\n\r\n");
        assertThat(status(blocked)).isEqualTo("HTTP/1.1 403 Forbidden");
        String allowed = send("127.0.0.6", "CONNECT casino.example:" + port + " HTTP/1.1\r\nHost: casino.example:"
                + port + "\r\n\r\n");
        assertThat(status(allowed)).startsWith("HTTP/1.1 200");
    }

    @Test
    void thePhaseOutStepChangesWhenTheClockPassesItsDate() throws IOException {
        // C-1003 (127.0.0.4) is on step 2 of 3, "Gokken dicht"; step 3 (unrestricted) starts 20 days from today
        assertThat(status(get("127.0.0.4", "poker.example"))).isEqualTo("HTTP/1.1 403 Forbidden");
        clock.advance(Duration.ofDays(19));
        vangnet.publisher().refresh();
        assertThat(status(get("127.0.0.4", "poker.example"))).isEqualTo("HTTP/1.1 403 Forbidden");
        clock.advance(Duration.ofDays(2));
        vangnet.publisher().refresh();
        assertThat(get("127.0.0.4", "poker.example")).startsWith("HTTP/1.1 200");
        assertThat(vangnet.snapshot().entries().stream().filter(d -> d.device().ipAddresses().contains("127.0.0.4"))
                .findFirst().orElseThrow().client().policy().state().stepIndex()).isEqualTo(3);
    }

    @Test
    void aProfileChangeInTheStoreTakesEffectWithoutARestart() throws Exception {
        assertThat(get("127.0.0.2", "social.example")).startsWith("HTTP/1.1 200");
        Profile p = vangnet.store().profiles().stream().filter(x -> x.name().startsWith("Gokken dicht, casino"))
                .findFirst().orElseThrow();
        List<Rule> domains = new ArrayList<>(p.blockedDomains());
        domains.add(Rule.always("social.example", null));
        vangnet.store().updateProfile(IT, new Profile(p.id(), p.name(), p.description(), p.blockedCategories(),
                p.blockedServices(), domains, p.allowedDomains(), p.allowListOnly(), p.internetHours(),
                p.safeSearch(), p.version()), "test");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String r = get("127.0.0.2", "social.example");
        while (!r.startsWith("HTTP/1.1 403") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = get("127.0.0.2", "social.example");
        }
        assertThat(status(r)).isEqualTo("HTTP/1.1 403 Forbidden");
    }

    @Test
    void safeSearchReroutesTheSearchHostToItsEnforcedVariant() throws IOException {
        String r = get("127.0.0.2", "www.google.com");
        assertThat(r).startsWith("HTTP/1.1 200").contains("safesearch /page host=www.google.com:" + port);
        assertThat(get("127.0.0.6", "www.google.com")).contains("origin /page");
    }

    @Test
    void aDeviceIsIdentifiedThroughTheDhcpLeaseFile() throws IOException {
        assertThat(status(get("127.0.0.8", "casino.example"))).isEqualTo("HTTP/1.1 403 Forbidden");
    }

    @Test
    void aDeviceIsIdentifiedByItsProxyLogin() throws Exception {
        DeviceEntry phone = vangnet.snapshot().entries().stream()
                .filter(d -> d.device().ipAddresses().contains("127.0.0.2")).findFirst().orElseThrow();
        Device d = phone.device();
        vangnet.store().updateDevice(IT, new Device(d.id(), d.clientId(), d.label(), d.macAddresses(),
                d.ipAddresses(), "c1001-phone", PasswordHasher.hash("geheim-1001".toCharArray()), d.version()),
                "test");
        vangnet.publisher().refresh();
        String basic = "Proxy-Authorization: Basic "
                + Base64.getEncoder().encodeToString("c1001-phone:geheim-1001".getBytes(StandardCharsets.UTF_8))
                + "\r\n";
        assertThat(status(get("127.0.0.20", "casino.example", basic))).isEqualTo("HTTP/1.1 403 Forbidden");
        String wrong = "Proxy-Authorization: Basic "
                + Base64.getEncoder().encodeToString("c1001-phone:fout".getBytes(StandardCharsets.UTF_8)) + "\r\n";
        assertThat(get("127.0.0.20", "casino.example", wrong)).startsWith("HTTP/1.1 200");
    }

    @Test
    void destinationsInsideTheNetworkAndTheProxyItselfAreRefused() throws IOException {
        String self = send("127.0.0.6", "GET http://127.0.0.1:" + vangnet.proxyAddress().getPort()
                + "/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(status(self)).startsWith("HTTP/1.1 403");
        String privateNet = send("127.0.0.6", "GET http://10.1.2.3/ HTTP/1.1\r\nHost: 10.1.2.3\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(status(privateNet)).startsWith("HTTP/1.1 403");
    }

    @Test
    void blocksOfRestrictedClientsAreCountedPerCategoryPerDayAndNothingElse() throws IOException {
        get("127.0.0.2", "casino.example");
        get("127.0.0.2", "poker.example");
        get("127.0.0.2", "poker.example");
        get("127.0.0.6", "casino.example");
        get("127.0.0.3", "poker.example");
        vangnet.blockStats().flush();
        long registration = vangnet.snapshot().entries().stream()
                .filter(d -> d.device().ipAddresses().contains("127.0.0.2")).findFirst().orElseThrow().client()
                .policy().registrationId();
        LocalDate today = LocalDate.of(2026, 11, 23);
        assertThat(vangnet.store().blockCounts(registration, today, today)).extracting(BlockCount::category,
                BlockCount::blocks).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("blocked_domain", 1L),
                        org.assertj.core.groups.Tuple.tuple("gambling", 2L));
        long total = vangnet.snapshot().entries().stream().map(d -> d.client().policy().registrationId())
                .filter(id -> id != null).distinct()
                .mapToLong(id -> vangnet.store().blockCounts(id, today, today).stream()
                        .mapToLong(BlockCount::blocks).sum()).sum();
        assertThat(total).isEqualTo(3);
    }

    @Test
    void nothingIsLoggedAboutAnUnrestrictedClientEvenAtDebug() throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        Map<String, Level> levels = new HashMap<>();
        List<String> names = List.of("org.littleshoot", "io.netty", "nl.vangnet");
        for (String name : names) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            levels.put(name, l.getLevel());
            l.setLevel(Level.DEBUG);
        }
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        try {
            assertThat(get("127.0.0.6", "private.example")).startsWith("HTTP/1.1 200");
            send("127.0.0.6", "CONNECT private.example:" + port + " HTTP/1.1\r\nHost: private.example:" + port
                    + "\r\n\r\n");
        } finally {
            root.detachAppender(appender);
            root.setLevel(before);
            names.forEach(n -> ((Logger) LoggerFactory.getLogger(n)).setLevel(levels.get(n)));
        }
        assertThat(appender.list).allSatisfy(e -> assertThat(e.getFormattedMessage() + " "
                + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .doesNotContain("private.example").doesNotContain("127.0.0.6"));
    }

    @Test
    void theProxyAnswersMijnAfsprakenItselfWithTheDevicesOwnAgreement() throws IOException {
        String restricted = send("127.0.0.2", "GET http://mijn.vangnet/afspraken HTTP/1.1\r\nHost: mijn.vangnet\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(status(restricted)).isEqualTo("HTTP/1.1 200 OK");
        assertThat(restricted).contains("<title>Mijn afspraken</title>", "Wet zorg en dwang",
                "Deze websites kun je niet openen: casino.example.");
        for (String source : List.of("127.0.0.3", "127.0.0.6", "127.0.0.42")) {
            String none = send(source, "GET /afspraken HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(none).as(source).startsWith("HTTP/1.1 200").contains("Er zijn geen afspraken over je internet.")
                    .doesNotContain("<li>");
        }
        assertThat(get("127.0.0.2", "casino.example")).contains("href=\"http://mijn.vangnet/afspraken\"");
    }

    @Test
    void listsAndMetricsAreServedByTheAdminApi() throws Exception {
        get("127.0.0.2", "casino.example");
        send("127.0.0.6", "GET /afspraken HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + vangnet.adminAddress().getPort();
        AccountStore accounts = (AccountStore) vangnet.store();
        Account admin = accounts.createAccount(Actor.SYSTEM, new Account(0, "e2e-admin", AccountRole.IT_ADMIN, null,
                false, null, 0), null);
        String token = "Bearer " + accounts.issueToken(Actor.SYSTEM, admin.id(), "e2e", null, null).secret();
        HttpResponse<String> lists = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/lists"))
                .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(lists.body()).contains("\"id\":\"gambling\"", "\"id\":\"service:tiktok\"");
        HttpResponse<String> reload = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/lists/reload"))
                .header("Authorization", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reload.statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("vangnet_decisions_restricted_total{list=\"none\","
                + "outcome=\"block\",reason=\"blocked_domain\"} 1.0", "vangnet_list_entries{list=\"gambling\"} 4.0",
                "vangnet_snapshot_restricted_clients 3.0",
                "vangnet_proxy_agreements_served_total{outcome=\"unrestricted\"} 1.0");
        assertThat(metrics.body()).doesNotContain("127.0.0.2", "casino.example");
        String doc = Files.readString(Path.of("..", "docs", "metrics.md"));
        List<String> vangnetMeters = metrics.body().lines().filter(l -> l.startsWith("# HELP vangnet_"))
                .map(l -> l.split(" ")[2]).toList();
        assertThat(vangnetMeters).hasSizeGreaterThan(15);
        assertThat(vangnetMeters).allSatisfy(m -> assertThat(doc).as("docs/metrics.md documents " + m)
                .contains("`" + m + "`"));
        assertThat(metrics.body().lines().filter(l -> l.startsWith("# HELP ")))
                .noneMatch(l -> l.split(" ", 4).length < 4 || l.split(" ", 4)[3].isBlank());
    }
}
