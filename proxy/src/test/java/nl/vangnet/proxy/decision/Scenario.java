package nl.vangnet.proxy.decision;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.TimeWindow;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.SnapshotCompiler;
import nl.vangnet.config.rules.Fixtures;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;
import nl.vangnet.proxy.identify.ClientMatch;
import nl.vangnet.proxy.identify.ClientResolver;

/**
 * The clients, devices, profiles, registrations and lists the engine tests share, relative to March 2026, built from
 * the config module's fixtures and compiled with {@link SnapshotCompiler}. Devices are found by their fixed IP
 * address 127.0.0.N (loopback only; nothing is ever resolved).
 */
final class Scenario {
    /** Version given to compiled snapshots. */
    static final long SNAPSHOT_VERSION = 5;
    /** Version of {@link #lists()}. */
    static final long LIST_VERSION = 7;

    /** The matrix profile: allow, block (always and timed), categories, a service, internet hours, SafeSearch. */
    static final long MATRIX_PROFILE = 10;
    /** Allow-list-only profile with SafeSearch. */
    static final long ALLOW_LIST_PROFILE = 20;

    /** Who is behind an address, and what the trace must say about them. */
    record Who(String address, Long deviceId, Long clientId, Long registrationId, Long profileId, Integer step) {
        InetAddress inet() {
            return ip(address);
        }

        @Override
        public String toString() {
            return address;
        }
    }

    /** Nobody's device. */
    static final Who UNKNOWN = new Who("127.0.0.99", null, null, null, null, null);
    /** WZD in effect, registered profile (step 0): the matrix profile. */
    static final Who RESTRICTED = new Who("127.0.0.10", 101L, 1L, 1001L, MATRIX_PROFILE, 0);
    /** WZD in effect with the allow-list-only profile. */
    static final Who ALLOW_LIST = new Who("127.0.0.20", 102L, 2L, 1002L, ALLOW_LIST_PROFILE, 0);
    /** A client without any registration. */
    static final Who UNREGISTERED = new Who("127.0.0.30", 103L, 3L, null, null, null);
    /** Evaluation date passed without an evaluation: lapsed. */
    static final Who LAPSED = new Who("127.0.0.40", 104L, 4L, 1004L, null, null);
    /** Registration starting next month. */
    static final Who NOT_STARTED = new Who("127.0.0.50", 105L, 5L, 1005L, null, null);
    /** At the unrestricted phase-out step 1. */
    static final Who UNRESTRICTED_STEP = new Who("127.0.0.60", 106L, 6L, 1006L, null, 1);
    /** Voluntary, consent withdrawn. */
    static final Who WITHDRAWN = new Who("127.0.0.70", 107L, 7L, 1007L, null, null);
    /** WZD at phase-out step 1: the light profile (gambling and adult only). */
    static final Who STEP_ONE = new Who("127.0.0.80", 108L, 8L, 1008L, Fixtures.LIGHT_ID, 1);
    /** Active, but the registration names a profile that does not exist: left unrestricted. */
    static final Who MISSING_PROFILE = new Who("127.0.0.90", 109L, 9L, 1009L, null, 0);

    private Scenario() {
    }

    /** A local date-time in Europe/Amsterdam, e.g. {@code 2026-03-02T10:00}. */
    static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Limits.AMSTERDAM).toInstant();
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: never a lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static Set<DayOfWeek> weekdays() {
        return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }

    static TimeWindow window(Set<DayOfWeek> days, String from, String to) {
        return new TimeWindow(days, LocalTime.parse(from), LocalTime.parse(to));
    }

    /**
     * Allows wikipedia.org and docs.example.org; blocks casino.example, example.org, an IPv4 and an IPv6 address
     * and bücher.example always, games.example on weekdays 09:00–17:00; categories gambling always and chat on
     * weekdays 09:00–17:00; service tiktok; internet daily 07:00–22:00; SafeSearch.
     */
    static Profile matrixProfile() {
        return Fixtures.emptyProfile().id(MATRIX_PROFILE).name("Matrix")
                .allowedDomains(List.of(Rule.always("wikipedia.org", null), Rule.always("docs.example.org", null)))
                .blockedDomains(List.of(Rule.always("casino.example", Risk.GAMBLING),
                        Rule.always("example.org", Risk.OTHER), Rule.always("192.0.2.7", Risk.OTHER),
                        Rule.always("2001:db8::7", Risk.OTHER), Rule.always("Bücher.Example", Risk.SHOPPING),
                        new Rule("games.example", Risk.GAMING,
                                List.of(window(weekdays(), "09:00", "17:00")))))
                .blockedCategories(List.of(Rule.always("gambling", Risk.GAMBLING),
                        new Rule("chat", Risk.CHAT, List.of(window(weekdays(), "09:00", "17:00")))))
                .blockedServices(List.of(Rule.always("tiktok", Risk.SOCIAL_MEDIA)))
                .internetHours(List.of(TimeWindow.daily(LocalTime.of(7, 0), LocalTime.of(22, 0))))
                .safeSearch(true)
                .build();
    }

    /** Only wikipedia.org is reachable; SafeSearch. */
    static Profile allowListProfile() {
        return Fixtures.emptyProfile().id(ALLOW_LIST_PROFILE).name("Alleen")
                .allowedDomains(List.of(Rule.always("wikipedia.org", null)))
                .allowListOnly(true).safeSearch(true).build();
    }

    /** The data of every {@link Who} above. */
    static PolicyData data() {
        return data(matrixProfile());
    }

    /** The data with another profile in place of {@link #matrixProfile()} (same id). */
    static PolicyData data(Profile matrix) {
        LocalDate feb2 = LocalDate.parse("2026-02-02");
        LocalDate jan5 = LocalDate.parse("2026-01-05");
        List<Registration> registrations = List.of(
                Fixtures.wzd(feb2).id(1001).clientId(1).profileId(MATRIX_PROFILE)
                        .phaseOut(List.of(new PhaseOutStep(LocalDate.parse("2026-04-01"), Fixtures.LIGHT_ID),
                                PhaseOutStep.unrestricted(LocalDate.parse("2026-05-01"))))
                        .build(),
                Fixtures.wzd(feb2).id(1002).clientId(2).profileId(ALLOW_LIST_PROFILE)
                        .phaseOut(List.of(PhaseOutStep.unrestricted(LocalDate.parse("2026-06-01")))).build(),
                Fixtures.wzd(LocalDate.parse("2025-10-01")).id(1004).clientId(4).profileId(MATRIX_PROFILE)
                        .evaluationDate(LocalDate.parse("2026-01-01")).phaseOut(List.of()).build(),
                Fixtures.wzd(LocalDate.parse("2026-04-01")).id(1005).clientId(5).profileId(MATRIX_PROFILE)
                        .build(),
                Fixtures.wzd(jan5).id(1006).clientId(6).profileId(MATRIX_PROFILE)
                        .phaseOut(List.of(PhaseOutStep.unrestricted(LocalDate.parse("2026-02-01")))).build(),
                Fixtures.voluntary(jan5).id(1007).clientId(7).profileId(MATRIX_PROFILE)
                        .withdrawal(Fixtures.withdrawal(Instant.parse("2026-02-15T10:00:00Z"))).build(),
                Fixtures.wzd(jan5).id(1008).clientId(8).profileId(MATRIX_PROFILE)
                        .phaseOut(List.of(new PhaseOutStep(LocalDate.parse("2026-02-01"), Fixtures.LIGHT_ID),
                                PhaseOutStep.unrestricted(LocalDate.parse("2026-06-01"))))
                        .build(),
                Fixtures.wzd(feb2).id(1009).clientId(9).profileId(999).phaseOut(List.of()).build());
        List<Client> clients = List.of(client(1), client(2), client(3), client(4), client(5), client(6),
                client(7), client(8), client(9));
        List<Device> devices = List.of(device(RESTRICTED), device(ALLOW_LIST), device(UNREGISTERED),
                device(LAPSED), device(NOT_STARTED), device(UNRESTRICTED_STEP), device(WITHDRAWN), device(STEP_ONE),
                device(MISSING_PROFILE));
        return new PolicyData(clients, devices, List.of(matrix, allowListProfile(), Fixtures.light()),
                registrations, 1);
    }

    /**
     * One client (1) with one device ({@link #RESTRICTED}, 127.0.0.10) and a WZD registration (1001) of
     * {@code profile} from {@code start}, evaluation after 3 months, unrestricted after 5, end after 6: the snapshot
     * does not change by the clock for the first two and a half months.
     */
    static PolicyData single(Profile profile, LocalDate start) {
        Registration r = Fixtures.wzd(start).id(1001).clientId(1).profileId(profile.id())
                .phaseOut(List.of(PhaseOutStep.unrestricted(start.plusMonths(5)))).build();
        return new PolicyData(List.of(client(1)), List.of(device(RESTRICTED)), List.of(profile), List.of(r), 1);
    }

    private static Client client(long id) {
        return new Client(id, "C-" + id, "DOS-" + id, "Huis", 1);
    }

    private static Device device(Who who) {
        return new Device(who.deviceId(), who.clientId(), "device " + who.deviceId(), List.of(),
                List.of(who.address()), null, null, 1);
    }

    /** {@link #data()} compiled at {@code at}. */
    static PolicySnapshot snapshot(Instant at) {
        return snapshot(data(), SNAPSHOT_VERSION, at);
    }

    static PolicySnapshot snapshot(PolicyData data, long version, Instant at) {
        PolicySnapshot s = SnapshotCompiler.compile(data, version, at, Limits.DEFAULTS);
        if (!s.problems().isEmpty() && !s.problems().stream().allMatch(p -> p.contains("unknown profile 999"))) {
            throw new IllegalStateException("scenario data has problems: " + s.problems());
        }
        return s;
    }

    /**
     * Lists of version {@link #LIST_VERSION}: gambling (with a URL entry news.example/gokken), chat, adult and the
     * service tiktok.
     */
    static FakeListIndex lists() {
        return lists(LIST_VERSION, Set.of("lotto.example", "casino-online.example", "news.example/gokken"));
    }

    static FakeListIndex lists(long version, Set<String> gambling) {
        return new FakeListIndex(version, Map.of(
                "gambling", gambling,
                "chat", Set.of("chat.example"),
                "adult", Set.of("adult.example"),
                "service:tiktok", Set.of("tiktok.com", "tiktokcdn.com")));
    }

    /** Identifies devices by their fixed IP address, as the real resolver does first. */
    static ClientResolver byAddress() {
        return (snapshot, address, credentials) -> snapshot.forAddress(address)
                .map(d -> new ClientMatch(d, ClientMatch.Via.IP));
    }
}
