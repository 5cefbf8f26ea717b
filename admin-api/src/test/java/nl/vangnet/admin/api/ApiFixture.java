package nl.vangnet.admin.api;

import com.github.benmanes.caffeine.cache.Ticker;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import nl.vangnet.admin.AdminApp;
import nl.vangnet.admin.AdminContext;
import nl.vangnet.admin.ListStatusResponse;
import nl.vangnet.admin.ListsAdmin;
import nl.vangnet.admin.MetricsScrape;
import nl.vangnet.admin.RequestMetrics;
import nl.vangnet.admin.http.Access;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.admin.http.RouteTable;
import nl.vangnet.admin.http.TokenAuthenticator;
import nl.vangnet.admin.pages.PageEndpoints;
import nl.vangnet.admin.pages.PageSession;
import nl.vangnet.admin.pages.PageSessions;
import nl.vangnet.admin.pages.PagesContext;
import nl.vangnet.admin.report.WzdReportEndpoints;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Consent;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.policy.SnapshotPublisher;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;
import nl.vangnet.config.text.PlainDutch;
import nl.vangnet.proxy.decision.SafeSearchTable;
import nl.vangnet.proxy.lists.ListIndex;

/**
 * The whole admin app as the launcher ({@code nl.vangnet.app.Vangnet}) builds it — the core API, the pages with
 * {@link PageSessions} as the session check, and the IGJ report — over the real {@link JdbcStore} (also the
 * {@link nl.vangnet.config.store.AccountStore}) on an H2 temp file, with one account (and token) per role, a second
 * care professional at another location, started on loopback port 0. Not thread-safe; one per test.
 */
final class ApiFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
    static final String HOME = "De Linde";
    static final String OTHER_HOME = "Het Anker";
    static final Actor SEED = new Actor("seed", "IT_ADMIN");
    static final ListStatusResponse GAMBLING = new ListStatusResponse("gambling", List.of("hosts:/srv/g"), 3, 0, 0,
            List.of(), NOW, null, null);

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Path dir;
    final Database database;
    /** The store: policy data and accounts, as in the launcher. */
    final JdbcStore store;
    /** The same store as the account store. */
    final JdbcStore accounts;
    final SnapshotPublisher publisher;
    final PageSessions sessions;
    final Map<AccountRole, String> tokens = new EnumMap<>(AccountRole.class);
    final Map<AccountRole, Principal> principals = new EnumMap<>(AccountRole.class);
    final String otherCareToken;
    final RouteTable routes;
    final Javalin app;
    /** Every answered request as the {@link RequestMetrics} saw it: {@code METHOD route status}. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    ApiFixture() throws Exception {
        dir = Files.createTempDirectory("vangnet-api");
        database = Database.open("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH", "", "");
        store = new JdbcStore(database, new ModelValidator(Limits.DEFAULTS), clock);
        accounts = store;
        publisher = new SnapshotPublisher(store::load, Limits.DEFAULTS, clock);
        publisher.refresh();
        for (AccountRole role : AccountRole.values()) {
            tokens.put(role, token(role.name().toLowerCase().replace('_', '-'), role,
                    role.needsLocation() ? HOME : null));
        }
        otherCareToken = token("other-care", AccountRole.CARE_PROFESSIONAL, OTHER_HOME);
        ListsAdmin lists = new ListsAdmin() {
            @Override
            public List<ListStatusResponse> status() {
                return List.of(GAMBLING);
            }

            @Override
            public java.util.concurrent.CompletableFuture<List<ListStatusResponse>> reload() {
                return java.util.concurrent.CompletableFuture.completedFuture(List.of(GAMBLING));
            }
        };
        AdminContext context = new AdminContext(store, accounts, publisher::current, clock, Limits.DEFAULTS, lists,
                MetricsScrape.NONE, ListIndex::empty, SafeSearchTable.defaults());
        TokenAuthenticator authenticator = new TokenAuthenticator(accounts, clock);
        sessions = new PageSessions(PageSessions.DEFAULT_IDLE, PageSessions.DEFAULT_ABSOLUTE, Ticker.systemTicker(),
                principal -> accounts.account(principal.accountId())
                        .filter(a -> !a.disabled() && a.role() == principal.role()).isPresent());
        PagesContext pages = new PagesContext(store, authenticator, sessions, Limits.DEFAULTS, clock,
                PlainDutch::profileSummary);
        RouteTable pageRoutes = RouteTable.of(PageEndpoints.create(pages));
        RouteTable reportRoutes = WzdReportEndpoints.routes(store::load, Limits.DEFAULTS, clock);
        routes = AdminApp.routes(context, Duration.ofSeconds(5), pageRoutes, reportRoutes);
        RequestMetrics requestMetrics = (route, method, status, nanos) -> requests.add(method + " " + route + " "
                + status + (nanos > 0 ? "" : " without a duration"));
        app = AdminApp.create(context, new Access(authenticator, sessions), cfg -> { }, requestMetrics, pageRoutes,
                reportRoutes).start("127.0.0.1", 0);
    }

    private String token(String name, AccountRole role, String location) {
        Account a = accounts.createAccount(SEED, new Account(0, name, role, location, false, null, 0), null);
        if (!principals.containsKey(role)) {
            principals.put(role, Principal.of(a));
        }
        return accounts.issueToken(SEED, a.id(), "test", null, null).secret();
    }

    /** A new page session of the account of {@code role} (as after a login; the login form refuses some roles). */
    PageSession session(AccountRole role) {
        return sessions.open(principals.get(role));
    }

    // ---- data -------------------------------------------------------------------------------------------------

    Client client(String location) {
        return store.createClient(SEED, new Client(0, "C-" + System.nanoTime() % 1_000_000_000L, "dossier/x",
                location, 0), null);
    }

    Profile profile() {
        return store.createProfile(SEED, new Profile(0, "strict-" + System.nanoTime(), "casino blocked", List.of(),
                List.of(), List.of(Rule.always("casino.example", Risk.GAMBLING)), List.of(), false, List.of(), false,
                0), null);
    }

    Device device(long clientId, String ip) {
        return store.createDevice(SEED, new Device(0, clientId, "phone", List.of(), ip == null ? List.of()
                : List.of(ip), null, null, 0), null);
    }

    Registration registration(long clientId, long profileId) {
        return store.createRegistration(SEED, voluntary(clientId, profileId), null);
    }

    static Registration voluntary(long clientId, long profileId) {
        return voluntary(clientId, profileId, List.of(new PhaseOutStep(TODAY.plusMonths(2).plusDays(15), null)));
    }

    /** A voluntary registration from today to today + 3 months, evaluation in 2 months, with {@code steps}. */
    static Registration voluntary(long clientId, long profileId, List<PhaseOutStep> steps) {
        return new Registration(0, clientId, Basis.VOLUNTARY, "dossier/plan-2026",
                new Person(CareRole.PERSOONLIJK_BEGELEIDER, "PB-17"), TODAY.minusDays(3), profileId, TODAY,
                TODAY.plusMonths(2), TODAY.plusMonths(3), Set.of(Risk.GAMBLING), null,
                new Consent(new Person(CareRole.CLIENT, "client"), TODAY.minusDays(3), "mondeling"), List.of(),
                steps, List.of(), null, null, 0);
    }

    // ---- http -------------------------------------------------------------------------------------------------

    HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, AccountRole role) throws Exception {
        return send("GET", path, tokens.get(role), null, Map.of());
    }

    @Override
    public void close() throws Exception {
        app.stop();
        publisher.close();
        database.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
