package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.policy.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric-label safety test (issue 7): the real launcher with the demo data, the explicit and both transparent
 * listeners on loopback, traffic from many client addresses (127.0.0.2 … 127.0.0.40, restricted and unrestricted
 * devices) to many host names (each client its own; all mapped to a loopback origin by a hosts file with
 * {@code proxy.dns=false}, so no real name is ever resolved or reached), then {@code /metrics} scraped from the admin
 * API. Fails on
 * <ul>
 *   <li>any label value that looks like an IPv4 or IPv6 address or a MAC address, contains a host name from the
 *       traffic or a client code, or is a device label from the data — and on any client address, MAC or host name
 *       anywhere in the scrape;</li>
 *   <li>any label name outside the allow-list;</li>
 *   <li>a set of series (names and labels) that grows with the number of clients: the scrape after the first
 *       {@value #HALF} clients and the scrape after twice as many must have the same series.</li>
 * </ul>
 * Both halves send the same kinds of traffic: explicit HTTP (allowed, blocked, unresolvable, upstream refused),
 * {@code CONNECT} (a tunnel with a request inside, a refused one), transparent HTTP and transparent TLS (SNI).
 */
class MetricsLabelSafetyTest {
    private static final Path DEMO_LISTS = Path.of("..", "config", "demo-lists").toAbsolutePath().normalize();
    private static final Actor IT = new Actor("it-test", "IT_ADMIN");
    private static final int FIRST = 2;
    private static final int HALF = 19;
    private static final int LAST = FIRST + 2 * HALF; // 127.0.0.40

    /** Label names a Vangnet node may expose: its own outcome labels and Micrometer's JVM/Netty/histogram labels. */
    static final Set<String> ALLOWED_LABELS = Set.of(
            // Vangnet
            "kind", "decision", "reason", "listener", "direction", "list", "result", "outcome", "route", "method",
            "status", "state", "basis", "location", "cause", "refusal", "rejection", "rerouted", "block_page",
            // Prometheus histograms
            "le",
            // Micrometer JVM and Netty binders
            "area", "id", "gc", "action", "memory_type", "allocator_type", "cache_type");

    private static final Pattern IPV4 = Pattern.compile("(?<![0-9])(?:[0-9]{1,3}\\.){3}[0-9]{1,3}(?![0-9])");
    private static final Pattern IPV6 = Pattern.compile("(?i)(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}");
    private static final Pattern MAC = Pattern.compile("(?i)(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final List<String> trafficHosts = new ArrayList<>();
    private final List<String> macs = new ArrayList<>();
    private HttpServer origin;
    private int port;
    private int closedPort;
    private Vangnet vangnet;

    @BeforeEach
    void start() throws IOException {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", ex -> {
            byte[] b = "origin".repeat(100).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        origin.start();
        port = origin.getAddress().getPort();
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort(); // nothing listens there once closed: upstream connects are refused
        }
        StringBuilder hosts = new StringBuilder("127.0.0.1 casino.example poker.example\n");
        for (int i = FIRST; i <= LAST; i++) {
            hosts.append("127.0.0.1 ").append(site(i)).append(' ').append(dead(i)).append('\n');
            trafficHosts.addAll(List.of(site(i), dead(i), nowhere(i)));
        }
        trafficHosts.addAll(List.of("casino.example", "poker.example"));
        Path hostsFile = dir.resolve("hosts");
        Files.writeString(hostsFile, hosts);
        Map<String, String> env = new HashMap<>();
        env.put("VANGNET_LISTS_CATEGORY_GAMBLING", "ut1:" + DEMO_LISTS.resolve("gambling"));
        env.put("VANGNET_LISTS_CATEGORY_SOCIAL_NETWORKS", "ut1:" + DEMO_LISTS.resolve("social_networks"));
        env.put("VANGNET_LISTS_SERVICES", "services:" + DEMO_LISTS.resolve("services.json"));
        Settings settings = SettingsLoader.load(null, env, Map.ofEntries(
                Map.entry(Setting.STORE_H2_PATH, dir.resolve("db").toString()),
                Map.entry(Setting.PROXY_BIND, "127.0.0.1:0"), Map.entry(Setting.ADMIN_BIND, "127.0.0.1:0"),
                Map.entry(Setting.TRANSPARENT_HTTP_BIND, "127.0.0.1:0"),
                Map.entry(Setting.TRANSPARENT_TLS_BIND, "127.0.0.1:0"),
                Map.entry(Setting.PROXY_ALLOWED_DESTINATIONS, "127.0.0.0/8"),
                Map.entry(Setting.PROXY_HOSTS_FILE, hostsFile.toString()), Map.entry(Setting.PROXY_DNS, "false"),
                Map.entry(Setting.SNAPSHOT_POLL_INTERVAL, "PT0.2S")));
        vangnet = Vangnet.start(settings, true, clock);
        addDevices();
    }

    @AfterEach
    void stop() {
        if (vangnet != null) {
            vangnet.close();
        }
        origin.stop(0);
    }

    /**
     * Besides the demo's 127.0.0.2–7: every third address from 127.0.0.8 a device of C-1001 (Wzd, gambling blocked),
     * the next one a device of C-1003 (phase-out step), the third no device at all (unrestricted).
     */
    private void addDevices() {
        Map<String, Long> ids = new HashMap<>();
        vangnet.store().clients().forEach(c -> ids.put(c.code(), c.id()));
        for (int i = 8; i <= LAST; i++) {
            String client = switch (i % 3) {
                case 0 -> "C-1001";
                case 1 -> "C-1003";
                default -> null;
            };
            if (client != null) {
                String mac = String.format(Locale.ROOT, "02:00:5e:20:00:%02x", i);
                macs.add(mac);
                vangnet.store().createDevice(IT, new Device(0, ids.get(client), "toestel-" + i, List.of(mac),
                        List.of(address(i)), null, null, 0), "metric-label test");
            }
        }
        vangnet.publisher().refresh();
        vangnet.store().devices().forEach(d -> macs.addAll(d.macAddresses()));
    }

    @Test
    void noLabelNamesAClientDeviceHostOrAddressAndTheSeriesDoNotGrowWithTheClients() throws Exception {
        for (int i = FIRST; i < FIRST + HALF; i++) {
            traffic(i);
        }
        scrape(); // once more below: a scrape may itself add admin-request series, which the next one shows
        String afterN = scrape();
        for (int i = FIRST + HALF; i <= LAST; i++) {
            traffic(i);
        }
        scrape();
        String after2N = scrape();

        for (String body : List.of(afterN, after2N)) {
            assertNoClientData(body);
        }
        // the traffic really was counted, with the new meters among them
        assertThat(after2N).contains("vangnet_proxy_request_duration_seconds_bucket{decision=\"block\","
                        + "listener=\"explicit\"", "vangnet_upstream_connect_failures_total{cause=\"refused\","
                        + "listener=\"explicit\"}", "vangnet_relayed_bytes_total{direction=\"upstream_to_client\","
                        + "listener=\"explicit\"}", "vangnet_list_last_success_seconds{list=\"gambling\"}",
                "netty_allocator_memory_used");
        assertThat(value(after2N, "vangnet_proxy_request_duration_seconds_count{decision=\"block\","
                + "listener=\"explicit\"}")).isGreaterThan(value(afterN,
                "vangnet_proxy_request_duration_seconds_count{decision=\"block\",listener=\"explicit\"}"));
        assertThat(value(after2N, "vangnet_decisions_restricted_total{list=\"none\","
                + "outcome=\"block\",reason=\"blocked_domain\"}")).isGreaterThan(0);
        assertThat(series(after2N)).as("series after %d clients vs after %d", HALF, 2 * HALF)
                .isEqualTo(series(afterN));
    }

    /** The checks on one scrape: label names, label values, and no client data anywhere in the text. */
    private void assertNoClientData(String body) {
        Set<String> codes = new TreeSet<>();
        Set<String> deviceLabels = new TreeSet<>();
        vangnet.store().clients().stream().map(Client::code).forEach(codes::add);
        vangnet.store().devices().forEach(d -> deviceLabels.add(d.label().toLowerCase(Locale.ROOT)));
        assertThat(codes).contains("C-1001", "C-1003");
        assertThat(deviceLabels).contains("telefoon", "toestel-9");
        List<Sample> samples = parse(body);
        assertThat(samples).hasSizeGreaterThan(100);
        for (Sample s : samples) {
            assertThat(ALLOWED_LABELS).as("label names of %s", s).containsAll(s.labels().keySet());
            for (String value : s.labels().values()) {
                String v = value.toLowerCase(Locale.ROOT);
                assertThat(IPV4.matcher(value).find()).as("IPv4 address in %s", s).isFalse();
                assertThat(IPV6.matcher(value).find()).as("IPv6 address in %s", s).isFalse();
                assertThat(MAC.matcher(value).find()).as("MAC address in %s", s).isFalse();
                assertThat(trafficHosts).as("host name in %s", s).noneMatch(v::contains);
                assertThat(codes).as("client code in %s", s).noneMatch(c -> v.contains(c.toLowerCase(Locale.ROOT)));
                assertThat(deviceLabels).as("device label in %s", s).doesNotContain(v);
            }
        }
        String lower = body.toLowerCase(Locale.ROOT);
        IntStream.rangeClosed(FIRST, LAST).mapToObj(MetricsLabelSafetyTest::address).forEach(a ->
                assertThat(Pattern.compile(Pattern.quote(a) + "(?![0-9])").matcher(body).find())
                        .as("client address %s in the scrape", a).isFalse());
        assertThat(macs).noneMatch(lower::contains);
        assertThat(trafficHosts).noneMatch(lower::contains);
    }

    /** The series of a scrape: name and sorted labels, without the JVM's GC series (their causes come and go). */
    private static Set<String> series(String body) {
        Set<String> out = new TreeSet<>();
        for (Sample s : parse(body)) {
            if (!(s.name().startsWith("jvm_gc_") && s.labels().containsKey("cause"))) {
                out.add(s.name() + new TreeMap<>(s.labels()));
            }
        }
        return out;
    }

    private static double value(String body, String series) {
        return body.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(
                l -> Double.parseDouble(l.substring(series.length() + 1).trim())).findFirst().orElse(-1);
    }

    /** One sample line of the Prometheus text format. */
    record Sample(String name, Map<String, String> labels) {
    }

    /** Parses the sample lines (text format 0.0.4): name, then labels with quoted, escaped values. */
    static List<Sample> parse(String body) {
        List<Sample> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            if (brace < 0 || brace > space) {
                out.add(new Sample(line.substring(0, space), Map.of()));
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String name = line.substring(i, eq).trim();
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("unquoted label value in: " + line);
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = line.charAt(++j);
                        value.append(n == 'n' ? '\n' : n);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(name, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            out.add(new Sample(line.substring(0, brace), labels));
        }
        return out;
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + vangnet.adminAddress().getPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The same kinds of traffic for every client. */
    private void traffic(int i) throws Exception {
        String from = address(i);
        InetSocketAddress proxy = vangnet.proxyAddress();
        // explicit HTTP: allowed (own host), blocked for C-1001 (domain) and C-1001/C-1003 (category), upstream
        // refused, unresolvable
        for (String host : List.of(site(i), "casino.example", "poker.example")) {
            assertThat(exchange(from, proxy, get("http://" + host + ":" + port + "/p", host + ":" + port)))
                    .startsWith("HTTP/1.1 ");
        }
        assertThat(exchange(from, proxy, get("http://" + dead(i) + ":" + closedPort + "/", dead(i) + ":"
                + closedPort))).startsWith("HTTP/1.1 502");
        assertThat(exchange(from, proxy, get("http://" + nowhere(i) + "/", nowhere(i)))).startsWith("HTTP/1.1 502");
        // CONNECT: a tunnel with a request inside; the blocked host for restricted clients
        assertThat(tunnel(from, proxy, site(i))).contains("origin");
        assertThat(exchange(from, proxy, "CONNECT casino.example:" + port + " HTTP/1.1\r\nHost: casino.example:"
                + port + "\r\n\r\n")).startsWith("HTTP/1.1 ");
        // transparent HTTP
        InetSocketAddress http = vangnet.transparentAddresses().http();
        for (String host : List.of(site(i), "casino.example")) {
            assertThat(exchange(from, http, "GET /t HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 ");
        }
        // transparent TLS: SNI own host (spliced to port 443, where nothing listens), and the blocked host
        for (String host : List.of(site(i), "casino.example")) {
            tls(from, vangnet.transparentAddresses().tls(), host);
        }
    }

    private static String get(String target, String host) {
        return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    /**
     * Sends one request from {@code source} and reads the answer: its head, and its body by {@code Content-Length}
     * (none for {@code CONNECT}), else until the server closes.
     */
    private static String exchange(String source, InetSocketAddress to, String request) throws IOException {
        try (Socket s = connect(source, to)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return response(s.getInputStream(), request.startsWith("CONNECT"));
        }
    }

    private static String response(InputStream in, boolean headOnly) throws IOException {
        String head = head(in);
        if (headOnly) {
            return head;
        }
        java.util.regex.Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
        return head + new String(body, StandardCharsets.ISO_8859_1);
    }

    /** Opens a {@code CONNECT} tunnel to the origin under {@code host} and sends a request through it. */
    private String tunnel(String source, InetSocketAddress proxy, String host) throws IOException {
        try (Socket s = connect(source, proxy)) {
            OutputStream out = s.getOutputStream();
            out.write(("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String head = head(s.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 200");
            out.write(get("/", host + ":" + port).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return response(s.getInputStream(), false);
        }
    }

    /** A TLS handshake with SNI {@code host}; it does not complete (refused upstream or blocked). */
    private static void tls(String source, InetSocketAddress to, String host) throws Exception {
        Socket plain = connect(source, to);
        try (SSLSocket tls = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(plain, host,
                to.getPort(), true)) {
            SSLParameters p = tls.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(host)));
            tls.setSSLParameters(p);
            tls.startHandshake();
        } catch (IOException expected) {
            // closed or alerted: what matters here is what was counted
        } finally {
            plain.close();
        }
    }

    private static Socket connect(String source, InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(source, 0));
        s.connect(to, 5_000);
        s.setSoTimeout(15_000);
        return s;
    }

    /** Reads up to the end of a response head. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String address(int i) {
        return "127.0.0." + i;
    }

    private static String site(int i) {
        return "site-" + i + ".example";
    }

    private static String dead(int i) {
        return "dead-" + i + ".example";
    }

    private static String nowhere(int i) {
        return "nowhere-" + i + ".example";
    }
}
