package nl.vangnet.proxy.identify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.vangnet.config.policy.DeviceEntry;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.rules.PasswordHasher;
import nl.vangnet.proxy.decision.ProxyCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ClientResolver} of the proxy: proxy credentials that verify, then the fixed IP address, then the MAC
 * address that the {@link LeaseTable} gives for the source address.
 *
 * <p><b>Password checks.</b> {@link PasswordHasher} (PBKDF2) is deliberately slow, so results, positive and
 * negative, are cached (Caffeine, bounded, expiring after a period without use). The cache key is the user name,
 * an HMAC-SHA256 of the password under a random key made per resolver (so neither the password nor an unsalted
 * hash of it is kept; a heap dump gives nothing to look up in a table), and the stored hash string: a device whose
 * password hash changed in a new snapshot never gets an old result, and a device that left the snapshot is never
 * looked up. Concurrent checks of the same credentials run once.
 *
 * <p><b>Brute force.</b> Repeating a wrong password costs one check. Trying different ones is limited per stored
 * hash: after {@link Settings#maxFailures()} failed checks within {@link Settings#failureWindow()} (counted from the
 * first failure), credentials for that device that are not already cached are not checked until the window ends;
 * they then count as not verifying, so identification falls back to the address as for any wrong password. Cached
 * correct credentials keep working. This also bounds the CPU that PBKDF2 can be made to burn: at most
 * {@code maxFailures} checks per device per window, and user names that are not in the snapshot cost nothing.
 *
 * <p>A check runs on the calling thread (a PBKDF2 check takes on the order of 100 ms); callers on an event loop
 * should know that the first request with new credentials waits for it.
 *
 * <p>Nothing is logged about clients, user names or passwords. Thread-safe.
 */
public final class DeviceResolver implements ClientResolver {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceResolver.class);
    private static final String HMAC = "HmacSHA256";

    private final LeaseTable leases;
    private final Settings settings;
    private final BiPredicate<char[], String> verifier;
    private final Cache<CredentialKey, Boolean> results;
    private final Cache<String, AtomicInteger> failures;
    private final SecretKeySpec digestKey;
    private final ThreadLocal<Mac> digests = ThreadLocal.withInitial(this::newDigest);

    /** A resolver with {@link Settings#DEFAULTS}. */
    public DeviceResolver(LeaseTable leases) {
        this(leases, Settings.DEFAULTS);
    }

    /** A resolver with the given cache and brute-force settings. */
    public DeviceResolver(LeaseTable leases, Settings settings) {
        this(leases, settings, PasswordHasher::matches, Ticker.systemTicker());
    }

    /** For tests: a counting verifier and a ticker that the test moves. */
    DeviceResolver(LeaseTable leases, Settings settings, BiPredicate<char[], String> verifier, Ticker ticker) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(ticker, "ticker");
        this.results = Caffeine.newBuilder()
                .maximumSize(settings.maxCachedCredentials())
                .expireAfterAccess(settings.cacheExpiry())
                .ticker(ticker)
                .build();
        this.failures = Caffeine.newBuilder()
                .maximumSize(settings.maxCachedCredentials())
                .expireAfterWrite(settings.failureWindow())
                .ticker(ticker)
                .build();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.digestKey = new SecretKeySpec(key, HMAC);
    }

    @Override
    public Optional<ClientMatch> resolve(PolicySnapshot snapshot, InetAddress address,
            ProxyCredentials credentials) {
        Objects.requireNonNull(snapshot, "snapshot");
        if (credentials != null) {
            Optional<DeviceEntry> device = snapshot.forProxyUser(credentials.username());
            if (device.isPresent() && verifies(credentials, device.get().proxyPasswordHash())) {
                return Optional.of(new ClientMatch(device.get(), ClientMatch.Via.PROXY_AUTH));
            }
        }
        if (address == null) {
            return Optional.empty();
        }
        Optional<DeviceEntry> byAddress = snapshot.forAddress(address);
        if (byAddress.isPresent()) {
            return Optional.of(new ClientMatch(byAddress.get(), ClientMatch.Via.IP));
        }
        return leases.macFor(address)
                .flatMap(snapshot::forMac)
                .map(device -> new ClientMatch(device, ClientMatch.Via.MAC));
    }

    private boolean verifies(ProxyCredentials credentials, String storedHash) {
        if (!PasswordHasher.looksLikeHash(storedHash)) {
            return false; // no password set (or not a hash): no credentials can match, nothing to check
        }
        CredentialKey key = new CredentialKey(credentials.username(), digest(credentials.password()), storedHash);
        Boolean cached = results.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        AtomicInteger failed = failures.getIfPresent(storedHash);
        if (failed != null && failed.get() >= settings.maxFailures()) {
            return false;
        }
        return results.get(key, k -> check(credentials.password(), storedHash));
    }

    private boolean check(String password, String storedHash) {
        char[] chars = password.toCharArray();
        boolean ok;
        try {
            ok = verifier.test(chars, storedHash);
        } finally {
            PasswordHasher.clear(chars);
        }
        if (!ok) {
            int count = failures.get(storedHash, h -> new AtomicInteger()).incrementAndGet();
            if (count == settings.maxFailures()) {
                LOG.warn("Proxy credentials for one device failed {} times; further passwords for it are not "
                        + "checked for {}", count, settings.failureWindow());
            }
        }
        return ok;
    }

    /** HMAC-SHA256 of the password under this resolver's random key, base64. */
    private String digest(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            return Base64.getEncoder().encodeToString(digests.get().doFinal(bytes));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private Mac newDigest() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(digestKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is part of every Java 17 runtime", e);
        }
    }

    /** A cache key: never the password itself. */
    private record CredentialKey(String username, String passwordDigest, String storedHash) {
    }

    /**
     * Settings of the password-check cache and the brute-force limit. Immutable.
     *
     * @param maxCachedCredentials how many check results (and failure counters) are kept at most
     * @param cacheExpiry          how long a check result is kept after its last use
     * @param maxFailures          failed checks per device within {@code failureWindow} after which further new
     *                             passwords for that device are not checked
     * @param failureWindow        how long failures are counted, from the first one
     */
    public record Settings(int maxCachedCredentials, Duration cacheExpiry, int maxFailures,
            Duration failureWindow) {
        /** 10,000 results kept up to 30 minutes after last use; 10 failures per device per 5 minutes. */
        public static final Settings DEFAULTS = new Settings(10_000, Duration.ofMinutes(30), 10,
                Duration.ofMinutes(5));

        public Settings {
            Objects.requireNonNull(cacheExpiry, "cacheExpiry");
            Objects.requireNonNull(failureWindow, "failureWindow");
            if (maxCachedCredentials < 1) {
                throw new IllegalArgumentException("maxCachedCredentials must be at least 1, was "
                        + maxCachedCredentials);
            }
            if (maxFailures < 1) {
                throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
            }
            if (cacheExpiry.isNegative() || cacheExpiry.isZero() || failureWindow.isNegative()
                    || failureWindow.isZero()) {
                throw new IllegalArgumentException("cacheExpiry and failureWindow must be positive, were "
                        + cacheExpiry + " and " + failureWindow);
            }
        }
    }
}
