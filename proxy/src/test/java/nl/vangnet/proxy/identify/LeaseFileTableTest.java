package nl.vangnet.proxy.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import nl.vangnet.config.policy.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The table follows its file through {@link LeaseFileTable#reloadIfChanged()} (what the poller calls), keeps the old
 * table when a read fails, ignores ended leases by its clock, and never logs client addresses. No sleeping: file
 * changes are made visible by setting the modification time explicitly.
 */
class LeaseFileTableTest {
    private static final Instant NOW = LeaseFilesTest.NOW;
    private static final String KEA_HEADER =
            "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state\n";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(NOW, ZoneOffset.UTC);
    private final CountingMetrics metrics = new CountingMetrics();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger logger;
    private Level levelBefore;
    private FileTime nextModified = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void captureLogs() {
        logger = (Logger) LoggerFactory.getLogger(LeaseFileTable.class);
        levelBefore = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
        logger.setLevel(levelBefore);
        logger.setAdditive(true);
    }

    /** Writes {@code text} and gives the file a modification time later than any before. */
    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        nextModified = FileTime.from(nextModified.toInstant().plusSeconds(1));
        Files.setLastModifiedTime(p, nextModified);
        return p;
    }

    private String mac(LeaseFileTable table, String ip) throws IOException {
        return table.macFor(InetAddress.getByName(ip)).orElse("");
    }

    private String allLogs() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
    }

    @Test
    void followsTheFileWhenItChanges() throws IOException {
        Path file = write("dnsmasq.leases", "1795478400 aa:bb:cc:00:00:01 10.0.0.1 a *\n");
        try (LeaseFileTable table = new LeaseFileTable(file, LeaseFormat.DNSMASQ, clock, metrics)) {
            assertThat(mac(table, "10.0.0.1")).isEqualTo("aa:bb:cc:00:00:01");
            assertThat(table.reloadIfChanged()).isFalse();

            write("dnsmasq.leases", "1795478400 aa:bb:cc:00:00:02 10.0.0.1 a *\n"
                    + "1795478400 aa:bb:cc:00:00:03 10.0.0.3 c *\n");
            assertThat(table.reloadIfChanged()).isTrue();
            assertThat(mac(table, "10.0.0.1")).isEqualTo("aa:bb:cc:00:00:02");
            assertThat(mac(table, "10.0.0.3")).isEqualTo("aa:bb:cc:00:00:03");
            assertThat(table.reloadIfChanged()).isFalse();

            write("dnsmasq.leases", "");
            assertThat(table.reloadIfChanged()).isTrue();
            assertThat(mac(table, "10.0.0.1")).isEmpty();
            assertThat(table.status().leases()).isZero();
            assertThat(metrics.reloads).hasValue(3);
            assertThat(metrics.lastLeases).hasValue(0);
            assertThat(metrics.failures).hasValue(0);
        }
    }

    @Test
    void aReplacedFileWithTheSameSizeAndTimeIsNoticedByItsFileKey() throws IOException {
        Path file = write("dnsmasq.leases", "1795478400 aa:bb:cc:00:00:01 10.0.0.1 a *\n");
        FileTime modified = Files.getLastModifiedTime(file);
        try (LeaseFileTable table = new LeaseFileTable(file, LeaseFormat.DNSMASQ, clock, metrics)) {
            assumeTrue(Files.readAttributes(file, BasicFileAttributes.class).fileKey() != null,
                    "the file system has no file keys (then only time and size are compared)");
            Path replacement = dir.resolve("dnsmasq.leases.new");
            Files.writeString(replacement, "1795478400 aa:bb:cc:00:00:09 10.0.0.1 a *\n");
            Files.setLastModifiedTime(replacement, modified);
            Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(table.reloadIfChanged()).isTrue();
            assertThat(mac(table, "10.0.0.1")).isEqualTo("aa:bb:cc:00:00:09");
        }
    }

    @Test
    void aFailedReadKeepsTheOldTableAndIsReportedWithoutClientData() throws IOException {
        Path file = write("kea-leases4.csv", KEA_HEADER + "10.0.0.1,aa:bb:cc:00:00:01,,3600,1795478400,1,0,0,,0\n");
        try (LeaseFileTable table = new LeaseFileTable(file, LeaseFormat.KEA, clock, metrics)) {
            LeaseTableStatus ok = table.status();
            assertThat(ok.healthy()).isTrue();
            assertThat(ok.loadedAt()).isEqualTo(NOW);
            assertThat(ok.leases()).isEqualTo(1);
            assertThat(ok.readAs()).isEqualTo(LeaseFormat.KEA);

            clock.advance(Duration.ofMinutes(1));
            write("kea-leases4.csv", "10.0.0.2,aa:bb:cc:00:00:02,,3600,1795478400,1,0,0,,0\n");
            assertThat(table.reloadIfChanged()).isTrue();

            assertThat(mac(table, "10.0.0.1")).isEqualTo("aa:bb:cc:00:00:01");
            assertThat(mac(table, "10.0.0.2")).isEmpty();
            LeaseTableStatus failed = table.status();
            assertThat(failed.healthy()).isFalse();
            assertThat(failed.lastError()).isEqualTo("kea-leases4.csv is not a Kea lease file: its first line (the"
                    + " header) has no 'address' column");
            assertThat(failed.loadedAt()).isEqualTo(NOW);
            assertThat(failed.lastAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
            assertThat(failed.leases()).isEqualTo(1);
            assertThat(metrics.failures).hasValue(1);
            // Not retried until the file changes again.
            assertThat(table.reloadIfChanged()).isFalse();
            assertThat(metrics.failures).hasValue(1);

            assertThat(logs.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("kea-leases4.csv", "previous lease table stays in use");
            });
            assertThat(allLogs()).doesNotContain("10.0.0", "aa:bb");
        }
    }

    @Test
    void malformedLinesAreReportedInTheStatusAndLoggedWithoutClientData() throws IOException {
        Path file = write("dnsmasq.leases", "1795478400 aa:bb:cc:00:00:01 10.0.0.1 a *\n"
                + "1795478400 aa:bb:cc:00:00:02 10.0.0.2\n"
                + "later aa:bb:cc:00:00:03 10.0.0.3 c *\n");
        try (LeaseFileTable table = new LeaseFileTable(file, LeaseFormat.DNSMASQ, clock, metrics)) {
            LeaseTableStatus status = table.status();
            assertThat(status.healthy()).isTrue();
            assertThat(status.leases()).isEqualTo(1);
            assertThat(status.malformed()).isEqualTo(2);
            assertThat(status.problems()).containsExactly(
                    "dnsmasq.leases line 2: expected 5 fields (expiry, hardware address, IP address, host name,"
                            + " client id), found 3",
                    "dnsmasq.leases line 3: the expiry is not a number of seconds");
            assertThat(metrics.lastMalformed).hasValue(2);
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("2 malformed lines or blocks skipped"));
            assertThat(allLogs()).doesNotContain("10.0.0", "aa:bb");
        }
    }

    @Test
    void aMissingFileGivesAnEmptyTableUntilItAppears() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        try (LeaseFileTable table = new LeaseFileTable(file, LeaseFormat.ISC, clock, metrics)) {
            assertThat(mac(table, "10.0.0.1")).isEmpty();
            assertThat(table.status().healthy()).isFalse();
            assertThat(table.status().loadedAt()).isNull();
            assertThat(table.status().lastError()).isEqualTo("dhcpd.leases does not exist");
            assertThat(table.reloadIfChanged()).isFalse();

            write("dhcpd.leases", "lease 10.0.0.1 {\n  ends never;\n  binding state active;\n"
                    + "  hardware ethernet aa:bb:cc:00:00:01;\n}\n");
            assertThat(table.reloadIfChanged()).isTrue();
            assertThat(mac(table, "10.0.0.1")).isEqualTo("aa:bb:cc:00:00:01");
            assertThat(table.status().healthy()).isTrue();
            assertThat(allLogs()).doesNotContain("10.0.0", "aa:bb");
        }
    }

    @Test
    void endedLeasesAreIgnoredByTheClock() throws IOException {
        Path file = write("dnsmasq.leases", "1795435260 aa:bb:cc:00:00:01 10.0.0.1 a *\n"
                + "0 aa:bb:cc:00:00:02 10.0.0.2 b *\n");
        try (LeaseFileTable table = new LeaseFileTable(file, LeaseFormat.DNSMASQ, clock, metrics)) {
            assertThat(mac(table, "10.0.0.1")).isEqualTo("aa:bb:cc:00:00:01");
            clock.advance(Duration.ofSeconds(59));
            assertThat(mac(table, "10.0.0.1")).isEqualTo("aa:bb:cc:00:00:01");
            clock.advance(Duration.ofSeconds(1));
            assertThat(mac(table, "10.0.0.1")).isEmpty();
            clock.advance(Duration.ofDays(3650));
            assertThat(mac(table, "10.0.0.2")).isEqualTo("aa:bb:cc:00:00:02");
        }
    }

    @Test
    void ipv4MappedAndIpv6AddressesAreLookedUp() throws IOException {
        Path file = write("kea-leases6.csv",
                "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,"
                        + "fqdn_rev,hostname,hwaddr,state\n"
                        + "2001:db8::1,00:01,3600,1795478400,1,1800,0,1,128,0,0,,aa:bb:cc:00:00:01,0\n");
        Path v4 = write("dnsmasq.leases", "1795478400 aa:bb:cc:00:00:02 10.0.0.2 b *\n");
        try (LeaseFileTable six = new LeaseFileTable(file, LeaseFormat.AUTO, clock, metrics);
                LeaseFileTable four = new LeaseFileTable(v4, LeaseFormat.AUTO, clock, metrics)) {
            assertThat(mac(six, "2001:0db8:0:0::1")).isEqualTo("aa:bb:cc:00:00:01");
            assertThat(mac(four, "::ffff:10.0.0.2")).isEqualTo("aa:bb:cc:00:00:02");
            assertThat(four.macFor(null)).isEmpty();
            assertThat(six.status().readAs()).isEqualTo(LeaseFormat.KEA);
            assertThat(four.status().readAs()).isEqualTo(LeaseFormat.DNSMASQ);
        }
    }

    @Test
    void keaLeaseFileCleanupIsNoticed() throws IOException {
        Path file = write("kea-leases4.csv", KEA_HEADER + "10.0.0.1,aa:bb:cc:00:00:01,,3600,1795478400,1,0,0,,0\n");
        try (LeaseFileTable table = new LeaseFileTable(file, LeaseFormat.KEA, clock, metrics)) {
            // Kea's cleanup: the current file becomes .2, a new current file is started, .2 is merged into .1.
            Files.move(file, dir.resolve("kea-leases4.csv.2"));
            write("kea-leases4.csv", KEA_HEADER + "10.0.0.3,aa:bb:cc:00:00:03,,3600,1795478400,1,0,0,,0\n");
            assertThat(table.reloadIfChanged()).isTrue();
            assertThat(mac(table, "10.0.0.1")).isEqualTo("aa:bb:cc:00:00:01");
            assertThat(mac(table, "10.0.0.3")).isEqualTo("aa:bb:cc:00:00:03");

            write("kea-leases4.csv.1", KEA_HEADER + "10.0.0.1,aa:bb:cc:00:00:01,,3600,1795478400,1,0,0,,0\n");
            Files.delete(dir.resolve("kea-leases4.csv.2"));
            assertThat(table.reloadIfChanged()).isTrue();
            assertThat(table.status().leases()).isEqualTo(2);
        }
    }

    @Test
    void anExplicitReloadReadsEvenWithoutAChange() throws IOException {
        Path file = write("dnsmasq.leases", "1795478400 aa:bb:cc:00:00:01 10.0.0.1 a *\n");
        try (LeaseFileTable table = new LeaseFileTable(file, LeaseFormat.DNSMASQ, clock, metrics)) {
            table.reload();
            assertThat(metrics.reloads).hasValue(2);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void pollingNeedsAPositiveInterval(long seconds) throws IOException {
        Path file = write("dnsmasq.leases", "");
        try (LeaseFileTable table = new LeaseFileTable(file, LeaseFormat.DNSMASQ, clock, metrics)) {
            assertThatThrownBy(() -> table.startPolling(Duration.ofSeconds(seconds)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the lease file poll interval must be positive");
        }
    }

    @Test
    void pollingStartsOnceAndNotAfterClose() throws IOException {
        Path file = write("dnsmasq.leases", "");
        LeaseFileTable table = LeaseFileTable.watch(file, LeaseFormat.DNSMASQ, Duration.ofHours(1), clock, metrics);
        assertThatThrownBy(() -> table.startPolling(Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the lease table for dnsmasq.leases is already polling");
        table.close();
        table.close();
        LeaseFileTable closed = new LeaseFileTable(file, LeaseFormat.DNSMASQ, clock, metrics);
        closed.close();
        assertThatThrownBy(() -> closed.startPolling(Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the lease table for dnsmasq.leases is closed");
    }

    /** Counts what the table reports. */
    private static final class CountingMetrics implements LeaseMetrics {
        final AtomicInteger reloads = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger lastLeases = new AtomicInteger(-1);
        final AtomicInteger lastMalformed = new AtomicInteger(-1);

        @Override
        public void reloaded(int leases, int malformed) {
            reloads.incrementAndGet();
            lastLeases.set(leases);
            lastMalformed.set(malformed);
        }

        @Override
        public void reloadFailed() {
            failures.incrementAndGet();
        }
    }
}
