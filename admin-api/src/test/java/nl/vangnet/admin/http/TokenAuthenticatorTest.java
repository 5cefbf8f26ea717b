package nl.vangnet.admin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.store.AccountStore;
import nl.vangnet.config.store.IssuedToken;
import nl.vangnet.config.store.TokenInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rate limit, the audit of failures and the success cache, as a matrix over a moved ticker. */
class TokenAuthenticatorTest {
    private static final String GOOD = "vgn_goodgoodgoodgoodgoodgoodgoodgoodgoodgoodgoo";
    private static final Account ADMIN = new Account(1, "admin", AccountRole.IT_ADMIN, null, false, Instant.EPOCH, 1);

    /** Accepts {@link #GOOD} while {@code valid}; counts look-ups and audited failures. */
    private static final class Accounts implements AccountStore {
        boolean valid = true;
        int lookups;
        final List<String> audited = new ArrayList<>();

        @Override
        public Optional<Account> authenticate(String secret, Instant now) {
            lookups++;
            return valid && GOOD.equals(secret) ? Optional.of(ADMIN) : Optional.empty();
        }

        @Override
        public void recordFailedLogin(String detail, Instant at) {
            audited.add(detail);
        }

        @Override
        public List<Account> accounts() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Account> account(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Account> accountByName(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long accountCount() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Account createAccount(Actor actor, Account account, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Account setAccountDisabled(Actor actor, long id, long v, boolean disabled, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public IssuedToken issueToken(Actor actor, long id, String label, Instant expiresAt, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TokenInfo importToken(Actor actor, long id, String secret, String label, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TokenInfo> tokens(long accountId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TokenInfo revokeToken(Actor actor, long tokenId, String reason) {
            throw new UnsupportedOperationException();
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
        Accounts accounts = new Accounts();
        AtomicLong nanos = new AtomicLong();
        Ticker ticker = nanos::get;
        Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
        TokenAuthenticator auth = new TokenAuthenticator(accounts, clock, new TokenAuthenticator.Settings(3,
                Duration.ofSeconds(60), Duration.ofSeconds(5), 100), ticker);
        StringBuilder got = new StringBuilder();
        for (String step : script.trim().split("\\s+")) {
            if (step.startsWith("+")) {
                nanos.addAndGet(Duration.ofSeconds(Long.parseLong(step.substring(1))).toNanos());
                continue;
            }
            if (step.equals("r")) {
                accounts.valid = false;
                continue;
            }
            String secret = switch (step) {
                case "g" -> GOOD;
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
        assertThat(accounts.audited).hasSize(audits);
        assertThat(accounts.audited).allSatisfy(a -> assertThat(a).contains("192.0.2.7")
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
