package nl.vangnet.admin.pages;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.vangnet.config.rules.Problem;

/**
 * Puts the store's validation problems (plain English, for the API) into plain Dutch for the forms, by field and
 * message; a message it does not know is shown as a Dutch lead-in followed by the English text, so nothing is
 * hidden. Stateless and thread-safe.
 */
final class DutchProblems {
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INTERVAL = Pattern.compile("interval for \\w+ is ((\\d+ \\w+ ?)+)$");

    private DutchProblems() {
    }

    /** The Dutch text of {@code p}. */
    static String text(Problem p) {
        String m = p.message();
        List<String> dates = ISO_DATE.matcher(m).results().map(r -> Dutch.date(LocalDate.parse(r.group()))).toList();
        String field = p.field();
        if (field.equals("date")) {
            if (m.contains("is required")) {
                return "Vul de datum van de evaluatie in.";
            }
            if (m.contains("in the future")) {
                return "Deze datum ligt in de toekomst. Leg een evaluatie vast nadat die gehouden is.";
            }
            if (m.contains("before the registration started")) {
                return "De evaluatie ligt vóór de start van de registratie (" + last(dates) + ").";
            }
            if (m.contains("before the latest recorded evaluation")) {
                return "De evaluatie ligt vóór de laatst vastgelegde evaluatie (" + last(dates)
                        + "). Evaluaties worden op volgorde vastgelegd.";
            }
        }
        if (field.equals("outcome")) {
            return "Kies een uitkomst.";
        }
        if (field.equals("nextEvaluationDate")) {
            if (m.contains("has no next evaluation date")) {
                return "Bij de uitkomst ‘Stoppen’ hoort geen volgende evaluatiedatum. Maak dit veld leeg.";
            }
            if (m.contains("is required unless")) {
                return "Vul de volgende evaluatiedatum in: een beperking die doorgaat, wordt opnieuw geëvalueerd.";
            }
            if (m.contains("must be after")) {
                return "De volgende evaluatie moet na de datum van deze evaluatie liggen.";
            }
            Matcher interval = INTERVAL.matcher(m);
            if (m.contains("maximum evaluation interval") && interval.find()) {
                return "De volgende evaluatie ligt te ver weg. De organisatie staat hoogstens "
                        + period(interval.group(1).trim()) + " tussen twee evaluaties toe.";
            }
            if (m.contains("unforeseen")) {
                return "De volgende evaluatie ligt na het einde van de maatregel (" + last(dates) + ").";
            }
        }
        if (field.equals("registration.withdrawal")) {
            return "De toestemming is ingetrokken of de cliënt verzette zich: deze registratie is beëindigd en"
                    + " valt niet meer te evalueren.";
        }
        if (field.equals("registration.evaluations")) {
            return "Een eerdere evaluatie heeft deze registratie gestopt; er valt niets meer te evalueren.";
        }
        if (field.equals("from")) {
            return "Kies een datum vanaf vandaag en vóór de geplande datum van de volgende stap. (" + m + ")";
        }
        if (field.startsWith("phaseOut")) {
            return "Het afbouwschema laat dit niet toe. (" + m + ")";
        }
        if (field.startsWith("by")) {
            return "Bij uw account ontbreekt wie de evaluatie deed. (" + m + ")";
        }
        return "Dit kan zo niet worden vastgelegd. (" + m + ")";
    }

    private static String last(List<String> dates) {
        return dates.isEmpty() ? "zie het dossier" : dates.get(dates.size() - 1);
    }

    /** "3 months" → "3 maanden", "1 year 2 days" → "1 jaar 2 dagen". */
    static String period(String english) {
        String[] words = english.split(" ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + 1 < words.length; i += 2) {
            boolean one = words[i].equals("1");
            String unit = switch (words[i + 1].replaceAll("s$", "")) {
                case "year" -> "jaar";
                case "month" -> one ? "maand" : "maanden";
                case "week" -> one ? "week" : "weken";
                case "day" -> one ? "dag" : "dagen";
                default -> words[i + 1];
            };
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(words[i]).append(' ').append(unit);
        }
        return out.toString();
    }
}
