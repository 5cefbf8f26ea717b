package nl.vangnet.admin.pages;

import com.github.benmanes.caffeine.cache.Ticker;
import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import nl.vangnet.admin.AdminApp;
import nl.vangnet.admin.AdminContext;
import nl.vangnet.admin.ListsAdmin;
import nl.vangnet.admin.MetricsScrape;
import nl.vangnet.admin.http.Access;
import nl.vangnet.admin.http.AuthResult;
import nl.vangnet.admin.http.Authenticator;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.admin.http.RouteTable;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.policy.MutableClock;
import nl.vangnet.config.policy.SnapshotPublisher;
import nl.vangnet.config.rules.Fixtures;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.store.BlockBatch;
import nl.vangnet.config.store.BlockCount;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;
import nl.vangnet.config.store.VangnetStore;
import nl.vangnet.proxy.decision.SafeSearchTable;
import nl.vangnet.proxy.lists.ListIndex;

/**
 * A store with clients at two locations and registrations in every state the review page shows, the test accounts
 * with their tokens, and the pages in the real admin app ({@link AdminApp}) on loopback. On {@link #NOW} (Monday 25 May 2026, 10:00 in
 * Amsterdam), with 7 days' lapse grace and warnings 14 days ahead:
 * <ul>
 *   <li>C-0001 (De Linde), Wzd, strict → medium 2 Apr → light 2 May → unrestricted 2 Aug; evaluation 2 June:
 *       "binnenkort", stap 2 van 3; blocks counted;</li>
 *   <li>C-0002 (De Linde), voluntary, evaluation 20 May: passed, within grace: "te laat";</li>
 *   <li>C-0003 (Huize Zonnebloem), Wzd on the allow-list profile, evaluation 2 August: no marking;</li>
 *   <li>C-0004 (De Linde), voluntary, consent withdrawn on 10 May;</li>
 *   <li>C-0005 (De Linde), voluntary, evaluation 2 April not recorded: lapsed;</li>
 *   <li>C-0006 (De Linde), voluntary, starts 1 June.</li>
 * </ul>
 * Not thread-safe; one per test.
 */
final class PagesWorld implements AutoCloseable {
    static final LocalDate START = Fixtures.TODAY;
    static final Instant NOW = Instant.parse("2026-05-25T08:00:00Z");
    static final Limits LIMITS = new Limits(Period.ofMonths(3), Period.ofMonths(6), 14, 7, 14, Limits.AMSTERDAM);
    static final String LINDE = "De Linde";
    static final String ZONNEBLOEM = "Huize Zonnebloem";

    static final Principal EXPERT = new Principal(1, "gd.jansen", AccountRole.BEHAVIOURAL_EXPERT, null);
    static final Principal CARE_LINDE = new Principal(2, "pb.linde", AccountRole.CARE_PROFESSIONAL, LINDE);
    static final Principal ADMIN = new Principal(3, "it.admin", AccountRole.IT_ADMIN, null);
    static final Principal AUDITOR = new Principal(4, "audit", AccountRole.AUDITOR, null);
    static final Map<String, Principal> TOKENS = Map.of("vgn_expert", EXPERT, "vgn_linde", CARE_LINDE,
            "vgn_admin", ADMIN, "vgn_auditor", AUDITOR);
    static final String THROTTLED_TOKEN = "vgn_throttled";
    static final Actor SETUP = new Actor("setup", "IT_ADMIN");

    final MutableClock clock = new MutableClock(START.atTime(10, 0).atZone(Limits.AMSTERDAM).toInstant(),
            Limits.AMSTERDAM);
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final Ticker ticker = nanos::get;
    final Database database;
    final JdbcStore jdbc;
    final VangnetStore store;
    final PageSessions sessions;
    final SnapshotPublisher publisher;
    final List<String> authenticated = new ArrayList<>();
    long strict;
    long medium;
    long light;
    long allowList;
    final Map<String, Long> registrations = new HashMap<>();
    private Javalin app;

    PagesWorld() {
        database = Database.open(Database.h2Memory("pages-" + System.nanoTime()), "", "");
        jdbc = new JdbcStore(database, new ModelValidator(LIMITS), clock);
        store = jdbc;
        sessions = new PageSessions(PageSessions.DEFAULT_IDLE, PageSessions.DEFAULT_ABSOLUTE, ticker, p -> true);
        seed();
        publisher = new SnapshotPublisher(store::load, LIMITS, clock);
        publisher.refresh();
    }

    private void seed() {
        strict = store.createProfile(SETUP, Fixtures.strict(), null).id();
        medium = store.createProfile(SETUP, Fixtures.medium(), null).id();
        light = store.createProfile(SETUP, Fixtures.light(), null).id();
        allowList = store.createProfile(SETUP, Fixtures.allowList(), null).id();
        long c1 = client("C-0001", LINDE);
        long c2 = client("C-0002", LINDE);
        long c3 = client("C-0003", ZONNEBLOEM);
        long c4 = client("C-0004", LINDE);
        long c5 = client("C-0005", LINDE);
        long c6 = client("C-0006", LINDE);
        register("C-0001", Fixtures.wzd(START).clientId(c1).profileId(strict)
                .phaseOut(List.of(new PhaseOutStep(START.plusMonths(1), medium),
                        new PhaseOutStep(START.plusMonths(2), light), PhaseOutStep.unrestricted(START.plusMonths(5))))
                .build());
        register("C-0002", Fixtures.voluntary(START).clientId(c2).profileId(medium)
                .evaluationDate(LocalDate.of(2026, 5, 20))
                .phaseOut(List.of(new PhaseOutStep(START.plusMonths(3), light),
                        PhaseOutStep.unrestricted(START.plusMonths(4)))).build());
        register("C-0003", Fixtures.wzd(START).clientId(c3).profileId(allowList)
                .evaluationDate(START.plusMonths(3))
                .phaseOut(List.of(PhaseOutStep.unrestricted(START.plusMonths(5)))).build());
        register("C-0004", Fixtures.voluntary(START).clientId(c4).profileId(medium)
                .phaseOut(List.of(new PhaseOutStep(START.plusMonths(2), light),
                        PhaseOutStep.unrestricted(START.plusMonths(4)))).build());
        register("C-0005", Fixtures.voluntary(START).clientId(c5).profileId(medium)
                .evaluationDate(START.plusMonths(1))
                .phaseOut(List.of(new PhaseOutStep(START.plusMonths(2), light),
                        PhaseOutStep.unrestricted(START.plusMonths(4)))).build());
        register("C-0006", Fixtures.voluntary(LocalDate.of(2026, 6, 1)).clientId(c6).profileId(medium)
                .phaseOut(List.of(new PhaseOutStep(LocalDate.of(2026, 8, 1), light),
                        PhaseOutStep.unrestricted(LocalDate.of(2026, 10, 1)))).build());
        clock.set(Instant.parse("2026-05-10T10:00:00Z"));
        Registration r4 = store.registration(registrations.get("C-0004")).orElseThrow();
        store.recordWithdrawal(SETUP, r4.id(), r4.version(), Fixtures.withdrawal(Instant.parse("2026-05-10T08:00:00Z")),
                null);
        clock.set(NOW);
        long r1 = registrations.get("C-0001");
        store.recordBlocks(new BlockBatch(List.of(
                new BlockCount(r1, LocalDate.of(2026, 5, 24), "gambling", 3),
                new BlockCount(r1, LocalDate.of(2026, 5, 18), "gambling", 2),
                new BlockCount(r1, LocalDate.of(2026, 5, 10), "dating", 4),
                new BlockCount(r1, LocalDate.of(2026, 4, 20), "dating", 9)), List.of()));
    }

    private long client(String code, String location) {
        return store.createClient(SETUP, new Client(0, code, "DOS-" + code, location, 0), null).id();
    }

    private void register(String code, Registration r) {
        registrations.put(code, store.createRegistration(SETUP, r, null).id());
    }

    Registration registration(String code) {
        return store.registration(registrations.get(code)).orElseThrow();
    }

    /** The describer the tests use instead of the real Dutch one: the profile's name. */
    static String describe(Profile p) {
        return "profiel " + p.name();
    }

    Authenticator authenticator() {
        return (secret, remote) -> {
            if (secret.equals(THROTTLED_TOKEN)) {
                return new AuthResult.Throttled(Duration.ofSeconds(90));
            }
            Principal p = TOKENS.get(secret);
            if (p == null) {
                return new AuthResult.Rejected("unknown token");
            }
            authenticated.add(p.account() + "@" + remote);
            return new AuthResult.Authenticated(p);
        };
    }

    PagesContext context() {
        return new PagesContext(store, authenticator(), sessions, LIMITS, clock, PagesWorld::describe);
    }

    /**
     * Starts the admin app with the pages on 127.0.0.1 and an ephemeral port, framed as the launcher frames them
     * ({@link AdminApp#create}: the access check with these sessions, problems); the world's authenticator also
     * checks the API's bearer tokens.
     */
    Javalin start() {
        AdminContext admin = new AdminContext(jdbc, jdbc, publisher::current, clock, LIMITS, ListsAdmin.NONE,
                MetricsScrape.NONE, ListIndex::empty, SafeSearchTable.defaults());
        app = AdminApp.create(admin, new Access(authenticator(), sessions),
                RouteTable.of(PageEndpoints.create(context()))).start("127.0.0.1", 0);
        return app;
    }

    String base() {
        return "http://127.0.0.1:" + app.port();
    }

    void idle(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        publisher.close();
        database.close();
    }
}
