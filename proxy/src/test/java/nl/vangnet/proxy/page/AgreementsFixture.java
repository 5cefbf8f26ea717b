package nl.vangnet.proxy.page;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.TimeWindow;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.SnapshotCompiler;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.PasswordHasher;
import nl.vangnet.config.store.PolicyData;
import nl.vangnet.proxy.identify.DeviceResolver;
import nl.vangnet.proxy.identify.LeaseTable;

/**
 * The clients and devices of the "Mijn afspraken" tests, on Monday 8 February 2027 (Amsterdam). Loopback addresses
 * only; nothing is ever resolved.
 * <ul>
 *   <li>127.0.0.10 — client C-1, a Wzd registration in effect (gambling and dating blocked, internet 07:00–22:00,
 *       decided by Jan de Vries, next step 1 March 2027); also proxy user {@code tablet-1} / {@code geheim-1};</li>
 *   <li>127.0.0.30 — client C-3 without any registration;</li>
 *   <li>127.0.0.40 — client C-4, a lapsed registration;</li>
 *   <li>any other address — an unknown device.</li>
 * </ul>
 */
public final class AgreementsFixture {
    /** The instant of every test: Monday 8 February 2027, 12:00 in Amsterdam. */
    public static final Instant NOW = Instant.parse("2027-02-08T11:00:00Z");
    public static final String RESTRICTED = "127.0.0.10";
    public static final String UNREGISTERED = "127.0.0.30";
    public static final String LAPSED = "127.0.0.40";
    public static final String UNKNOWN = "127.0.0.99";
    public static final String PROXY_USER = "tablet-1";
    public static final String PROXY_PASSWORD = "geheim-1";
    /** Sentences that the restricted client's page must show. */
    public static final List<String> RESTRICTED_SENTENCES = List.of(
            "Deze soorten websites kun je niet openen: gokken en datingsites.",
            "Je hebt internet elke dag van 07:00 tot 22:00.",
            "We willen je beschermen. Het gaat om: datingsites en gokken.",
            "Over 3 weken, vanaf 1 maart 2027, mag je meer.",
            "Deze afspraak duurt tot en met 30 juni 2027.",
            "Dit is besloten door Jan de Vries (zorgverantwoordelijke). Met die persoon mag je ook praten.");

    private static final String PASSWORD_HASH = PasswordHasher.hash(PROXY_PASSWORD.toCharArray());

    private AgreementsFixture() {
    }

    /** The snapshot of the clients above, compiled at {@link #NOW}. */
    public static PolicySnapshot snapshot() {
        Profile strict = new Profile(1, "strikt", null,
                List.of(Rule.always("gambling", Risk.GAMBLING), Rule.always("dating", Risk.DATING)), List.of(),
                List.of(), List.of(), false, List.of(TimeWindow.daily(LocalTime.of(7, 0), LocalTime.of(22, 0))),
                false, 1);
        Profile light = new Profile(2, "licht", null, List.of(Rule.always("gambling", Risk.GAMBLING)), List.of(),
                List.of(), List.of(), false, List.of(), false, 1);
        Person zv = new Person(CareRole.ZORGVERANTWOORDELIJKE, "Jan de Vries");
        Registration active = new Registration(11, 1, Basis.WZD, "dossier 1", zv, LocalDate.of(2027, 1, 4), 1,
                LocalDate.of(2027, 1, 4), LocalDate.of(2027, 4, 1), LocalDate.of(2027, 6, 30),
                Set.of(Risk.GAMBLING, Risk.DATING), null, null, List.of(),
                List.of(new PhaseOutStep(LocalDate.of(2027, 3, 1), 2L),
                        PhaseOutStep.unrestricted(LocalDate.of(2027, 5, 1))),
                List.of(), null, null, 1);
        Registration lapsed = new Registration(14, 4, Basis.WZD, "dossier 4", zv, LocalDate.of(2026, 10, 1), 1,
                LocalDate.of(2026, 10, 1), LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 30),
                Set.of(Risk.GAMBLING), null, null, List.of(), List.of(), List.of(), null, null, 1);
        List<Client> clients = List.of(new Client(1, "C-1", "d-1", "Huize Noord", 1),
                new Client(3, "C-3", "d-3", "Huize Noord", 1), new Client(4, "C-4", "d-4", "Huize Zuid", 1));
        List<Device> devices = List.of(
                new Device(101, 1, "tablet", List.of(), List.of(RESTRICTED), PROXY_USER, PASSWORD_HASH, 1),
                new Device(103, 3, "phone", List.of(), List.of(UNREGISTERED), null, null, 1),
                new Device(104, 4, "console", List.of(), List.of(LAPSED), null, null, 1));
        PolicySnapshot s = SnapshotCompiler.compile(new PolicyData(clients, devices, List.of(strict, light),
                List.of(active, lapsed), 1), 1, NOW, Limits.DEFAULTS);
        if (!s.problems().isEmpty()) {
            throw new IllegalStateException("fixture snapshot has problems: " + s.problems());
        }
        return s;
    }

    /** The page service over {@link #snapshot()} with the production resolver, pages host {@code mijn.vangnet}. */
    public static MyAgreements agreements(AgreementsMetrics metrics) {
        PolicySnapshot s = snapshot();
        return new MyAgreements(MyAgreements.DEFAULT_HOST, () -> s, new DeviceResolver(LeaseTable.NONE),
                Limits.AMSTERDAM, metrics);
    }

    /** The page service over an empty snapshot (every device is unknown). */
    public static MyAgreements nobody() {
        PolicySnapshot empty = SnapshotCompiler.compile(new PolicyData(List.of(), List.of(), List.of(), List.of(), 0),
                0, NOW, Limits.DEFAULTS);
        return new MyAgreements(MyAgreements.DEFAULT_HOST, () -> empty, new DeviceResolver(LeaseTable.NONE),
                Limits.AMSTERDAM, AgreementsMetrics.NONE);
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: never a lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
