package nl.vangnet.admin.pages;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.WithdrawalKind;

/** The Dutch words of the pages: dates, bases, outcomes, roles and block categories. Stateless and thread-safe. */
final class Dutch {
    static final Locale NL = Locale.forLanguageTag("nl-NL");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", NL);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("d MMM", NL);

    /** Labels of block categories: list ids of the sample lists and the decision reasons without a list. */
    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("gambling", "gokken"),
            Map.entry("dating", "datingsites"),
            Map.entry("adult", "seksuele inhoud"),
            Map.entry("chat", "chatten"),
            Map.entry("social_networks", "sociale netwerken"),
            Map.entry("shopping", "webwinkels"),
            Map.entry("phishing", "phishing"),
            Map.entry("malware", "schadelijke software"),
            Map.entry("games", "games"),
            Map.entry("vpn", "vpn en proxy's"),
            Map.entry("blocked_domain", "geblokkeerde website"),
            Map.entry("blocked_category", "geblokkeerde categorie"),
            Map.entry("blocked_service", "geblokkeerde dienst"),
            Map.entry("not_on_allow_list", "niet op de lijst met toegestane sites"),
            Map.entry("outside_internet_hours", "buiten de internettijden"),
            Map.entry("opaque_connection", "onleesbare verbinding"));

    private Dutch() {
    }

    /** "2 maart 2026"; empty for {@code null}. */
    static String date(LocalDate d) {
        return d == null ? "" : DATE.format(d);
    }

    /** "2 mrt."; empty for {@code null}. */
    static String shortDate(LocalDate d) {
        return d == null ? "" : SHORT_DATE.format(d);
    }

    static String basis(Basis b) {
        if (b == null) {
            return "onbekend";
        }
        return switch (b) {
            case VOLUNTARY -> "vrijwillig";
            case WZD -> "Wzd";
            case WZD_UNFORESEEN -> "Wzd onvoorzien";
        };
    }

    static String outcome(EvaluationOutcome o) {
        return switch (o) {
            case CONTINUE -> "Doorgaan zoals afgesproken";
            case ADJUST -> "Doorgaan, profiel of afbouwschema aanpassen";
            case PHASE_OUT_FASTER -> "Doorgaan, sneller afbouwen";
            case STOP -> "Stoppen";
        };
    }

    static String role(AccountRole r) {
        return switch (r) {
            case IT_ADMIN -> "IT-beheerder";
            case CARE_PROFESSIONAL -> "begeleider";
            case BEHAVIOURAL_EXPERT -> "gedragsdeskundige";
            case AUDITOR -> "auditor";
        };
    }

    static String withdrawal(WithdrawalKind k) {
        return k == WithdrawalKind.RESISTANCE ? "Verzet" : "Toestemming ingetrokken";
    }

    /** A block category in Dutch: the known ids, {@code service:x} as "dienst x", else the id itself. */
    static String category(String id) {
        String known = CATEGORIES.get(id);
        if (known != null) {
            return known;
        }
        if (id.startsWith("service:")) {
            return "dienst " + id.substring("service:".length());
        }
        return id;
    }

    /** "45 seconden", "1 minuut", "3 minuten" (rounded up to whole minutes from a minute on). */
    static String waitTime(Duration d) {
        long seconds = Math.max(1, (d.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " seconde" : " seconden");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minuut" : " minuten");
    }
}
