package nl.vangnet.config.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.TimeWindow;
import nl.vangnet.config.policy.ClientEntry;
import nl.vangnet.config.policy.ClientPolicy;
import nl.vangnet.config.policy.EffectivePolicy;
import nl.vangnet.config.rules.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientAgreementTest {
    static final Profile STRICT = new Profile(1, "strikt", null,
            List.of(Rule.always("gambling", Risk.GAMBLING), Rule.always("dating", Risk.DATING)), List.of(),
            List.of(), List.of(), false, List.of(TimeWindow.daily(LocalTime.of(7, 0), LocalTime.of(22, 0))), false,
            1);
    static final Profile LIGHT = new Profile(2, "licht", null, List.of(Rule.always("gambling", Risk.GAMBLING)),
            List.of(), List.of(), List.of(), false, List.of(), false, 1);

    static Registration registration(Basis basis, Person decidedBy, Set<Risk> risks, List<PhaseOutStep> steps) {
        return new Registration(11, 5, basis, "dossier 1", decidedBy, LocalDate.of(2027, 1, 4), 1,
                LocalDate.of(2027, 1, 4), LocalDate.of(2027, 4, 1), LocalDate.of(2027, 6, 30), risks, null, null,
                List.of(), steps, List.of(), null, null, 1);
    }

    /** The client's entry on {@code today} (noon, Amsterdam), as the snapshot compiler makes it. */
    static ClientEntry entry(Registration r, LocalDate today) {
        Instant at = today.atTime(12, 0).atZone(Limits.AMSTERDAM).toInstant();
        ClientPolicy policy = EffectivePolicy.forClient(5, List.of(r), at, Limits.DEFAULTS);
        Long profileId = policy.profileId();
        Profile profile = profileId == null ? null : profileId == 1 ? STRICT : LIGHT;
        return new ClientEntry(new Client(5, "C-1", "d", "Huize Noord", 1), policy, profile);
    }

    static final Person ZV = new Person(CareRole.ZORGVERANTWOORDELIJKE, "Jan de Vries");

    static Stream<Arguments> agreements() {
        List<PhaseOutStep> steps = List.of(new PhaseOutStep(LocalDate.of(2027, 3, 1), 2L),
                PhaseOutStep.unrestricted(LocalDate.of(2027, 5, 1)));
        return Stream.of(
                Arguments.of("Wzd, before the first step", registration(Basis.WZD, ZV,
                                Set.of(Risk.GAMBLING, Risk.DATING), steps), LocalDate.of(2027, 2, 8),
                        "gokken en datingsites geblokkeerd, internet 07:00–22:00",
                        List.of("We willen je beschermen. Het gaat om: datingsites en gokken.",
                                "Dit is besloten volgens de Wet zorg en dwang. Dat is zorg waar je zelf niet voor hebt"
                                        + " gekozen."),
                        List.of("Over 3 weken, vanaf 1 maart 2027, mag je meer.",
                                "Op 1 april 2027 kijken we samen of deze afspraak nog nodig is.",
                                "Deze afspraak duurt tot en met 30 juni 2027."),
                        List.of("Wil je erover praten? Vraag het je persoonlijk begeleider.",
                                "Dit is besloten door Jan de Vries (zorgverantwoordelijke). Met die persoon mag je ook"
                                        + " praten.",
                                "Ben je het er niet mee eens? Je mag hulp vragen aan de cliëntenvertrouwenspersoon.")),
                Arguments.of("voluntary, at step 1, the next step lifts everything",
                        registration(Basis.VOLUNTARY, new Person(CareRole.PERSOONLIJK_BEGELEIDER, null),
                                Set.of(Risk.GAMBLING), steps), LocalDate.of(2027, 3, 30),
                        "gokken geblokkeerd",
                        List.of("We willen je beschermen. Het gaat om: gokken.",
                                "Je hebt hier zelf mee ingestemd. Wil je het niet meer? Zeg het, dan stopt het."),
                        List.of("Over 4 weken, vanaf 1 mei 2027, zijn er geen afspraken meer over je internet.",
                                "Op 1 april 2027 kijken we samen of deze afspraak nog nodig is.",
                                "Deze afspraak duurt tot en met 30 juni 2027."),
                        List.of("Wil je erover praten? Vraag het je persoonlijk begeleider.")),
                Arguments.of("no steps, no risks, decided by the client, evaluation tomorrow",
                        registration(Basis.WZD_UNFORESEEN, new Person(CareRole.CLIENT, "C-1"), Set.of(), List.of()),
                        LocalDate.of(2027, 3, 31),
                        "gokken en datingsites geblokkeerd, internet 07:00–22:00",
                        List.of("Dit is snel besloten volgens de Wet zorg en dwang, omdat het nodig was. Het duurt"
                                + " maar kort."),
                        List.of("Op 1 april 2027 kijken we samen of deze afspraak nog nodig is.",
                                "Deze afspraak duurt tot en met 30 juni 2027."),
                        List.of("Wil je erover praten? Vraag het je persoonlijk begeleider.",
                                "Ben je het er niet mee eens? Je mag hulp vragen aan de cliëntenvertrouwenspersoon.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("agreements")
    void clientAgreement(String name, Registration r, LocalDate today, String summary, List<String> why,
            List<String> until, List<String> talkTo) {
        ClientAgreement a = PlainDutch.clientAgreement(entry(r, today), today).orElseThrow();
        assertThat(a.summary()).isEqualTo(summary);
        assertThat(a.agreed()).isNotEmpty();
        assertThat(a.why()).containsExactlyElementsOf(why);
        assertThat(a.until()).containsExactlyElementsOf(until);
        assertThat(a.talkTo()).containsExactlyElementsOf(talkTo);
    }

    static Stream<Arguments> unrestricted() {
        List<PhaseOutStep> steps = List.of(PhaseOutStep.unrestricted(LocalDate.of(2027, 3, 1)));
        Registration r = registration(Basis.VOLUNTARY, ZV, Set.of(Risk.GAMBLING), steps);
        return Stream.of(
                Arguments.of("not started", r, LocalDate.of(2027, 1, 3)),
                Arguments.of("at the unrestricted step", r, LocalDate.of(2027, 3, 1)),
                Arguments.of("lapsed", registration(Basis.WZD, ZV, Set.of(), List.of()), LocalDate.of(2027, 4, 2)),
                Arguments.of("ended", registration(Basis.WZD, ZV, Set.of(), List.of()), LocalDate.of(2027, 7, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unrestricted")
    void nothingForUnrestrictedClients(String name, Registration r, LocalDate today) {
        assertThat(PlainDutch.clientAgreement(entry(r, today), today)).isEmpty();
    }

    @Test
    void nothingForAClientWithoutRegistration() {
        ClientPolicy none = EffectivePolicy.forClient(5, List.of(), Instant.parse("2027-01-01T00:00:00Z"),
                Limits.DEFAULTS);
        ClientEntry entry = new ClientEntry(new Client(5, "C-1", "d", "x", 1), none, null);
        assertThat(PlainDutch.clientAgreement(entry, LocalDate.of(2027, 1, 1))).isEmpty();
    }
}
