package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.proxy.littleproxy.PrivacyTurboFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * {@code log.format}: the setting, and the production {@code logback.xml} switched to each format — JSON lines
 * that parse, text lines that do not look like JSON — and, with every logger at DEBUG, unrestricted-client traffic
 * through the real proxy leaves no trace in the JSON lines (while the same run without the privacy filter does, so
 * the capture works and this test can fail).
 */
class JsonLogsTest {
    private static final String CLIENT = "127.0.0.5";
    private static final String HOST = "unrestricted.example";
    private static final List<String> LOUD = List.of(Logger.ROOT_LOGGER_NAME, "org.littleshoot", "io.netty",
            "nl.vangnet");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @TempDir
    Path dir;

    @BeforeEach
    void productionLoggingToCapturedStandardError() throws Exception {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        URL production = getClass().getClassLoader().getResource("logback.xml");
        assertThat(production).as("the launcher's logback.xml on the classpath").isNotNull();
        context.reset();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(production);
    }

    @AfterEach
    void testLogging() throws Exception {
        System.setErr(savedErr);
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @ParameterizedTest
    @CsvSource({"text, TEXT", "json, JSON", "JSON, JSON", "' Json ', JSON"})
    void theSettingNamesTheFormat(String value, LogFormat expected) {
        assertThat(SettingsLoader.load(null, Map.of("VANGNET_LOG_FORMAT", value), Map.of()).logFormat())
                .isEqualTo(expected);
    }

    @Test
    void textIsTheDefaultAndTheFileCanSayJson() throws IOException {
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).logFormat()).isEqualTo(LogFormat.TEXT);
        Path file = dir.resolve("vangnet.properties");
        Files.writeString(file, "log.format=json\n");
        assertThat(SettingsLoader.load(file, Map.of(), Map.of()).logFormat()).isEqualTo(LogFormat.JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "", "logstash"})
    void anUnknownFormatIsRefusedWithTheKeyAndTheChoices(String value) {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("VANGNET_LOG_FORMAT", value), Map.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("log.format")
                .hasMessageContaining("must be one of text, json, got '" + value + "'");
    }

    @Test
    void theTextPatternIsTheOneOfLogbackXml() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("logback.xml")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("<pattern>" + LogOutput.TEXT_PATTERN + "</pattern>");
        }
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void eachFormatWritesItsLines(LogFormat format) throws IOException {
        LogOutput.use(context, LogFormat.JSON);
        LogOutput.use(context, format); // and back: the switch works both ways
        org.slf4j.Logger log = LoggerFactory.getLogger("nl.vangnet.app.JsonLogsTest");
        log.info("store \"ready\" in {} ms", 12);
        log.warn("list reload failed", new IOException("gambling: no such file"));

        List<String> lines = lines();
        assertThat(lines).isNotEmpty();
        if (format == LogFormat.JSON) {
            assertThat(lines).hasSize(2);
            JsonNode info = JSON.readTree(lines.get(0));
            assertThat(info.has("level")).as(lines.get(0)).isTrue();
            assertThat(lines.get(1)).as("the WARN line").contains("gambling: no such file");
            assertThat(info.get("level").asText()).isEqualTo("INFO");
            assertThat(info.get("loggerName").asText()).isEqualTo("nl.vangnet.app.JsonLogsTest");
            assertThat(info.get("formattedMessage").asText()).isEqualTo("store \"ready\" in 12 ms");
            assertThat(info.get("timestamp").asLong()).isPositive();
            assertThat(info.has("arguments")).as("raw arguments are left out").isFalse();
            JsonNode warn = JSON.readTree(lines.get(1));
            assertThat(warn.get("level").asText()).isEqualTo("WARN");
            assertThat(warn.get("throwable").get("message").asText()).isEqualTo("gambling: no such file");
        } else {
            assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(Z|[+-]\\d\\d:\\d\\d) INFO  \\[.*\\] "
                    + "nl\\.vangnet\\.app\\.JsonLogsTest - store \"ready\" in 12 ms");
            assertThat(lines).noneMatch(l -> l.startsWith("{"));
            assertThat(String.join("\n", lines)).contains("java.io.IOException: gambling: no such file");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void unrestrictedTrafficLeavesNoTraceInTheJsonLines(boolean privacyFilter) throws Exception {
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", ex -> {
            byte[] b = "origin".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        origin.start();
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 " + HOST + "\n");
        Settings settings = SettingsLoader.load(null, Map.of("VANGNET_LOG_FORMAT", "json"), Map.ofEntries(
                Map.entry(Setting.STORE_H2_PATH, dir.resolve("db").toString()),
                Map.entry(Setting.PROXY_BIND, "127.0.0.1:0"), Map.entry(Setting.ADMIN_BIND, "127.0.0.1:0"),
                Map.entry(Setting.PROXY_ALLOWED_DESTINATIONS, "127.0.0.0/8"),
                Map.entry(Setting.PROXY_HOSTS_FILE, hosts.toString()), Map.entry(Setting.PROXY_DNS, "false")));
        LogOutput.use(context, settings.logFormat());
        for (String name : LOUD) {
            context.getLogger(name).setLevel(Level.DEBUG);
        }
        Vangnet vangnet = Vangnet.start(settings, false, Clock.systemUTC(),
                new java.io.PrintWriter(OutputStream.nullOutputStream()));
        if (!privacyFilter) {
            // the listeners install the filter at start (as logback.xml does); the control run takes it out
            context.getTurboFilterList().removeIf(f -> f instanceof PrivacyTurboFilter);
        }
        try {
            String authority = HOST + ":" + origin.getAddress().getPort();
            assertThat(send(vangnet.proxyAddress(), "GET http://" + authority + "/geheim HTTP/1.1\r\nHost: "
                    + authority + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200").endsWith("origin");
            assertThat(send(vangnet.proxyAddress(), "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority
                    + "\r\n\r\n", "GET /in-tunnel HTTP/1.1\r\nHost: " + authority + "\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200").endsWith("origin");
        } finally {
            vangnet.close();
            origin.stop(0);
        }

        List<String> lines = lines();
        assertThat(lines).as("Vangnet logs its start at INFO").isNotEmpty();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(JSON.readTree(line)); // every line is one JSON object
        }
        assertThat(events).allMatch(e -> e.isObject() && e.has("level") && e.has("formattedMessage"));
        if (privacyFilter) {
            assertThat(lines).noneMatch(l -> l.contains(HOST) || l.contains(CLIENT) || l.contains("geheim"));
        } else {
            assertThat(lines).anyMatch(l -> l.contains(HOST));
        }
    }

    /**
     * Sends {@code requests} from {@link #CLIENT}, each after the answer head of the one before (a CONNECT, then
     * the request inside the tunnel), and reads the last answer until the origin's body.
     */
    private static String send(InetSocketAddress proxy, String... requests) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(CLIENT, 0));
            s.connect(proxy, 5_000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            for (int i = 0; i < requests.length - 1; i++) {
                s.getOutputStream().write(requests[i].getBytes(StandardCharsets.US_ASCII));
                StringBuilder head = new StringBuilder();
                for (int c; !head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0; ) {
                    head.append((char) c);
                }
                assertThat(head.toString()).startsWith("HTTP/1.1 200");
            }
            s.getOutputStream().write(requests[requests.length - 1].getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            // until the origin's body: LittleProxy may keep the client connection open
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n; !got.toString(StandardCharsets.ISO_8859_1).endsWith("origin") && (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("no answer from the origin through the proxy; got: " + got, e);
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private List<String> lines() {
        System.err.flush();
        return err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
}
