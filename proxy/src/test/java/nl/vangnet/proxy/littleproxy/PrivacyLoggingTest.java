package nl.vangnet.proxy.littleproxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import nl.vangnet.proxy.ProxySettings;
import nl.vangnet.proxy.net.Cidr;
import nl.vangnet.proxy.net.HostTable;
import nl.vangnet.proxy.page.AgreementsFixture;
import nl.vangnet.proxy.page.BlockPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With every logger at DEBUG, a full unrestricted request and tunnel through the real proxy, and the client's look at
 * its "Mijn afspraken" page, leave no log event that
 * mentions the host or the client's address — while the same traffic without the {@link PrivacyTurboFilter} does
 * leak both (so this test can fail).
 */
class PrivacyLoggingTest {
    private static final String CLIENT = "127.0.0.5";
    private static final String HOST = "unrestricted.example";
    private static final List<String> LOUD = List.of(Logger.ROOT_LOGGER_NAME, "org.littleshoot", "io.netty",
            "nl.vangnet");

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> savedLevels = new HashMap<>();
    private final List<TurboFilter> savedFilters = new ArrayList<>();
    private final List<Appender<ILoggingEvent>> savedAppenders = new ArrayList<>();
    private TestCertificate certificate;
    private RawOrigin origin;
    private TlsOrigin tlsOrigin;

    @BeforeEach
    void everythingAtDebug() throws Exception {
        certificate = TestCertificate.create();
        origin = new RawOrigin("127.0.0.1", 0, "privacy");
        tlsOrigin = new TlsOrigin("127.0.0.1", 0, "privacy", certificate);
        savedFilters.addAll(context.getTurboFilterList());
        for (String name : LOUD) {
            Logger logger = context.getLogger(name);
            savedLevels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(savedAppenders::add);
        savedAppenders.forEach(root::detachAppender);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void restore() throws Exception {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        savedAppenders.forEach(root::addAppender);
        savedLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        context.getTurboFilterList().clear();
        savedFilters.forEach(context::addTurboFilter);
        origin.close();
        tlsOrigin.close();
    }

    @Test
    void anUnrestrictedClientLeavesNoTraceInTheLogs() throws Exception {
        runTraffic(true);

        assertThat(appender.list).as("the appender sees events at all").isNotEmpty();
        assertThat(appender.list).noneMatch(e -> mentions(e, HOST) || mentions(e, CLIENT)
                || mentions(e, "mijn.vangnet") || mentions(e, "afspraken"));
    }

    @Test
    void withoutTheFilterLittleProxyAndNettyWouldLeakBoth() throws Exception {
        runTraffic(false);

        assertThat(appender.list).anyMatch(e -> mentions(e, HOST));
        assertThat(appender.list).anyMatch(e -> mentions(e, CLIENT));
    }

    private void runTraffic(boolean withFilter) throws Exception {
        HostTable hosts = HostTable.builder().put(HOST, "127.0.0.1").build();
        ProxySettings settings = ProxySettings.on(new InetSocketAddress("127.0.0.1", 0))
                .withAllowedDestinations(List.of(Cidr.parse("127.0.0.0/8")));
        FakePolicy policy = new FakePolicy();
        ExplicitProxyListener proxy = new ExplicitProxyListener(settings, policy, hosts, new BlockPage(),
                AgreementsFixture.nobody(), Clock.systemUTC(), ListenerMetrics.NONE);
        InetSocketAddress proxyAddress = proxy.start();
        if (!withFilter) {
            context.getTurboFilterList().removeIf(f -> f instanceof PrivacyTurboFilter);
        }
        try {
            String authority = HOST + ":" + origin.port();
            try (Socket s = RawHttp.connect(CLIENT, proxyAddress)) {
                assertThat(RawHttp.exchange(s, "GET http://" + authority + "/geheim HTTP/1.1\r\nHost: " + authority
                        + "\r\n\r\n").status()).isEqualTo(200);
            }
            try (Socket s = RawHttp.connect(CLIENT, proxyAddress)) {
                String tunnel = HOST + ":" + tlsOrigin.port();
                assertThat(RawHttp.exchange(s, "CONNECT " + tunnel + " HTTP/1.1\r\nHost: " + tunnel + "\r\n\r\n")
                        .status()).isEqualTo(200);
                SSLSocket tls = (SSLSocket) certificate.client().getSocketFactory()
                        .createSocket(s, HOST, tlsOrigin.port(), true);
                SSLParameters p = tls.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(HOST)));
                tls.setSSLParameters(p);
                assertThat(RawHttp.exchange(tls, "GET / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").status())
                        .isEqualTo(200);
                tls.close();
            }
            for (String request : List.of("GET http://mijn.vangnet/afspraken HTTP/1.1\r\nHost: mijn.vangnet\r\n\r\n",
                    "GET /afspraken HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
                try (Socket s = RawHttp.connect(CLIENT, proxyAddress)) {
                    assertThat(RawHttp.exchange(s, request).status()).isEqualTo(200);
                }
            }
            assertThat(policy.seen).hasSize(2);
        } finally {
            proxy.stop();
        }
    }

    private static boolean mentions(ILoggingEvent e, String needle) {
        StringBuilder all = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
        if (e.getArgumentArray() != null) {
            all.append(' ').append(Arrays.deepToString(e.getArgumentArray()));
        }
        all.append(' ').append(e.getMDCPropertyMap());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            all.append(' ').append(t.getClassName()).append(' ').append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                all.append(' ').append(frame.getSTEAsString());
            }
        }
        return all.toString().contains(needle);
    }
}
