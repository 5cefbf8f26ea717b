package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.vangnet.config.audit.AuditAction;
import nl.vangnet.config.audit.AuditEvent;
import nl.vangnet.config.audit.AuditQuery;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;
import nl.vangnet.config.store.TokenInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code vangnet account …} and {@code vangnet token …} on an embedded H2 file, through {@link Main#execute}. */
class AccountCommandsTest {
    private static final Pattern SECRET = Pattern.compile("vgn_[A-Za-z0-9_-]{43}");

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;
    private String db;

    @BeforeEach
    void paths() {
        db = dir.resolve("db").toString();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--h2-path", db)).toArray(String[]::new);
        return Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Reads the store the commands wrote (after they closed it). */
    private <T> T inStore(java.util.function.Function<JdbcStore, T> read) {
        Settings s = SettingsLoader.load(null, Map.of(), Map.of(Setting.STORE_H2_PATH, db));
        try (Database d = Database.open(s.storeUrl(), null, null);
                JdbcStore store = new JdbcStore(d, new ModelValidator(s.limits()), Clock.systemUTC())) {
            return read.apply(store);
        }
    }

    @Test
    void createListDisableEnableAreAuditedAsTheCliUser() {
        assertThat(run("account", "create", "--name", "J.DeVries", "--role", "CARE_PROFESSIONAL", "--location",
                "De Linde", "--reason", "new colleague")).isZero();
        assertThat(out.toString()).contains("created account j.devries (CARE_PROFESSIONAL, De Linde)");
        assertThat(run("account", "create", "--name", "m.jansen", "--role", "AUDITOR")).isZero();
        assertThat(run("token", "issue", "--account", "j.devries")).isZero();

        assertThat(run("account", "list")).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("NAME").contains("ROLE", "LOCATION", "DISABLED", "TOKENS IN USE");
        assertThat(lines.get(1).split("\\s{2,}")).containsExactly("j.devries", "CARE_PROFESSIONAL", "De Linde",
                "no", "1");
        assertThat(lines.get(2).split("\\s{2,}")).containsExactly("m.jansen", "AUDITOR", "-", "no", "0");

        assertThat(run("account", "disable", "--name", "j.devries", "--reason", "left")).isZero();
        assertThat(out.toString()).contains("disabled account j.devries");
        assertThat(run("account", "disable", "--name", "j.devries")).isZero();
        assertThat(out.toString()).contains("already disabled");
        assertThat(run("account", "list")).isZero();
        assertThat(out.toString().lines().toList().get(1).split("\\s{2,}")[3]).isEqualTo("yes");
        assertThat(run("account", "enable", "--name", "J.DEVRIES")).isZero();

        List<AuditEvent> events = inStore(s -> s.audit(AuditQuery.all()));
        assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.ACCOUNT_CREATED,
                AuditAction.ACCOUNT_CREATED, AuditAction.TOKEN_ISSUED, AuditAction.ACCOUNT_DISABLED,
                AuditAction.ACCOUNT_ENABLED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.actorAccount()).isEqualTo(CliStore.actor().account()).startsWith("cli:");
            assertThat(e.actorRole()).isEqualTo("IT_ADMIN");
        });
        assertThat(events.get(0).reason()).isEqualTo("new colleague");
        assertThat(events.get(3).reason()).isEqualTo("left");
    }

    @Test
    void anIssuedTokenIsPrintedOnceAuthenticatesAndIsListedByPrefixOnly() {
        run("account", "create", "--name", "admin2", "--role", "IT_ADMIN");

        assertThat(run("token", "issue", "--account", "admin2", "--label", "laptop", "--expires-in", "90d"))
                .isZero();

        Matcher m = SECRET.matcher(out.toString());
        assertThat(m.find()).isTrue();
        String secret = m.group();
        assertThat(out.toString()).contains("will not be shown again", "label laptop", "valid until");
        Instant expected = Instant.now().plus(Duration.ofDays(90));
        TokenInfo info = inStore(s -> s.tokens(s.accountByName("admin2").orElseThrow().id())).get(0);
        assertThat(info.expiresAt()).isBetween(expected.minusSeconds(120), expected.plusSeconds(1));
        java.util.Optional<Account> who = inStore(s -> s.authenticate(secret, Instant.now()));
        assertThat(who.map(Account::name)).contains("admin2");

        assertThat(run("token", "list", "--account", "admin2")).isZero();
        assertThat(out.toString()).contains(secret.substring(0, 12), "laptop", "in use").doesNotContain(secret);

        assertThat(run("token", "revoke", "--id", String.valueOf(info.id()), "--reason", "stolen")).isZero();
        assertThat(out.toString()).contains("revoked token " + info.id() + " (" + info.prefix() + "…) of account"
                + " admin2");
        java.util.Optional<Account> afterRevoke = inStore(s -> s.authenticate(secret, Instant.now()));
        assertThat(afterRevoke).isEmpty();
        assertThat(run("token", "revoke", "--id", String.valueOf(info.id()))).isZero();
        assertThat(out.toString()).contains("was already revoked");
        assertThat(run("token", "list", "--account", "admin2")).isZero();
        assertThat(out.toString()).contains("revoked ");
        List<AuditEvent> events = inStore(s -> s.audit(AuditQuery.all()));
        assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.ACCOUNT_CREATED,
                AuditAction.TOKEN_ISSUED, AuditAction.TOKEN_REVOKED);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(new String[] {"account", "create", "--name", "j devries", "--role", "AUDITOR"}, 2,
                        "vangnet account create: name: the account name must be"),
                Arguments.of(new String[] {"account", "create", "--name", "x", "--role", "CARE_PROFESSIONAL"}, 2,
                        "vangnet account create: location: a CARE_PROFESSIONAL account needs a location"),
                Arguments.of(new String[] {"account", "create", "--name", "x", "--role", "IT_ADMIN", "--location",
                    "De Linde"}, 2, "vangnet account create: location: only a CARE_PROFESSIONAL account"),
                Arguments.of(new String[] {"account", "create", "--name", "taken", "--role", "AUDITOR"}, 2,
                        "vangnet account create: name: account name taken is already taken"),
                Arguments.of(new String[] {"account", "create", "--name", "x", "--role", "ROOT"}, 2,
                        "Invalid value for option '--role'"),
                Arguments.of(new String[] {"account", "create", "--role", "AUDITOR"}, 2,
                        "Missing required option: '--name=NAME'"),
                Arguments.of(new String[] {"account", "disable", "--name", "nobody"}, 1,
                        "vangnet account disable: there is no account named 'nobody'"),
                Arguments.of(new String[] {"token", "issue", "--account", "nobody"}, 1,
                        "vangnet token issue: there is no account named 'nobody'"),
                Arguments.of(new String[] {"token", "issue", "--account", "taken", "--expires-in", "soon"}, 2,
                        "vangnet token issue: expiresIn: 'soon' is not a validity"),
                Arguments.of(new String[] {"token", "issue", "--account", "taken", "--label", "x".repeat(101)}, 2,
                        "vangnet token issue: label: the token label must be at most 100 characters"),
                Arguments.of(new String[] {"token", "list", "--account", "nobody"}, 1,
                        "vangnet token list: there is no account named 'nobody'"),
                Arguments.of(new String[] {"token", "revoke", "--id", "4242"}, 1,
                        "vangnet token revoke: token 4242 does not exist"),
                Arguments.of(new String[] {"token", "revoke", "--id", "seven"}, 2,
                        "Invalid value for option '--id'"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsOneLineOnStandardErrorWithANonZeroExit(String[] args, int exit, String message) {
        assertThat(run("account", "create", "--name", "taken", "--role", "AUDITOR")).isZero();

        assertThat(run(args)).isEqualTo(exit);

        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("vangnet").contains(message);
        assertThat(out.toString()).isEmpty();
        assertThat(inStore(JdbcStore::accountCount)).isEqualTo(1);
    }

    @Test
    void anEmptyStoreListsNoAccountsWithAHint() {
        assertThat(run("account", "list")).isZero();
        assertThat(out.toString()).contains("no accounts yet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"account", "token", "account create", "token issue", "token revoke"})
    void helpSaysWritesAreAuditedAsTheCliUserWithRoleItAdmin(String command) {
        out = new StringWriter();
        String[] args = Stream.concat(Stream.of(command.split(" ")), Stream.of("--help")).toArray(String[]::new);
        assertThat(Main.execute(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)))
                .isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("cli:<os-user>").contains("IT_ADMIN");
    }

    @ParameterizedTest
    @CsvSource({"90d, PT2160H", "12h, PT12H", "30m, PT30M", "2w, PT336H", "P90D, PT2160H", "pt1h, PT1H",
        "' 7D ', PT168H"})
    void validitiesParse(String text, String expected) {
        assertThat(TokenCommand.parseExpiresIn(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0d", "-1d", "d", "90", "90 days", "1y", "P-1D", "PT0S", "Px", "1234567d"})
    void badValiditiesAreRefused(String text) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenCommand.parseExpiresIn(text))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("expiresIn"));
    }

    @Test
    void theCliActorIsTheOsUserWithRoleItAdmin() {
        assertThat(CliStore.actor().account()).isEqualTo("cli:" + System.getProperty("user.name").toLowerCase(
                java.util.Locale.ROOT));
        assertThat(CliStore.actor().role()).isEqualTo(AccountRole.IT_ADMIN.name());
    }
}
