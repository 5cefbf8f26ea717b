package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import nl.vangnet.config.audit.AuditAction;
import nl.vangnet.config.audit.AuditEvent;
import nl.vangnet.config.audit.AuditQuery;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;
import nl.vangnet.config.store.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AdminBootstrap}, {@link DemoAccounts} and {@link FirstStartNotice} on an in-memory store. */
class AdminBootstrapTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final String ENV_TOKEN = "my-own-admin-token-0123456789-abcdef";
    private static final String URL = "http://127.0.0.1:8080/api/v1";

    private TestDatabase testDb;
    private Database db;
    private JdbcStore store;

    @BeforeEach
    void open() {
        testDb = TestDatabase.h2();
        db = testDb.open();
        store = new JdbcStore(db, new ModelValidator(Limits.DEFAULTS), CLOCK);
    }

    @AfterEach
    void close() {
        db.close();
        testDb.close();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void anEmptyStoreGetsAnAdminWithANewTokenOnceWhenNoTokenIsGiven(String env) {
        AdminBootstrap.FirstAdmin first = AdminBootstrap.bootstrapIfEmpty(store, env).orElseThrow();

        assertThat(first.account()).extracting(Account::name, Account::role).containsExactly("admin",
                AccountRole.IT_ADMIN);
        assertThat(first.imported()).isFalse();
        assertThat(first.secret()).matches("vgn_[A-Za-z0-9_-]{43}");
        assertThat(first.toString()).doesNotContain(first.secret());
        assertThat(store.authenticate(first.secret(), CLOCK.instant())).contains(first.account());
        assertThat(store.tokens(first.account().id())).singleElement()
                .satisfies(t -> assertThat(t.label()).isEqualTo("bootstrap"));
        List<AuditEvent> events = store.audit(AuditQuery.all());
        assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.ACCOUNT_CREATED,
                AuditAction.TOKEN_ISSUED);
        assertThat(events).extracting(AuditEvent::actorAccount).containsOnly(Actor.SYSTEM.account());

        assertThat(AdminBootstrap.bootstrapIfEmpty(store, env)).isEmpty();
        assertThat(store.accountCount()).isEqualTo(1);
        assertThat(store.audit(AuditQuery.all())).hasSize(2);
    }

    @Test
    void aTokenFromTheEnvironmentIsImportedAndNotShown() {
        AdminBootstrap.FirstAdmin first = AdminBootstrap.bootstrapIfEmpty(store, ENV_TOKEN + "\n").orElseThrow();

        assertThat(first.imported()).isTrue();
        assertThat(store.authenticate(ENV_TOKEN, CLOCK.instant())).contains(first.account());
        assertThat(store.audit(AuditQuery.all())).allSatisfy(e -> assertThat(e.after() + e.reason())
                .doesNotContain(ENV_TOKEN));
        StringWriter out = new StringWriter();
        FirstStartNotice.print(new PrintWriter(out), URL, Optional.of(first), false, List.of());
        assertThat(out.toString()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"too-short", "has spaces in it but is long enough to pass"})
    void anUnusableEnvironmentTokenStopsTheStartAndWritesNothing(String env) {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> AdminBootstrap.bootstrapIfEmpty(store, env));

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("VANGNET_ADMIN_TOKEN");
            assertThat(p.message()).doesNotContain(env);
        });
        assertThat(store.accountCount()).isZero();
        assertThat(store.audit(AuditQuery.all())).isEmpty();
    }

    @Test
    void aStoreWithAccountsIsLeftAloneAndNothingIsShown() {
        store.createAccount(Actor.SYSTEM, new Account(0, "someone", AccountRole.AUDITOR, null, false, null, 0), null);

        assertThat(AdminBootstrap.bootstrapIfEmpty(store, null)).isEmpty();
        assertThat(AdminBootstrap.bootstrapIfEmpty(store, ENV_TOKEN)).isEmpty();

        assertThat(store.accountCount()).isEqualTo(1);
        assertThat(store.authenticate(ENV_TOKEN, CLOCK.instant())).isEmpty();
    }

    @Test
    void theFirstAdminsTokenIsPrintedFramedOnce() {
        AdminBootstrap.FirstAdmin first = AdminBootstrap.bootstrapIfEmpty(store, null).orElseThrow();
        StringWriter out = new StringWriter();

        FirstStartNotice.print(new PrintWriter(out), URL, Optional.of(first), false, List.of());

        String text = out.toString();
        assertThat(text).startsWith(FirstStartNotice.RULE).contains("'admin' (IT_ADMIN)", "    " + first.secret(),
                "shown only this once", URL + "/clients", "vangnet token issue --account admin")
                .endsWith(FirstStartNotice.RULE + System.lineSeparator());
        assertThat(text.split(first.secret(), -1)).hasSize(2);
    }

    @Test
    void theDemoHasOneAccountPerRoleWithTheFirstAdminAsItsItAdminAndIsIdempotent() {
        AdminBootstrap.FirstAdmin first = AdminBootstrap.bootstrapIfEmpty(store, null).orElseThrow();

        List<DemoAccounts.Created> created = DemoAccounts.seedMissing(store);

        assertThat(created).extracting(c -> c.account().name()).containsExactly("demo-zorg", "demo-gedrag",
                "demo-audit");
        assertThat(store.accounts()).extracting(Account::role).containsExactlyInAnyOrder(AccountRole.values());
        assertThat(store.accountByName("demo-zorg").orElseThrow().location()).isEqualTo(DemoAccounts.LOCATION);
        for (DemoAccounts.Created c : created) {
            assertThat(store.authenticate(c.secret(), CLOCK.instant())).contains(c.account());
            assertThat(c.toString()).doesNotContain(c.secret());
        }
        StringWriter out = new StringWriter();
        FirstStartNotice.print(new PrintWriter(out), URL, Optional.of(first), true, created);
        String text = out.toString();
        assertThat(text).contains("admin API is at " + URL, "IT_ADMIN token (account admin)",
                "export VANGNET_TOKEN=" + first.secret(), "CARE_PROFESSIONAL", "demo-zorg", "De Linde",
                "BEHAVIOURAL_EXPERT", "demo-gedrag", "AUDITOR", "demo-audit");
        assertThat(text.split(first.secret(), -1)).as("the admin token is printed once").hasSize(2);
        for (DemoAccounts.Created c : created) {
            assertThat(text).contains(c.secret());
        }

        assertThat(DemoAccounts.seedMissing(store)).isEmpty();
        assertThat(store.accountCount()).isEqualTo(4);
        StringWriter again = new StringWriter();
        FirstStartNotice.print(new PrintWriter(again), URL, Optional.empty(), true, List.of());
        assertThat(again.toString()).isEmpty();
    }

    @Test
    void withoutAnItAdminTheDemoCreatesDemoItAndPrintsItsTokenAsTheItAdminToken() {
        List<DemoAccounts.Created> created = DemoAccounts.seedMissing(store);

        assertThat(created).extracting(c -> c.account().name()).containsExactly("demo-it", "demo-zorg",
                "demo-gedrag", "demo-audit");
        StringWriter out = new StringWriter();
        FirstStartNotice.print(new PrintWriter(out), URL, Optional.empty(), true, created);
        String demoIt = created.get(0).secret();
        assertThat(out.toString()).contains("IT_ADMIN token (account demo-it)", "export VANGNET_TOKEN=" + demoIt);
        assertThat(out.toString().split(demoIt, -1)).hasSize(2);
    }
}
