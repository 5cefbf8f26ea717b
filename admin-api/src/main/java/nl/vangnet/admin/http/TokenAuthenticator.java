package nl.vangnet.admin.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.store.AccountStore;

/**
 * The {@link Authenticator} over {@link AccountStore#authenticate}: bearer tokens for the API and the pages' login.
 *
 * <p><b>Rate limit.</b> Failures are counted per remote address: after {@link Settings#maxFailures()} failures
 * within {@link Settings#window()} (counted from the first), every attempt from that address is answered
 * {@link AuthResult.Throttled} until the window ends — without checking the token and without auditing, so that a
 * flood can neither guess tokens nor fill the audit log. Each failure before that is audited through
 * {@link AccountStore#recordFailedLogin} (the token's prefix when it has the shape of a Vangnet token, never the
 * rest of it).
 *
 * <p><b>Cache.</b> Successful look-ups are cached for {@link Settings#successTtl()} (at most 10 s) under the
 * SHA-256 of the token, so a busy client does not hit the database per request. Consequence: a token that is revoked,
 * or whose account is disabled, keeps working for at most that long on this node.
 *
 * <p>Thread-safe.
 */
public final class TokenAuthenticator implements Authenticator {
    private static final Pattern TOKEN_PREFIX = Pattern.compile("vgn_[A-Za-z0-9_-]{8}.*");

    private final AccountStore accounts;
    private final Clock clock;
    private final Settings settings;
    private final Ticker ticker;
    private final Cache<String, Failures> failures;
    private final Cache<String, Principal> successes;

    /**
     * Rate-limit and cache settings.
     *
     * @param maxFailures failures per address within {@code window} before it is throttled (at least 1)
     * @param window      the failure window, counted from an address's first failure
     * @param successTtl  how long a successful look-up is reused (0 to 10 s)
     * @param maxEntries  the most addresses and tokens remembered (bounded memory)
     */
    public record Settings(int maxFailures, Duration window, Duration successTtl, long maxEntries) {
        /** 10 failures per 5 minutes, successes reused for 10 s, 10,000 entries. */
        public static final Settings DEFAULTS = new Settings(10, Duration.ofMinutes(5), Duration.ofSeconds(10),
                10_000);

        public Settings {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("maxFailures must be at least 1, not " + maxFailures);
            }
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, not " + window);
            }
            Objects.requireNonNull(successTtl, "successTtl");
            if (successTtl.isNegative() || successTtl.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("successTtl must be 0 to 10 s (revocation delay), not "
                        + successTtl);
            }
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
            }
        }
    }

    /** The failures of one address since its first in the window. */
    private record Failures(long firstNanos, AtomicInteger count) {
    }

    /** An authenticator with {@link Settings#DEFAULTS} and the system ticker. */
    public TokenAuthenticator(AccountStore accounts, Clock clock) {
        this(accounts, clock, Settings.DEFAULTS, Ticker.systemTicker());
    }

    /** For tests: other settings and a ticker the test moves. */
    public TokenAuthenticator(AccountStore accounts, Clock clock, Settings settings, Ticker ticker) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.failures = Caffeine.newBuilder().maximumSize(settings.maxEntries())
                .expireAfterWrite(settings.window()).ticker(ticker).executor(Runnable::run).build();
        this.successes = Caffeine.newBuilder().maximumSize(settings.maxEntries())
                .expireAfterWrite(settings.successTtl()).ticker(ticker).executor(Runnable::run).build();
    }

    @Override
    public AuthResult authenticate(String secret, String remoteAddress) {
        String address = remoteAddress == null ? "unknown" : remoteAddress;
        Failures f = failures.getIfPresent(address);
        if (f != null && f.count().get() >= settings.maxFailures()) {
            long left = settings.window().toNanos() - (ticker.read() - f.firstNanos());
            return new AuthResult.Throttled(Duration.ofNanos(Math.max(left, 1_000_000_000L)));
        }
        String token = secret == null ? "" : secret.strip();
        if (!token.isEmpty()) {
            String key = sha256(token);
            Principal cached = successes.getIfPresent(key);
            if (cached != null) {
                return new AuthResult.Authenticated(cached);
            }
            Optional<Account> account = accounts.authenticate(token, clock.instant());
            if (account.isPresent()) {
                Principal p = Principal.of(account.get());
                successes.put(key, p);
                return new AuthResult.Authenticated(p);
            }
        }
        failures.asMap().computeIfAbsent(address, a -> new Failures(ticker.read(), new AtomicInteger()))
                .count().incrementAndGet();
        String detail = describe(token) + " from " + printable(address);
        accounts.recordFailedLogin(detail, clock.instant());
        return new AuthResult.Rejected(token.isEmpty() ? "no token" : "unknown, revoked or expired token, or a "
                + "disabled account");
    }

    /** What the audit says about a presented token: never the secret, at most the prefix a token list shows. */
    static String describe(String token) {
        if (token.isEmpty()) {
            return "no token";
        }
        if (TOKEN_PREFIX.matcher(token).matches()) {
            return "unknown, revoked or expired token " + token.substring(0, 12) + "…";
        }
        return "malformed token (" + token.length() + " characters)";
    }

    private static String printable(String s) {
        String clean = s.replaceAll("[^0-9A-Za-z.:\\[\\]%_-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
