package nl.vangnet.app.e2e;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.vangnet.app.Settings;
import nl.vangnet.config.model.Actor;
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
import nl.vangnet.config.model.Weighing;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;

/**
 * Seeds the H2 store of the namespace e2e suite, through the store's validated writes: client E2E-1 with a device
 * on {@code 192.168.77.10} (and a MAC that no interface of the suite has) and a {@code WZD} registration in effect
 * whose profile blocks the domain {@code blocked.test}; client E2E-2 with a device on {@code 192.168.77.20} and no
 * registration. Usage: {@code E2eSeed H2_PATH} (the store.h2-path Vangnet is then started with). Test code only.
 */
public final class E2eSeed {
    private static final Actor SEED = new Actor("e2e-seed", "IT_ADMIN");

    private E2eSeed() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: E2eSeed H2_PATH");
            System.exit(2);
        }
        Clock clock = Clock.systemUTC();
        Limits limits = Limits.DEFAULTS;
        try (Database database = Database.open(Settings.h2FileUrl(Path.of(args[0])), "", "")) {
            JdbcStore store = new JdbcStore(database, new ModelValidator(limits), clock);
            LocalDate today = LocalDate.now(clock.withZone(limits.zone()));
            String why = "e2e suite";
            Profile blocked = store.createProfile(SEED, new Profile(0, "blocked.test dicht", null, List.of(),
                    List.of(), List.of(Rule.always("blocked.test", Risk.GAMBLING)), List.of(), false, List.of(),
                    false, 0), why);
            Client restricted = store.createClient(SEED, new Client(0, "E2E-1", "E2E-DOSSIER-1", "Lab", 0), why);
            Client free = store.createClient(SEED, new Client(0, "E2E-2", "E2E-DOSSIER-2", "Lab", 0), why);
            store.createDevice(SEED, new Device(0, restricted.id(), "spelcomputer", List.of("02:00:5E:77:00:10"),
                    List.of("192.168.77.10"), null, null, 0), why);
            store.createDevice(SEED, new Device(0, free.id(), "telefoon", List.of(), List.of("192.168.77.20"), null,
                    null, 0), why);
            Person zv = new Person(CareRole.ZORGVERANTWOORDELIJKE, "ZV-E2E");
            store.createRegistration(SEED, new Registration(0, restricted.id(), Basis.WZD, "E2E-DOSSIER-1/WZD-1", zv,
                    today.minusDays(2), blocked.id(), today.minusDays(1), today.plusDays(30), today.plusDays(60),
                    Set.of(Risk.GAMBLING), new Weighing("gokschulden via online casino's",
                            "afspraken zonder filter waren niet genoeg", "alleen deze site, niet het hele internet",
                            "de site is de bron van het risico", "alle andere websites blijven bereikbaar"),
                    null, List.of(new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-E2E")),
                    List.of(PhaseOutStep.unrestricted(today.plusDays(50))), List.of(), null, null, 0), why);
            System.out.println("e2e store seeded: 2 clients, 1 registration in effect");
        }
    }
}
