package nl.vangnet.config.store;

import static nl.vangnet.config.store.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.vangnet.config.audit.AuditAction;
import nl.vangnet.config.audit.AuditEvent;
import nl.vangnet.config.audit.AuditQuery;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.policy.MutableClock;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link AccountStore} suite of {@link JdbcStore}, run against every supported database by its subclasses
 * ({@link H2AccountStoreTest}, {@link PostgresAccountStoreTest}). Each test gets a fresh, empty, migrated database.
 */
abstract class AbstractAccountStoreTest {
    static final ZoneId AMSTERDAM = Limits.AMSTERDAM;
    static final Actor CLI = new Actor("cli:anne", "IT_ADMIN");
    static final List<String> TABLES = List.of("account", "account_token", "audit_event");
    static final String SECRET_FORMAT = "vgn_[A-Za-z0-9_-]{43}";
    static final String IMPORTED = "imported-secret-0123456789-abcdefghij";

    private final ModelJson json = ModelJson.instance();
    TestDatabase testDb;
    Database db;
    MutableClock clock;
    JdbcStore store;

    /** A fresh, empty database for one test. */
    abstract TestDatabase newTestDatabase();

    @BeforeEach
    void openStore() {
        testDb = newTestDatabase();
        db = testDb.open();
        clock = new MutableClock(TODAY.atTime(10, 0).atZone(AMSTERDAM).toInstant().plusNanos(123_456_789),
                AMSTERDAM);
        store = new JdbcStore(db, new ModelValidator(Limits.DEFAULTS), clock);
    }

    @AfterEach
    void closeStore() {
        store.close();
        db.close();
        testDb.close();
    }

    // ==== accounts ========================================================================================

    @Test
    void createAccountStoresTheNameInLowerCaseAtVersionOneAndAuditsIt() {
        Account created = store.createAccount(CLI, account(" J.DeVries ", AccountRole.CARE_PROFESSIONAL, "De Linde"),
                "new colleague");

        assertThat(created.id()).isPositive();
        assertThat(created).extracting(Account::name, Account::role, Account::location, Account::disabled,
                Account::createdAt, Account::version)
                .containsExactly("j.devries", AccountRole.CARE_PROFESSIONAL, "De Linde", false,
                        clock.instant().minusNanos(789), 1L);
        assertThat(store.account(created.id())).contains(created);
        assertThat(store.accountByName("J.DEVRIES ")).contains(created);
        assertThat(store.accountCount()).isEqualTo(1);
        AuditEvent e = onlyEvent();
        assertThat(e).extracting(AuditEvent::actorAccount, AuditEvent::actorRole, AuditEvent::action,
                AuditEvent::entityType, AuditEvent::entityId, AuditEvent::before, AuditEvent::reason)
                .containsExactly("cli:anne", "IT_ADMIN", AuditAction.ACCOUNT_CREATED, "account", created.id(), null,
                        "new colleague");
        assertThat(json.read(e.after(), Account.class)).isEqualTo(created);
    }

    @Test
    void anEmptyStoreHasNoAccountsAndUnknownNamesAndIdsAreEmpty() {
        assertThat(store.accountCount()).isZero();
        assertThat(store.accounts()).isEmpty();
        assertThat(store.account(42)).isEmpty();
        assertThat(store.accountByName("nobody")).isEmpty();
        assertThat(store.accountByName("  ")).isEmpty();
        assertThat(store.accountByName(null)).isEmpty();
    }

    @Test
    void accountsAreListedByName() {
        store.createAccount(CLI, account("zz-audit", AccountRole.AUDITOR, null), null);
        store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);
        store.createAccount(CLI, account("m.jansen", AccountRole.BEHAVIOURAL_EXPERT, null), null);

        assertThat(store.accounts()).extracting(Account::name).containsExactly("admin", "m.jansen", "zz-audit");
        assertThat(store.accountCount()).isEqualTo(3);
    }

    static Stream<Arguments> invalidAccounts() {
        String longName = "a".repeat(65);
        return Stream.of(
                Arguments.of("no name", account(null, AccountRole.IT_ADMIN, null), List.of("name")),
                Arguments.of("blank name", account("  ", AccountRole.IT_ADMIN, null), List.of("name")),
                Arguments.of("space in name", account("j devries", AccountRole.IT_ADMIN, null), List.of("name")),
                Arguments.of("name starts with a dot", account(".admin", AccountRole.IT_ADMIN, null),
                        List.of("name")),
                Arguments.of("name with @", account("j@example", AccountRole.IT_ADMIN, null), List.of("name")),
                Arguments.of("name with an accent", account("josé", AccountRole.IT_ADMIN, null), List.of("name")),
                Arguments.of("name of 65 characters", account(longName, AccountRole.IT_ADMIN, null),
                        List.of("name")),
                Arguments.of("no role", account("x", null, null), List.of("role")),
                Arguments.of("care professional without location",
                        account("x", AccountRole.CARE_PROFESSIONAL, " "), List.of("location")),
                Arguments.of("care professional with a location of 129 characters",
                        account("x", AccountRole.CARE_PROFESSIONAL, "L".repeat(129)), List.of("location")),
                Arguments.of("IT admin with a location", account("x", AccountRole.IT_ADMIN, "De Linde"),
                        List.of("location")),
                Arguments.of("auditor with a location", account("x", AccountRole.AUDITOR, "De Linde"),
                        List.of("location")),
                Arguments.of("everything wrong", account("-", null, "x"), List.of("name", "role")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidAccounts")
    void anInvalidAccountIsRefusedWithItsFieldsAndNothingIsWritten(String name, Account input,
            List<String> fields) {
        ValidationException e = refused(() -> store.createAccount(CLI, input, null));

        assertThat(fields(e)).containsExactlyElementsOf(fields);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "j.devries", "it_admin-2", "a23456789012345678901234567890123456789012345678901"
            + "2345678901234"})
    void validAccountNamesAreAccepted(String name) {
        assertThat(store.createAccount(CLI, account(name, AccountRole.AUDITOR, null), null).name()).isEqualTo(name);
    }

    @Test
    void anAccountNameIsUniqueWhateverItsCase() {
        Account first = store.createAccount(CLI, account("j.devries", AccountRole.IT_ADMIN, null), null);

        ValidationException e = refused(() -> store.createAccount(CLI, account("J.DeVries", AccountRole.AUDITOR,
                null), null));

        assertThat(problem(e, "name").message()).isEqualTo("account name j.devries is already taken (account "
                + first.id() + ")");
    }

    @Test
    void disableAndEnableChangeTheVersionAreAuditedAndDecideAuthentication() {
        Account a = store.createAccount(CLI, account("m.jansen", AccountRole.BEHAVIOURAL_EXPERT, null), null);
        IssuedToken t = store.issueToken(CLI, a.id(), "laptop", null, null);

        Account disabled = store.setAccountDisabled(CLI, a.id(), a.version(), true, "left");

        assertThat(disabled.disabled()).isTrue();
        assertThat(disabled.version()).isEqualTo(2);
        assertThat(store.account(a.id())).contains(disabled);
        assertThat(store.authenticate(t.secret(), clock.instant())).isEmpty();
        AuditEvent e = lastEvent();
        assertThat(e.action()).isEqualTo(AuditAction.ACCOUNT_DISABLED);
        assertThat(e.reason()).isEqualTo("left");
        assertThat(json.read(e.before(), Account.class)).isEqualTo(a);
        assertThat(json.read(e.after(), Account.class)).isEqualTo(disabled);

        Account enabled = store.setAccountDisabled(CLI, a.id(), 2, false, "came back");

        assertThat(enabled.disabled()).isFalse();
        assertThat(enabled.version()).isEqualTo(3);
        assertThat(lastEvent().action()).isEqualTo(AuditAction.ACCOUNT_ENABLED);
        assertThat(store.authenticate(t.secret(), clock.instant())).contains(enabled);
    }

    @Test
    void disablingADisabledAccountChangesNothingAndIsNotAudited() {
        Account a = store.createAccount(CLI, account("m.jansen", AccountRole.AUDITOR, null), null);
        Account disabled = store.setAccountDisabled(CLI, a.id(), 1, true, null);
        Map<String, Long> before = rowCounts();

        assertThat(store.setAccountDisabled(CLI, a.id(), 2, true, null)).isEqualTo(disabled);

        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void aStaleVersionIsRefusedAndChangesNothing() {
        Account a = store.createAccount(CLI, account("m.jansen", AccountRole.AUDITOR, null), null);
        store.setAccountDisabled(CLI, a.id(), 1, true, null);
        Map<String, Long> before = rowCounts();

        StaleVersionException e = catchThrowableOfType(StaleVersionException.class,
                () -> store.setAccountDisabled(CLI, a.id(), 1, false, null));

        assertThat(e).isNotNull();
        assertThat(e.entityType()).isEqualTo("account");
        assertThat(e.actualVersion()).isEqualTo(2);
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(store.account(a.id()).orElseThrow().disabled()).isTrue();
    }

    static Stream<Arguments> missing() {
        return Stream.of(
                Arguments.of("disable", "account", (StoreCall) s -> s.setAccountDisabled(CLI, 999, 1, true, null)),
                Arguments.of("issue", "account", (StoreCall) s -> s.issueToken(CLI, 999, null, null, null)),
                Arguments.of("import", "account", (StoreCall) s -> s.importToken(CLI, 999, IMPORTED, null, null)),
                Arguments.of("revoke", "token", (StoreCall) s -> s.revokeToken(CLI, 999, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missing")
    void aWriteToAMissingAccountOrTokenThrowsNotFound(String name, String entityType, StoreCall call) {
        store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);
        Map<String, Long> before = rowCounts();

        assertThatThrownBy(() -> call.apply(store)).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.entityType()).isEqualTo(entityType));
        assertThat(rowCounts()).isEqualTo(before);
    }

    // ==== tokens ==========================================================================================

    @Test
    void anIssuedTokenIsRandomStoredOnlyAsItsHashAndAuditedWithoutTheSecret() {
        Account a = store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);
        Instant expires = clock.instant().plus(Duration.ofDays(90));

        IssuedToken t = store.issueToken(CLI, a.id(), " laptop ", expires, "for the new laptop");
        IssuedToken other = store.issueToken(CLI, a.id(), null, null, null);

        assertThat(t.secret()).matches(SECRET_FORMAT);
        assertThat(other.secret()).matches(SECRET_FORMAT).isNotEqualTo(t.secret());
        assertThat(t.toString()).doesNotContain(t.secret());
        TokenInfo info = t.info();
        assertThat(info).extracting(TokenInfo::accountId, TokenInfo::label, TokenInfo::prefix, TokenInfo::createdAt,
                TokenInfo::expiresAt, TokenInfo::revokedAt)
                .containsExactly(a.id(), "laptop", t.secret().substring(0, 12), clock.instant().minusNanos(789),
                        expires.minusNanos(789), null);
        String hash = column("SELECT token_hash FROM account_token WHERE id = " + info.id());
        assertThat(hash).isEqualTo(AccountRows.hash(t.secret())).matches("[0-9a-f]{64}");
        assertThat(column("SELECT COUNT(*) FROM account_token WHERE token_hash = '" + t.secret() + "' OR prefix = '"
                + t.secret() + "' OR label = '" + t.secret() + "'")).isEqualTo("0");

        List<AuditEvent> events = store.audit(AuditQuery.all());
        AuditEvent issued = events.get(1);
        assertThat(issued).extracting(AuditEvent::action, AuditEvent::entityType, AuditEvent::entityId,
                AuditEvent::before, AuditEvent::reason)
                .containsExactly(AuditAction.TOKEN_ISSUED, "account", a.id(), null, "for the new laptop");
        assertThat(json.read(issued.after(), TokenInfo.class)).isEqualTo(info);
        for (AuditEvent e : events) {
            for (IssuedToken token : List.of(t, other)) {
                assertThat(String.valueOf(e.after()) + e.before() + e.reason())
                        .doesNotContain(token.secret(), AccountRows.hash(token.secret()),
                                token.secret().substring(12));
            }
        }
        assertThat(store.authenticate(t.secret(), clock.instant())).contains(a);
        assertThat(store.authenticate(other.secret(), clock.instant())).contains(a);
    }

    static Stream<Arguments> invalidIssues() {
        return Stream.of(
                Arguments.of("label of 101 characters", "x".repeat(101), Duration.ofDays(1), false,
                        List.of("label")),
                Arguments.of("label with a newline", "lap\ntop", Duration.ofDays(1), false, List.of("label")),
                Arguments.of("expires now", null, Duration.ZERO, false, List.of("expiresAt")),
                Arguments.of("expired yesterday", null, Duration.ofDays(-1), false, List.of("expiresAt")),
                Arguments.of("disabled account", null, null, true, List.of("accountId")),
                Arguments.of("everything", "\t\u0000", Duration.ofHours(-2), true,
                        List.of("label", "expiresAt", "accountId")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidIssues")
    void anInvalidTokenIssueIsRefusedWithItsFields(String name, String label, Duration expiresIn, boolean disabled,
            List<String> fields) {
        Account a = store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);
        if (disabled) {
            store.setAccountDisabled(CLI, a.id(), 1, true, null);
        }
        Instant expires = expiresIn == null ? null : clock.instant().plus(expiresIn);

        ValidationException e = refused(() -> store.issueToken(CLI, a.id(), label, expires, null));

        assertThat(fields(e)).containsExactlyElementsOf(fields);
    }

    @Test
    void anImportedTokenAuthenticatesAndIsAuditedWithoutTheSecret() {
        Account a = store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);

        TokenInfo info = store.importToken(CLI, a.id(), IMPORTED, "bootstrap", "from VANGNET_ADMIN_TOKEN");

        assertThat(info.prefix()).isEqualTo("imported-sec");
        assertThat(info.label()).isEqualTo("bootstrap");
        assertThat(info.expiresAt()).isNull();
        assertThat(store.tokens(a.id())).containsExactly(info);
        assertThat(store.authenticate(IMPORTED, clock.instant())).contains(a);
        AuditEvent e = lastEvent();
        assertThat(e.action()).isEqualTo(AuditAction.TOKEN_ISSUED);
        assertThat(json.read(e.after(), TokenInfo.class)).isEqualTo(info);
        assertThat(e.after()).doesNotContain(IMPORTED, AccountRows.hash(IMPORTED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short-secret-of-31-characters-x", "a secret with spaces in it, long enough",
            "geheim-met-een-accent-é-0123456789abcdef", "tab\tin-the-middle-0123456789abcdefghij"})
    void anImportedSecretMustBeLongAndVisibleAsciiAndTheMessageNeverRepeatsIt(String secret) {
        Account a = store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);

        ValidationException e = refused(() -> store.importToken(CLI, a.id(), secret, null, null));

        assertThat(fields(e)).containsExactly("secret");
        if (!secret.isEmpty()) {
            assertThat(e.getMessage()).doesNotContain(secret);
        }
    }

    @Test
    void anImportedSecretOfExactly32CharactersIsAccepted() {
        Account a = store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);
        String secret = "0123456789abcdef0123456789abcdef";

        store.importToken(CLI, a.id(), secret, null, null);

        assertThat(store.authenticate(secret, clock.instant())).contains(a);
    }

    @Test
    void aSecretInUseCannotBeImportedAgainForAnyAccount() {
        Account a = store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);
        Account b = store.createAccount(CLI, account("other", AccountRole.AUDITOR, null), null);
        store.importToken(CLI, a.id(), IMPORTED, null, null);

        ValidationException e = refused(() -> store.importToken(CLI, b.id(), IMPORTED, null, null));

        assertThat(problem(e, "secret").message()).isEqualTo("this token is already in use: choose another secret");
    }

    @Test
    void tokensAreListedNewestFirstIncludingRevokedAndExpiredOnes() {
        Account a = store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);
        Account b = store.createAccount(CLI, account("other", AccountRole.AUDITOR, null), null);
        TokenInfo first = store.issueToken(CLI, a.id(), "first", clock.instant().plusSeconds(60), null).info();
        clock.advance(Duration.ofMinutes(1));
        TokenInfo second = store.issueToken(CLI, a.id(), "second", null, null).info();
        store.issueToken(CLI, b.id(), "of b", null, null);
        clock.advance(Duration.ofMinutes(1));
        TokenInfo third = store.revokeToken(CLI, store.issueToken(CLI, a.id(), "third", null, null).info().id(),
                null);

        assertThat(store.tokens(a.id())).containsExactly(third, second, first);
        assertThat(store.tokens(4242)).isEmpty();
    }

    @Test
    void revokingATokenIsAuditedOnceAndRefusesItAtOnce() {
        Account a = store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);
        IssuedToken t = store.issueToken(CLI, a.id(), "laptop", null, null);
        clock.advance(Duration.ofHours(1));

        TokenInfo revoked = store.revokeToken(CLI, t.info().id(), "laptop stolen");

        assertThat(revoked.revokedAt()).isEqualTo(clock.instant().minusNanos(789));
        assertThat(store.tokens(a.id())).containsExactly(revoked);
        assertThat(store.authenticate(t.secret(), clock.instant())).isEmpty();
        AuditEvent e = lastEvent();
        assertThat(e).extracting(AuditEvent::action, AuditEvent::entityType, AuditEvent::entityId,
                AuditEvent::reason).containsExactly(AuditAction.TOKEN_REVOKED, "account", a.id(), "laptop stolen");
        assertThat(json.read(e.before(), TokenInfo.class)).isEqualTo(t.info());
        assertThat(json.read(e.after(), TokenInfo.class)).isEqualTo(revoked);
        Map<String, Long> before = rowCounts();

        clock.advance(Duration.ofHours(1));
        assertThat(store.revokeToken(CLI, t.info().id(), "again")).isEqualTo(revoked);

        assertThat(rowCounts()).isEqualTo(before);
    }

    /** What is presented, and whether it authenticates. */
    enum Presented {
        VALID(true),
        JUST_BEFORE_EXPIRY(true),
        AT_EXPIRY(false),
        AFTER_EXPIRY(false),
        REVOKED(false),
        ACCOUNT_DISABLED(false),
        UNKNOWN(false),
        EMPTY(false),
        NULL(false),
        PREFIX_ONLY(false),
        WITH_TRAILING_SPACE(false),
        UPPER_CASE(false),
        TOO_LONG(false);

        final boolean accepted;

        Presented(boolean accepted) {
            this.accepted = accepted;
        }
    }

    @ParameterizedTest
    @EnumSource(Presented.class)
    void authenticateAcceptsOnlyAnExactUsableTokenOfAnEnabledAccount(Presented presented) {
        Account a = store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);
        Instant expires = clock.instant().plus(Duration.ofDays(1));
        IssuedToken t = store.issueToken(CLI, a.id(), null, expires, null);
        expires = t.info().expiresAt();
        Instant now = clock.instant();
        String secret = t.secret();
        switch (presented) {
            case JUST_BEFORE_EXPIRY -> now = expires.minusNanos(1);
            case AT_EXPIRY -> now = expires;
            case AFTER_EXPIRY -> now = expires.plusSeconds(1);
            case REVOKED -> store.revokeToken(CLI, t.info().id(), null);
            case ACCOUNT_DISABLED -> a = store.setAccountDisabled(CLI, a.id(), 1, true, null);
            case UNKNOWN -> secret = AccountRows.newSecret();
            case EMPTY -> secret = "";
            case NULL -> secret = null;
            case PREFIX_ONLY -> secret = t.info().prefix();
            case WITH_TRAILING_SPACE -> secret = secret + " ";
            case UPPER_CASE -> secret = secret.toUpperCase(java.util.Locale.ROOT);
            case TOO_LONG -> secret = secret + "x".repeat(600);
            default -> {
            }
        }
        Map<String, Long> before = rowCounts();

        assertThat(store.authenticate(secret, now).isPresent()).isEqualTo(presented.accepted);
        if (presented.accepted) {
            assertThat(store.authenticate(secret, now)).contains(a);
        }
        assertThat(rowCounts()).as("authenticate only reads").isEqualTo(before);
    }

    @Test
    void aFailedLoginIsAuditedAsAnonymousAtTheGivenInstant() {
        Instant at = clock.instant().minusSeconds(5);

        store.recordFailedLogin("unknown token vgn_Ab3dE5gH… from 192.0.2.7", at);
        store.recordFailedLogin("x".repeat(600), at.plusSeconds(1));
        store.recordFailedLogin(null, at.plusSeconds(2));

        List<AuditEvent> events = store.audit(AuditQuery.all());
        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e).extracting(AuditEvent::actorAccount,
                AuditEvent::actorRole, AuditEvent::action, AuditEvent::entityType, AuditEvent::entityId,
                AuditEvent::before, AuditEvent::after)
                .containsExactly("anonymous", "ANONYMOUS", AuditAction.LOGIN_FAILED, "account", 0L, null, null));
        assertThat(events.get(0).reason()).isEqualTo("unknown token vgn_Ab3dE5gH… from 192.0.2.7");
        assertThat(events.get(0).at()).isEqualTo(at.minusNanos(789));
        assertThat(events.get(1).reason()).isEqualTo("x".repeat(500) + "…");
        assertThat(events.get(2).reason()).isEqualTo("failed login");
        assertThat(store.verifyAudit().ok()).isTrue();
    }

    @Test
    void theAuditChainVerifiesAfterEveryKindOfAccountWrite() {
        Account a = store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);
        IssuedToken t = store.issueToken(CLI, a.id(), null, null, null);
        store.importToken(CLI, a.id(), IMPORTED, null, null);
        store.revokeToken(CLI, t.info().id(), null);
        store.setAccountDisabled(CLI, a.id(), 1, true, null);
        store.setAccountDisabled(CLI, a.id(), 2, false, null);
        store.recordFailedLogin("unknown token", clock.instant());

        assertThat(store.audit(AuditQuery.all())).extracting(AuditEvent::action).containsExactly(
                AuditAction.ACCOUNT_CREATED, AuditAction.TOKEN_ISSUED, AuditAction.TOKEN_ISSUED,
                AuditAction.TOKEN_REVOKED, AuditAction.ACCOUNT_DISABLED, AuditAction.ACCOUNT_ENABLED,
                AuditAction.LOGIN_FAILED);
        assertThat(store.verifyAudit().ok()).isTrue();
        assertThat(store.dataVersion()).isEqualTo(7);
    }

    static Stream<Arguments> constraintViolations() {
        return Stream.of(
                Arguments.of("INSERT INTO account (name, role, disabled, created_at, version) VALUES ('admin',"
                        + " 'AUDITOR', FALSE, CURRENT_TIMESTAMP, 1)", "name"),
                Arguments.of("INSERT INTO account_token (account_id, prefix, token_hash, created_at) SELECT account_id,"
                        + " 'x', token_hash, created_at FROM account_token", "secret"),
                Arguments.of("INSERT INTO account_token (account_id, prefix, token_hash, created_at) VALUES (4242,"
                        + " 'x', 'h', CURRENT_TIMESTAMP)", "accountId"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("constraintViolations")
    void constraintViolationsOfTheDatabaseMapToTheFieldTheyConcern(String sql, String field) {
        Account a = store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);
        store.issueToken(CLI, a.id(), null, null, null);

        SQLException violation = catchThrowableOfType(SQLException.class, () -> execute(sql));

        assertThat((Throwable) violation).as(sql).isNotNull();
        assertThat(SqlErrors.isConstraintViolation(violation)).isTrue();
        assertThat(SqlErrors.problemsOf(violation, false)).extracting(Problem::field).containsExactly(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE account SET name = 'Admin'", "UPDATE account SET role = 'ROOT'"})
    void theSchemaRefusesUpperCaseNamesAndUnknownRoles(String sql) {
        store.createAccount(CLI, account("admin", AccountRole.IT_ADMIN, null), null);

        SQLException violation = catchThrowableOfType(SQLException.class, () -> execute(sql));

        assertThat((Throwable) violation).as(sql).isNotNull();
        assertThat(SqlErrors.isConstraintViolation(violation)).isTrue();
    }

    // ==== helpers =========================================================================================

    @FunctionalInterface
    interface StoreCall {
        Object apply(JdbcStore store);
    }

    static Account account(String name, AccountRole role, String location) {
        return new Account(0, name, role, location, false, null, 0);
    }

    ValidationException refused(ThrowingCallable call) {
        Map<String, Long> before = rowCounts();
        ValidationException e = catchThrowableOfType(ValidationException.class, call);
        assertThat(e).as("expected a ValidationException").isNotNull();
        assertThat(rowCounts()).as("a refused write writes nothing").isEqualTo(before);
        return e;
    }

    static List<String> fields(ValidationException e) {
        return e.problems().stream().map(Problem::field).toList();
    }

    static Problem problem(ValidationException e, String field) {
        return e.problems().stream().filter(p -> p.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + field + " in " + e.problems()));
    }

    AuditEvent onlyEvent() {
        List<AuditEvent> all = store.audit(AuditQuery.all());
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    AuditEvent lastEvent() {
        List<AuditEvent> all = store.audit(AuditQuery.all());
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, testDb.count(table));
        }
        counts.put("revoked", Long.parseLong(column("SELECT COUNT(*) FROM account_token WHERE revoked_at IS NOT NULL")));
        counts.put("disabled", Long.parseLong(column("SELECT COUNT(*) FROM account WHERE disabled")));
        counts.put("audit_head.last_seq", Long.parseLong(column("SELECT last_seq FROM audit_head")));
        return counts;
    }

    String column(String sql) {
        return testDb.column(sql);
    }

    void execute(String sql) throws SQLException {
        try (Connection c = testDb.connect(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
