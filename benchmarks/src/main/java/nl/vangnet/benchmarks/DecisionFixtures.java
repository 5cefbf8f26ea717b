package nl.vangnet.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import nl.vangnet.config.model.TimeWindow;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.store.PolicyData;

/**
 * The policy data of {@link DecisionBenchmark}: {@value #CLIENTS} clients with one device each, recognised by a
 * fixed IPv4 address {@code 10.20.x.y}; the first {@value #RESTRICTED} have a VOLUNTARY registration in effect at
 * {@link #AT} applying the profile "Beperkt" (the given category lists, service {@code tiktok}, three blocked
 * domains, two allowed domains, internet daily 07:00–23:00, SafeSearch), the others have no registration. The
 * records are built as the config module's test fixtures build them and checked with {@link ModelValidator}, so
 * they are data the store would accept. Stateless.
 */
final class DecisionFixtures {
    /** Clients, one device each. */
    static final int CLIENTS = 1_000;
    /** Clients (and devices) with a restriction in effect: the first ones. */
    static final int RESTRICTED = 100;
    /** Clients (and devices) without a registration. */
    static final int UNRESTRICTED = CLIENTS - RESTRICTED;
    /** The categories the profile blocks when the index is the shared data (UT1 category ids). */
    static final List<String> SHARED_CATEGORIES = List.of("gambling", "dating", "shopping", "social_networks");
    /** The categories the profile blocks when the index is synthetic: 4 of its 10 lists. */
    static final List<String> SYNTHETIC_CATEGORIES = List.of("synthetic-0", "synthetic-1", "synthetic-2",
            "synthetic-3");
    /** The registrations' first day. */
    static final LocalDate START = LocalDate.of(2026, 3, 2);
    /** The instant of every request: Tuesday 10 March 2026, 14:00 in Amsterdam, inside the internet hours. */
    static final Instant AT = Instant.parse("2026-03-10T13:00:00Z");

    private static final long PROFILE_ID = 1;
    private static final long LIGHT_ID = 2;

    private DecisionFixtures() {
    }

    /** The policy data, with the profile blocking {@code categories}; valid, or an exception naming the problems. */
    static PolicyData data(List<String> categories) {
        Profile profile = profile(categories);
        Profile light = new Profile(LIGHT_ID, "Licht", "Laatste fase",
                List.of(Rule.always(categories.get(0), Risk.GAMBLING)), List.of(), List.of(),
                List.of(Rule.always("wikipedia.org", null), Rule.always("nos.nl", null)), false, List.of(), false, 0);
        Map<Long, Profile> profiles = Map.of(PROFILE_ID, profile, LIGHT_ID, light);
        ModelValidator validator = new ModelValidator(Limits.DEFAULTS);
        Set<Problem> problems = new LinkedHashSet<>();
        problems.addAll(validator.profile(profile));
        problems.addAll(validator.profile(light));

        List<Client> clients = new ArrayList<>(CLIENTS);
        List<Device> devices = new ArrayList<>(CLIENTS);
        List<Registration> registrations = new ArrayList<>(RESTRICTED);
        for (int i = 0; i < CLIENTS; i++) {
            long id = i + 1;
            Client client = new Client(id, String.format(Locale.ROOT, "C-%04d", id),
                    String.format(Locale.ROOT, "DOS-2026-%04d", id),
                    "Huize " + (char) ('A' + i % 8), 0);
            Device device = new Device(id, id, "telefoon", List.of(), List.of(address(i)), null, null, 0);
            problems.addAll(validator.client(client));
            problems.addAll(validator.device(device));
            clients.add(client);
            devices.add(device);
            if (i < RESTRICTED) {
                Registration r = registration(id, id);
                problems.addAll(validator.registration(r, pid -> Optional.ofNullable(profiles.get(pid)), START));
                registrations.add(r);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the benchmark's policy data is invalid: " + problems);
        }
        return new PolicyData(clients, devices, List.of(profile, light), registrations, 1);
    }

    /** The address of restricted device {@code k} (0 to {@value #RESTRICTED} - 1). */
    static InetAddress restrictedAddress(int k) throws UnknownHostException {
        return literal(address(k));
    }

    /** The address of unrestricted device {@code k} (0 to {@link #UNRESTRICTED} - 1). */
    static InetAddress unrestrictedAddress(int k) throws UnknownHostException {
        return literal(address(RESTRICTED + k));
    }

    /** An address that no device has. */
    static InetAddress unknownAddress() throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {10, 99, 0, 1});
    }

    private static String address(int i) {
        return "10.20." + i / 200 + "." + (i % 200 + 1);
    }

    private static InetAddress literal(String dotted) throws UnknownHostException {
        String[] parts = dotted.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(parts[i]);
        }
        return InetAddress.getByAddress(b);
    }

    private static Profile profile(List<String> categories) {
        Risk[] risks = {Risk.GAMBLING, Risk.DATING, Risk.SHOPPING, Risk.SOCIAL_MEDIA};
        List<Rule> blockedCategories = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            blockedCategories.add(Rule.always(categories.get(i), risks[i % risks.length]));
        }
        return new Profile(PROFILE_ID, "Beperkt", "Eerste fase", blockedCategories,
                List.of(Rule.always("tiktok", Risk.SOCIAL_MEDIA)),
                List.of(Rule.always("casino.example", Risk.GAMBLING), Rule.always("loterij.example", Risk.GAMBLING),
                        Rule.always("webshop.example", Risk.SHOPPING)),
                List.of(Rule.always("wikipedia.org", null), Rule.always("nos.nl", null)), false,
                List.of(TimeWindow.daily(LocalTime.of(7, 0), LocalTime.of(23, 0))), true, 0);
    }

    /**
     * A VOLUNTARY registration of client {@code clientId} from {@link #START}: the profile, consent by the client a
     * week before, evaluation after 3 months, end after 6 months; steps to "Licht" after 2 months, unrestricted
     * after 4 months.
     */
    private static Registration registration(long id, long clientId) {
        return new Registration(id, clientId, Basis.VOLUNTARY, "ONP-2026-017 §4.2",
                new Person(CareRole.PERSOONLIJK_BEGELEIDER, "PB-12"), START.minusDays(7), PROFILE_ID, START,
                START.plusMonths(3), START.plusMonths(6), Set.of(Risk.GAMBLING, Risk.SHOPPING),
                null, new Consent(new Person(CareRole.CLIENT, "cliënt"), START.minusDays(7),
                        "mondeling in de bespreking van het ondersteuningsplan, vastgelegd in het dossier"),
                List.of(), List.of(new PhaseOutStep(START.plusMonths(2), LIGHT_ID),
                        PhaseOutStep.unrestricted(START.plusMonths(4))), List.of(), null, null, 0);
    }
}
