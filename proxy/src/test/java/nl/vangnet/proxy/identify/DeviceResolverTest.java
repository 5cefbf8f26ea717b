package nl.vangnet.proxy.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.SnapshotCompiler;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.PasswordHasher;
import nl.vangnet.config.store.PolicyData;
import nl.vangnet.proxy.decision.ProxyCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Identification order (credentials, then fixed IP, then MAC through the lease table) as a matrix with real PBKDF2
 * hashes, and the password-check cache and brute-force limit with a counting verifier and a ticker the test moves.
 */
class DeviceResolverTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static String hashOfSecret1;
    private static String hashOfSecret2;
    private static String hashOfNew2;

    /** 10.0.0.50 has a lease for device 3's MAC, 10.0.0.51 for device 1's, 10.0.0.1 (fixed IP of 1) for 3's. */
    private static final LeaseTable LEASES = address -> Optional.ofNullable(Map.of(
            "10.0.0.50", "aa:bb:cc:00:00:03",
            "10.0.0.51", "aa:bb:cc:00:00:01",
            "10.0.0.1", "aa:bb:cc:00:00:03").get(address.getHostAddress()));

    @BeforeAll
    static void hashes() {
        hashOfSecret1 = PasswordHasher.hash("secret-1".toCharArray());
        hashOfSecret2 = PasswordHasher.hash("secret-2".toCharArray());
        hashOfNew2 = PasswordHasher.hash("new-2".toCharArray());
    }

    /**
     * Device 1 (client 1): fixed IP 10.0.0.1, MAC ...:01, user tablet-1 / secret-1. Device 2 (client 2): fixed IP
     * 10.0.0.2 and 2001:db8::2, user phone-2 with {@code phone2Hash}. Device 3 (client 3): MAC ...:03 only, user
     * console-3 without a password.
     */
    private static PolicySnapshot snapshot(long version, String phone2Hash) {
        List<Client> clients = List.of(new Client(1, "C-1", "d-1", "Huis 1", 1),
                new Client(2, "C-2", "d-2", "Huis 1", 1), new Client(3, "C-3", "d-3", "Huis 2", 1));
        List<Device> devices = List.of(
                new Device(1, 1, "tablet", List.of("aa:bb:cc:00:00:01"), List.of("10.0.0.1"), "tablet-1",
                        hashOfSecret1, 1),
                new Device(2, 2, "phone", List.of(), List.of("10.0.0.2", "2001:db8::2"), "phone-2", phone2Hash, 1),
                new Device(3, 3, "console", List.of("AA-BB-CC-00-00-03"), List.of(), "console-3", null, 1));
        PolicySnapshot s = SnapshotCompiler.compile(new PolicyData(clients, devices, List.of(), List.of(), version),
                version, NOW, Limits.DEFAULTS);
        assertThat(s.problems()).isEmpty();
        return s;
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String describe(Optional<ClientMatch> match) {
        return match.map(m -> m.device().device().id() + " " + m.via().label()).orElse("none");
    }

    @ParameterizedTest(name = "{0} {1}/{2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # address          | user      | password | device and how (none: unknown, unrestricted)
            10.0.0.1           | -         | -        | 1 ip
            ::ffff:10.0.0.1    | -         | -        | 1 ip
            10.0.0.2           | -         | -        | 2 ip
            2001:db8::2        | -         | -        | 2 ip
            10.0.0.50          | -         | -        | 3 mac
            10.0.0.51          | -         | -        | 1 mac
            10.0.0.99          | -         | -        | none
            10.0.0.1           | phone-2   | secret-2 | 2 proxy-auth
            10.0.0.50          | tablet-1  | secret-1 | 1 proxy-auth
            10.0.0.99          | phone-2   | secret-2 | 2 proxy-auth
            10.0.0.1           | phone-2   | wrong    | 1 ip
            10.0.0.1           | phone-2   | SECRET-2 | 1 ip
            10.0.0.1           | phone-2   |          | 1 ip
            10.0.0.50          | phone-2   | wrong    | 3 mac
            10.0.0.99          | phone-2   | wrong    | none
            10.0.0.1           | nobody    | secret-2 | 1 ip
            10.0.0.1           | Phone-2   | secret-2 | 1 ip
            10.0.0.1           | tablet-1  | secret-2 | 1 ip
            10.0.0.1           | console-3 |          | 1 ip
            10.0.0.99          | console-3 | anything | none
            """)
    void identificationOrder(String address, String user, String password, String expected) {
        DeviceResolver resolver = new DeviceResolver(LEASES);
        ProxyCredentials credentials = user == null ? null
                : new ProxyCredentials(user, password == null ? "" : password);
        assertThat(describe(resolver.resolve(snapshot(1, hashOfSecret2), ip(address), credentials)))
                .isEqualTo(expected);
    }

    @Test
    void theFixedAddressBeatsALeaseForTheSameAddress() {
        // 10.0.0.1 is device 1's fixed IP, and the lease table says device 3's MAC holds it: the fixed IP wins.
        assertThat(describe(new DeviceResolver(LEASES).resolve(snapshot(1, hashOfSecret2), ip("10.0.0.1"), null)))
                .isEqualTo("1 ip");
    }

    @Test
    void aChangedPasswordHashInANewSnapshotIsNeverServedFromTheCache() {
        DeviceResolver resolver = new DeviceResolver(LEASES);
        PolicySnapshot before = snapshot(1, hashOfSecret2);
        PolicySnapshot after = snapshot(2, hashOfNew2);
        ProxyCredentials oldPassword = new ProxyCredentials("phone-2", "secret-2");
        ProxyCredentials newPassword = new ProxyCredentials("phone-2", "new-2");

        assertThat(describe(resolver.resolve(before, ip("10.0.0.99"), oldPassword))).isEqualTo("2 proxy-auth");
        assertThat(describe(resolver.resolve(before, ip("10.0.0.99"), newPassword))).isEqualTo("none");
        assertThat(describe(resolver.resolve(after, ip("10.0.0.99"), oldPassword))).isEqualTo("none");
        assertThat(describe(resolver.resolve(after, ip("10.0.0.99"), newPassword))).isEqualTo("2 proxy-auth");
        assertThat(describe(resolver.resolve(before, ip("10.0.0.99"), oldPassword))).isEqualTo("2 proxy-auth");
    }

    @Test
    void checkResultsArePositiveAndNegativeCachedPerPasswordAndStoredHash() {
        Counting verifier = new Counting();
        DeviceResolver resolver = new DeviceResolver(LEASES, DeviceResolver.Settings.DEFAULTS, verifier,
                new FakeTicker());
        PolicySnapshot s = snapshot(1, hashOfSecret2);
        for (int i = 0; i < 3; i++) {
            assertThat(describe(resolver.resolve(s, ip("10.0.0.99"), new ProxyCredentials("phone-2", "secret-2"))))
                    .isEqualTo("2 proxy-auth");
            assertThat(describe(resolver.resolve(s, ip("10.0.0.99"), new ProxyCredentials("phone-2", "wrong"))))
                    .isEqualTo("none");
        }
        assertThat(verifier.calls).hasValue(2);

        // A new snapshot with the same hash shares the results; another hash is checked anew.
        resolver.resolve(snapshot(2, hashOfSecret2), ip("10.0.0.99"), new ProxyCredentials("phone-2", "secret-2"));
        assertThat(verifier.calls).hasValue(2);
        resolver.resolve(snapshot(3, hashOfNew2), ip("10.0.0.99"), new ProxyCredentials("phone-2", "secret-2"));
        assertThat(verifier.calls).hasValue(3);

        // Unknown users and devices without a password cost no check.
        resolver.resolve(s, ip("10.0.0.99"), new ProxyCredentials("nobody", "secret-2"));
        resolver.resolve(s, ip("10.0.0.99"), new ProxyCredentials("console-3", "x"));
        assertThat(verifier.calls).hasValue(3);
    }

    @Test
    void resultsExpireAfterAPeriodWithoutUse() {
        Counting verifier = new Counting();
        FakeTicker ticker = new FakeTicker();
        DeviceResolver resolver = new DeviceResolver(LEASES,
                new DeviceResolver.Settings(100, Duration.ofMinutes(30), 10, Duration.ofMinutes(5)), verifier, ticker);
        PolicySnapshot s = snapshot(1, hashOfSecret2);
        ProxyCredentials good = new ProxyCredentials("phone-2", "secret-2");
        resolver.resolve(s, ip("10.0.0.99"), good);
        ticker.advance(Duration.ofMinutes(29));
        resolver.resolve(s, ip("10.0.0.99"), good);
        ticker.advance(Duration.ofMinutes(29));
        resolver.resolve(s, ip("10.0.0.99"), good);
        assertThat(verifier.calls).hasValue(1);
        ticker.advance(Duration.ofMinutes(31));
        assertThat(describe(resolver.resolve(s, ip("10.0.0.99"), good))).isEqualTo("2 proxy-auth");
        assertThat(verifier.calls).hasValue(2);
    }

    @Test
    void bruteForceIsLimitedPerDeviceButCachedGoodCredentialsKeepWorking() {
        Counting verifier = new Counting();
        FakeTicker ticker = new FakeTicker();
        DeviceResolver resolver = new DeviceResolver(LEASES,
                new DeviceResolver.Settings(100, Duration.ofMinutes(30), 3, Duration.ofMinutes(5)), verifier, ticker);
        PolicySnapshot s = snapshot(1, hashOfSecret2);
        ProxyCredentials tablet = new ProxyCredentials("tablet-1", "secret-1");
        assertThat(describe(resolver.resolve(s, ip("10.0.0.99"), tablet))).isEqualTo("1 proxy-auth");
        assertThat(verifier.calls).hasValue(1);

        for (int i = 0; i < 3; i++) {
            resolver.resolve(s, ip("10.0.0.99"), new ProxyCredentials("tablet-1", "guess-" + i));
        }
        assertThat(verifier.calls).hasValue(4);
        // The limit is reached: new guesses are not checked; identification falls back to the address...
        assertThat(describe(resolver.resolve(s, ip("10.0.0.2"), new ProxyCredentials("tablet-1", "guess-3"))))
                .isEqualTo("2 ip");
        assertThat(verifier.calls).hasValue(4);
        // ...but credentials already known to be right still work, and other devices are not affected.
        assertThat(describe(resolver.resolve(s, ip("10.0.0.99"), tablet))).isEqualTo("1 proxy-auth");
        assertThat(describe(resolver.resolve(s, ip("10.0.0.99"), new ProxyCredentials("phone-2", "secret-2"))))
                .isEqualTo("2 proxy-auth");
        assertThat(verifier.calls).hasValue(5);

        // A new password (a new stored hash) is not held back by the old one's failures.
        ticker.advance(Duration.ofMinutes(4));
        PolicySnapshot changed = snapshot(2, hashOfNew2);
        assertThat(describe(resolver.resolve(changed, ip("10.0.0.99"), new ProxyCredentials("phone-2", "new-2"))))
                .isEqualTo("2 proxy-auth");

        // After the window, guesses are checked again.
        ticker.advance(Duration.ofMinutes(2));
        resolver.resolve(s, ip("10.0.0.99"), new ProxyCredentials("tablet-1", "guess-4"));
        assertThat(verifier.calls).hasValue(7);
    }

    @Test
    void duringTheLimitEvenTheRightPasswordIsNotCheckedIfItWasNotCachedBefore() {
        Counting verifier = new Counting();
        FakeTicker ticker = new FakeTicker();
        DeviceResolver resolver = new DeviceResolver(LEASES,
                new DeviceResolver.Settings(100, Duration.ofMinutes(30), 2, Duration.ofMinutes(5)), verifier, ticker);
        PolicySnapshot s = snapshot(1, hashOfSecret2);
        resolver.resolve(s, ip("10.0.0.99"), new ProxyCredentials("phone-2", "guess-1"));
        resolver.resolve(s, ip("10.0.0.99"), new ProxyCredentials("phone-2", "guess-2"));
        ProxyCredentials right = new ProxyCredentials("phone-2", "secret-2");
        assertThat(describe(resolver.resolve(s, ip("10.0.0.99"), right))).isEqualTo("none");
        assertThat(describe(resolver.resolve(s, ip("10.0.0.2"), right))).isEqualTo("2 ip");
        assertThat(verifier.calls).hasValue(2);
        ticker.advance(Duration.ofMinutes(5));
        assertThat(describe(resolver.resolve(s, ip("10.0.0.99"), right))).isEqualTo("2 proxy-auth");
        assertThat(verifier.calls).hasValue(3);
    }

    @Test
    void withoutCredentialsOrAMatchNoCheckRunsAndTheLeaseTableIsAskedLast() {
        Counting verifier = new Counting();
        AtomicInteger leaseLookups = new AtomicInteger();
        LeaseTable counted = address -> {
            leaseLookups.incrementAndGet();
            return LEASES.macFor(address);
        };
        DeviceResolver resolver = new DeviceResolver(counted, DeviceResolver.Settings.DEFAULTS, verifier,
                new FakeTicker());
        PolicySnapshot s = snapshot(1, hashOfSecret2);
        assertThat(describe(resolver.resolve(s, ip("10.0.0.2"), null))).isEqualTo("2 ip");
        assertThat(leaseLookups).hasValue(0);
        assertThat(describe(resolver.resolve(s, ip("10.0.0.50"), null))).isEqualTo("3 mac");
        assertThat(leaseLookups).hasValue(1);
        assertThat(describe(resolver.resolve(s, null, null))).isEqualTo("none");
        assertThat(verifier.calls).hasValue(0);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new DeviceResolver.Settings(0, Duration.ofMinutes(1), 1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxCachedCredentials must be at least 1, was 0");
        assertThatThrownBy(() -> new DeviceResolver.Settings(1, Duration.ofMinutes(1), 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxFailures must be at least 1, was 0");
        assertThatThrownBy(() -> new DeviceResolver.Settings(1, Duration.ZERO, 1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cacheExpiry and failureWindow must be positive, were PT0S and PT1M");
    }

    /** Checks against the three known passwords (fast) and counts the checks. */
    private static final class Counting implements BiPredicate<char[], String> {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public boolean test(char[] password, String hash) {
            calls.incrementAndGet();
            String p = new String(password);
            return hash.equals(hashOfSecret1) && p.equals("secret-1")
                    || hash.equals(hashOfSecret2) && p.equals("secret-2")
                    || hash.equals(hashOfNew2) && p.equals("new-2");
        }
    }

    /** A Caffeine ticker that the test moves. */
    private static final class FakeTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }
    }
}
