package nl.vangnet.proxy.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListLoaderTest {
    private static final String HOSTS = "0.0.0.0 one.example\n0.0.0.0 two.example\n";

    @TempDir
    Path dir;

    private HttpServer server;
    private final CountDownLatch neverReleased = new CountDownLatch(1);

    private final ListLoader loader = new ListLoader(new SourceFetcher(SourceLimits.DEFAULT), 1 << 20);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hosts", x -> respond(x, 200, HOSTS.getBytes(StandardCharsets.UTF_8)));
        server.createContext("/hosts.bin", x -> respond(x, 200, gzip(HOSTS)));
        server.createContext("/missing", x -> respond(x, 404, "not here".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/error", x -> respond(x, 500, "oops".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/html", x -> respond(x, 200,
                "<html>\n<body>Login</body>\n</html>\n".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/big", x -> respond(x, 200, new byte[(1 << 20) + 1]));
        server.createContext("/redirect", x -> {
            x.getResponseHeaders().add("Location", "/hosts");
            respond(x, 302, new byte[0]);
        });
        server.createContext("/services.json", x -> respond(x, 200,
                "{\"blocked_services\":[{\"id\":\"tinder\",\"rules\":[\"||tinder.example^\"]}]}"
                        .getBytes(StandardCharsets.UTF_8)));
        server.createContext("/stall", x -> {
            try {
                neverReleased.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(x, 200, new byte[0]);
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stopServer() {
        neverReleased.countDown();
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    private ListLoader.Loaded load(String... specs) throws IOException {
        return loader.load(java.util.Arrays.stream(specs).map(ListSource::parse).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"plain.txt,false", "plain.gz,false", "packed.gz,true", "packed.txt,true", "packed,true"})
    void gzipIsDetectedByMagicBytesNotByName(String name, boolean gzipped) throws IOException {
        Path p = write(name, gzipped ? gzip(HOSTS) : HOSTS.getBytes(StandardCharsets.UTF_8));
        ListLoader.Loaded l = load("hosts:" + p);
        assertThat(l.content().count(EntryKind.HOST)).isEqualTo(2);
        assertThat(l.log().skipped()).isZero();
    }

    @Test
    void ut1DirectoryReadsDomainsAndUrls() throws IOException {
        write("ut1/gambling/domains.gz", gzip("casino.example\nbad name\n"));
        write("ut1/gambling/urls", "games.example/play\n".getBytes(StandardCharsets.UTF_8));
        write("ut1/gambling/usage", "black\n".getBytes(StandardCharsets.UTF_8));
        ListLoader.Loaded l = load("ut1:" + dir.resolve("ut1/gambling"));
        assertThat(l.content().count(EntryKind.DOMAIN)).isEqualTo(1);
        assertThat(l.content().count(EntryKind.URL)).isEqualTo(1);
        assertThat(l.log().problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("ut1:" + dir.resolve("ut1/gambling") + "/domains.gz");
            assertThat(p.line()).isEqualTo(2);
        });
        write("ut1/vpn/domains", "vpn.example\n".getBytes(StandardCharsets.UTF_8));
        assertThat(load("ut1:" + dir.resolve("ut1/vpn")).content().size()).isEqualTo(1);
    }

    @Test
    void sourcesOfOneListAreUnited() throws IOException {
        Path hosts = write("h", HOSTS.getBytes(StandardCharsets.UTF_8));
        Path domains = write("d", "one.example\nthree.example\n".getBytes(StandardCharsets.UTF_8));
        Path adblock = write("a", "||four.example^\n".getBytes(StandardCharsets.UTF_8));
        ListLoader.Loaded l = load("hosts:" + hosts, "domains:" + domains, "adblock:" + adblock);
        assertThat(l.content().count(EntryKind.HOST)).isEqualTo(2);
        assertThat(l.content().count(EntryKind.DOMAIN)).isEqualTo(3);
    }

    @Test
    void badUt1DirectoriesFail() throws IOException {
        write("both/domains", "a.example\n".getBytes(StandardCharsets.UTF_8));
        write("both/domains.gz", gzip("a.example\n"));
        write("none/usage", "black\n".getBytes(StandardCharsets.UTF_8));
        Path file = write("file", "a.example\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> load("ut1:" + dir.resolve("both"))).isInstanceOf(IOException.class)
                .hasMessageContaining("both 'domains' and 'domains.gz'");
        assertThatThrownBy(() -> load("ut1:" + dir.resolve("none"))).hasMessageContaining("neither");
        assertThatThrownBy(() -> load("ut1:" + dir.resolve("absent"))).hasMessageContaining("no such directory");
        assertThatThrownBy(() -> load("ut1:" + file)).hasMessageContaining("not a directory");
    }

    @Test
    void localFailuresNameTheSource() throws IOException {
        assertThatThrownBy(() -> load("hosts:" + dir.resolve("nope.txt")))
                .hasMessage("hosts:" + dir.resolve("nope.txt") + ": no such file: " + dir.resolve("nope.txt"));
        assertThatThrownBy(() -> load("hosts:" + dir)).hasMessageContaining("is not a regular file");
        Path big = write("big", new byte[(1 << 20) + 1]);
        assertThatThrownBy(() -> load("hosts:" + big)).hasMessageContaining("larger than the limit of 1048576");
        Path html = write("page.html", "<html>\n<body>Sorry</body>\n</html>\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> load("hosts:" + html)).hasMessageContaining("no valid entry, 3 line(s) skipped");
        byte[] broken = gzip(HOSTS);
        Path truncated = write("truncated.gz", java.util.Arrays.copyOf(broken, broken.length - 12));
        assertThatThrownBy(() -> load("hosts:" + truncated)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("hosts:" + truncated + ": ");
    }

    @Test
    void decompressedSizeIsCappedToo() throws IOException {
        ByteArrayOutputStream zeros = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(zeros)) {
            g.write(new byte[4 << 20]);
        }
        assertThat(zeros.size()).isLessThan(1 << 20);
        Path bomb = write("bomb.gz", zeros.toByteArray());
        assertThatThrownBy(() -> load("domains:" + bomb))
                .hasMessageContaining("the decompressed source is larger than the limit of 1048576 bytes");
    }

    @Test
    void httpSources() throws IOException {
        assertThat(load("hosts:" + url("/hosts")).content().size()).isEqualTo(2);
        assertThat(load("hosts:" + url("/hosts.bin")).content().size()).isEqualTo(2);
        assertThat(load("hosts:" + url("/redirect")).content().size()).isEqualTo(2);
        assertThatThrownBy(() -> load("hosts:" + url("/missing")))
                .hasMessage("hosts:" + url("/missing") + ": " + url("/missing") + ": HTTP status 404");
        assertThatThrownBy(() -> load("hosts:" + url("/error"))).hasMessageContaining("HTTP status 500");
        assertThatThrownBy(() -> load("hosts:" + url("/html"))).hasMessageContaining("no valid entry");
        assertThatThrownBy(() -> load("hosts:" + url("/big")))
                .hasMessageContaining("larger than the limit of 1048576 bytes");
        ServicesJson.Parsed services = loader.loadServices(ListSource.parse("services:" + url("/services.json")));
        assertThat(services.lists().keySet()).containsExactly("service:tinder");
    }

    @Test
    void httpTimeoutAndRefusedConnectionFail() throws IOException {
        ListLoader quick = new ListLoader(new SourceFetcher(new SourceLimits(Duration.ofSeconds(2),
                Duration.ofMillis(300), 1 << 20)), 1 << 20);
        assertThatThrownBy(() -> quick.load(List.of(ListSource.parse("hosts:" + url("/stall")))))
                .isInstanceOf(IOException.class).hasMessageContaining("no complete response within");
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String refused = "hosts:http://127.0.0.1:" + closedPort + "/hosts";
        assertThatThrownBy(() -> quick.load(List.of(ListSource.parse(refused)))).isInstanceOf(IOException.class)
                .hasMessageStartingWith(refused + ": ");
    }

    @Test
    void servicesSourceWithoutServicesFails() throws IOException {
        Path p = write("services.json", "{\"blocked_services\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> loader.loadServices(ListSource.parse("services:" + p)))
                .hasMessageContaining("holds no service");
        assertThatThrownBy(() -> load("services:" + p)).hasMessageContaining("configure it as a services source");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/x/y | no format prefix",
            "xml:/x/y | unknown format 'xml'",
            "hosts: | no location",
            "hosts:ftp://example.org/x | only http:// and https://",
            "ut1:https://example.org/ut1/gambling | local category directory",
            "hosts:http:///nohost | without a host"})
    void badSpecsAreExplained(String spec, String message) {
        assertThatThrownBy(() -> ListSource.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void specsRoundTrip() {
        ListSource s = ListSource.parse(" HOSTS:https://example.org/h.gz ");
        assertThat(s.format()).isEqualTo(ListFormat.HOSTS);
        assertThat(s.remote()).isTrue();
        assertThat(s.spec()).isEqualTo("hosts:https://example.org/h.gz");
        assertThat(ListSource.parse("ut1:data/ut1/gambling").remote()).isFalse();
    }
}
