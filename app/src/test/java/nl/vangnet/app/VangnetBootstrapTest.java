package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.store.AccountStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first start of {@link Vangnet} with the admin API: the first admin's token (and with {@code --demo} the demo
 * accounts' tokens) are shown once on the console, never on later starts. Without the proxy, on loopback.
 */
class VangnetBootstrapTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final Pattern SECRET = Pattern.compile("vgn_[A-Za-z0-9_-]{43}");

    @TempDir
    Path dir;

    private Settings settings(boolean adminEnabled) {
        return SettingsLoader.load(null, Map.of(), Map.of(Setting.STORE_H2_PATH, dir.resolve("db").toString(),
                Setting.PROXY_ENABLED, "false", Setting.ADMIN_BIND, "127.0.0.1:0",
                Setting.ADMIN_ENABLED, String.valueOf(adminEnabled)));
    }

    @Test
    void theFirstStartShowsTheAdminTokenOnceAndLaterStartsShowNothing() {
        StringWriter first = new StringWriter();
        String secret;
        try (Vangnet v = Vangnet.start(settings(true), false, CLOCK, new PrintWriter(first, true))) {
            Matcher m = SECRET.matcher(first.toString());
            assertThat(m.find()).as(first.toString()).isTrue();
            secret = m.group();
            assertThat(first.toString()).contains("http://127.0.0.1:" + v.adminAddress().getPort() + "/api/v1");
            assertThat(((AccountStore) v.store()).authenticate(secret, CLOCK.instant())).map(Account::name)
                    .contains("admin");
        }

        StringWriter second = new StringWriter();
        try (Vangnet v = Vangnet.start(settings(true), false, CLOCK, new PrintWriter(second, true))) {
            assertThat(second.toString()).isEmpty();
            AccountStore accounts = (AccountStore) v.store();
            assertThat(accounts.accountCount()).isEqualTo(1);
            assertThat(accounts.authenticate(secret, CLOCK.instant())).isPresent();
        }
    }

    @Test
    void whenTheAdminApiCannotStartTheNewTokenIsStillShownBeforeTheError() throws Exception {
        StringWriter out = new StringWriter();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Settings s = SettingsLoader.load(null, Map.of(), Map.of(Setting.STORE_H2_PATH,
                    dir.resolve("db").toString(), Setting.PROXY_ENABLED, "false", Setting.ADMIN_BIND,
                    "127.0.0.1:" + taken.getLocalPort()));

            assertThatThrownBy(() -> Vangnet.start(s, false, CLOCK, new PrintWriter(out, true)))
                    .isInstanceOf(RuntimeException.class);

            assertThat(out.toString()).contains("http://127.0.0.1:" + taken.getLocalPort() + "/api/v1");
        }
        Matcher m = SECRET.matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        String secret = m.group();
        StringWriter next = new StringWriter();
        try (Vangnet v = Vangnet.start(settings(true), false, CLOCK, new PrintWriter(next, true))) {
            assertThat(next.toString()).isEmpty();
            assertThat(((AccountStore) v.store()).authenticate(secret, CLOCK.instant())).isPresent();
        }
    }

    @Test
    void withoutTheAdminApiNoAccountIsCreated() {
        StringWriter out = new StringWriter();
        try (Vangnet v = Vangnet.start(settings(false), true, CLOCK, new PrintWriter(out, true))) {
            assertThat(((AccountStore) v.store()).accountCount()).isZero();
        }
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theDemoShowsTheApiUrlAndOneTokenPerRoleOnceAndIsIdempotent() {
        StringWriter first = new StringWriter();
        try (Vangnet v = Vangnet.start(settings(true), true, CLOCK, new PrintWriter(first, true))) {
            String text = first.toString();
            assertThat(text).contains("Vangnet demo. The admin API is at http://127.0.0.1:"
                    + v.adminAddress().getPort() + "/api/v1", "IT_ADMIN token (account admin)", "demo-zorg",
                    "demo-gedrag", "demo-audit");
            assertThat(SECRET.matcher(text).results().map(java.util.regex.MatchResult::group).distinct().count()).isEqualTo(4);
            assertThat(SECRET.matcher(text).results().count()).as("each token printed once").isEqualTo(4);
            AccountStore accounts = (AccountStore) v.store();
            assertThat(accounts.accounts()).extracting(Account::name).containsExactly("admin", "demo-audit",
                    "demo-gedrag", "demo-zorg");
            SECRET.matcher(text).results().forEach(r -> assertThat(accounts.authenticate(r.group(),
                    CLOCK.instant())).isPresent());
            assertThat(v.store().verifyAudit().ok()).isTrue();
        }

        StringWriter second = new StringWriter();
        try (Vangnet v = Vangnet.start(settings(true), true, CLOCK, new PrintWriter(second, true))) {
            assertThat(second.toString()).isEmpty();
            assertThat(((AccountStore) v.store()).accountCount()).isEqualTo(4);
        }
    }
}
