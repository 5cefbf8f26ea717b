package nl.vangnet.admin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.vangnet.config.audit.AuditAction;
import nl.vangnet.config.audit.AuditEvent;
import nl.vangnet.config.audit.AuditQuery;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.IssuedToken;
import nl.vangnet.config.store.JdbcStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rate limit, the audit of failures (read back from the real audit log) and the success cache, as a matrix over a
 * moved ticker, against a real JdbcStore on in-memory H2.
 */
class TokenAuthenticatorTest {
    private static final Actor SEED = new Actor("seed", "IT_ADMIN");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** A fresh in-memory store (real JdbcStore on H2) with account {@code admin} and one token for it. */
    private static final class World implements AutoCloseable {
        final Database database = Database.open(Database.h2Memory("token-auth-" + DATABASES.incrementAndGet()),
                "", "");
        final JdbcStore store = new JdbcStore(database, new ModelValidator(Limits.DEFAULTS), CLOCK);
        final IssuedToken good;

        World() {
            Account admin = store.createAccount(SEED, new Account(0, "admin", AccountRole.IT_ADMIN, null, false, null,
                    0), null);
            good = store.issueToken(SEED, admin.id(), "test", null, null);
        }

        List<String> auditedFailures() {
            return store.audit(new AuditQuery(null, null, AuditAction.LOGIN_FAILED, null, null, null, 0, 1000))
                    .stream().map(AuditEvent::reason).toList();
        }

        @Override
        public void close() {
            database.close();
        }
    }

    /**
     * A script of attempts: {@code g} good token, {@code b} bad token, {@code e} empty, {@code +N} move the ticker N
     * seconds, {@code r} revoke the good token; the expected outcomes are {@code A} authenticated, {@code R}
     * rejected, {@code T} throttled (one letter per attempt).
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // 3 failures allowed per 60 s window
        "g,          A,      0",
        "b b b,      RRR,    3",
        "b b b b g,  RRRTT,  3",
        "b b b +61 b, RRRR,  4",
        "e b,        RR,     2",
        "b b b +30 g, RRRT,  3",
        // success cached for 5 s: a revoked token keeps working until then, not after
        "g r g +6 g, AAR,    1",
        "g r +4 g,   AA,     0",
    })
    void matrix(String script, String expected, int audits) {
        try (World world = new World()) {
            run(world, script, expected, audits);
        }
    }

    private static void run(World world, String script, String expected, int audits) {
        AtomicLong nanos = new AtomicLong();
        Ticker ticker = nanos::get;
        TokenAuthenticator auth = new TokenAuthenticator(world.store, CLOCK, new TokenAuthenticator.Settings(3,
                Duration.ofSeconds(60), Duration.ofSeconds(5), 100), ticker);
        StringBuilder got = new StringBuilder();
        for (String step : script.trim().split("\\s+")) {
            if (step.startsWith("+")) {
                nanos.addAndGet(Duration.ofSeconds(Long.parseLong(step.substring(1))).toNanos());
                continue;
            }
            if (step.equals("r")) {
                world.store.revokeToken(SEED, world.good.info().id(), null);
                continue;
            }
            String secret = switch (step) {
                case "g" -> world.good.secret();
                case "b" -> "vgn_badbadbadbadbadbadbadbadbadbadbadbadbadba";
                default -> "";
            };
            AuthResult r = auth.authenticate(secret, "192.0.2.7");
            got.append(r instanceof AuthResult.Authenticated ? "A" : r instanceof AuthResult.Rejected ? "R" : "T");
            if (r instanceof AuthResult.Throttled t) {
                assertThat(t.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
            }
        }
        assertThat(got.toString()).isEqualTo(expected);
        assertThat(world.auditedFailures()).hasSize(audits);
        assertThat(world.auditedFailures()).allSatisfy(a -> assertThat(a).contains("192.0.2.7")
                .doesNotContain("badbadbadbadbadbad"));
    }

    @ParameterizedTest
    @CsvSource({
        "vgn_Ab3dE5gHijklmnop, 'unknown, revoked or expired token vgn_Ab3dE5gH…'",
        "hunter2,              malformed token (7 characters)",
        "'',                   no token",
    })
    void failuresAreDescribedWithoutTheSecret(String token, String description) {
        assertThat(TokenAuthenticator.describe(token)).isEqualTo(description);
    }

    @ParameterizedTest
    @CsvSource({"0, PT1M, PT5S", "3, PT0S, PT5S", "3, PT1M, PT11S"})
    void settingsAreChecked(int maxFailures, String window, String ttl) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TokenAuthenticator.Settings(maxFailures,
                Duration.parse(window), Duration.parse(ttl), 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
