package nl.vangnet.admin.pages;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.NotFoundException;
import nl.vangnet.config.store.StaleVersionException;

/**
 * {@code GET} and {@code POST /review/registrations/{id}/evaluation}: the form to record an evaluation, held by the
 * logged-in account (as {@link CareRole#GEDRAGSDESKUNDIGE} or {@link CareRole#PERSOONLIJK_BEGELEIDER}). Thread-safe.
 */
final class EvaluationForm {
    static final String DATE = "datum";
    static final String OUTCOME = "uitkomst";
    static final String NEXT = "volgende";
    static final String NOTES = "notities";
    static final String VERSION = "versie";
    /** The audit reason of an evaluation recorded here. */
    static final String REASON = "recorded on the review page";
    /** The store's field paths and the inputs they belong to. */
    private static final Map<String, String> INPUTS = Map.of("date", DATE, "outcome", OUTCOME,
            "nextEvaluationDate", NEXT, "notes", NOTES);

    private final Pages pages;

    EvaluationForm(Pages pages) {
        this.pages = pages;
    }

    void show(Context ctx, Principal principal) {
        pages.session(ctx).ifPresent(session -> pages.registration(ctx, session).ifPresent(found -> {
            LocalDate today = pages.context().today(pages.context().now());
            Map<String, String> values = Map.of(DATE, today.toString(), OUTCOME, "", NEXT, "", NOTES, "",
                    VERSION, Long.toString(found.registration().version()));
            render(ctx, 200, session, found, values, new FormErrors(), false);
        }));
    }

    void submit(Context ctx, Principal principal) {
        pages.session(ctx).ifPresent(session -> {
            if (!pages.csrfChecked(ctx, session)) {
                return;
            }
            pages.registration(ctx, session).ifPresent(found -> record(ctx, session, found));
        });
    }

    private void record(Context ctx, PageSession session, Pages.Found found) {
        Map<String, String> values = new HashMap<>();
        for (String f : List.of(DATE, OUTCOME, NEXT, NOTES, VERSION)) {
            String v = ctx.formParam(f);
            values.put(f, v == null ? "" : v.strip());
        }
        FormErrors errors = new FormErrors();
        LocalDate date = date(values.get(DATE), DATE, errors);
        LocalDate next = date(values.get(NEXT), NEXT, errors);
        EvaluationOutcome outcome = null;
        if (values.get(OUTCOME).isEmpty()) {
            errors.add(OUTCOME, "Kies een uitkomst.");
        } else {
            outcome = Arrays.stream(EvaluationOutcome.values()).filter(o -> o.name().equals(values.get(OUTCOME)))
                    .findFirst().orElse(null);
            if (outcome == null) {
                errors.add(OUTCOME, "Kies een van de uitkomsten uit de lijst.");
            }
        }
        long version;
        try {
            version = Long.parseLong(values.get(VERSION));
        } catch (NumberFormatException e) {
            pages.error(ctx, session, 400, "Formulier onvolledig",
                    "Het formulier mist de versie van de registratie. Open de pagina opnieuw.");
            return;
        }
        if (!errors.isEmpty()) {
            render(ctx, 422, session, found, values, errors, false);
            return;
        }
        Principal p = session.principal();
        Person by = new Person(p.role() == AccountRole.BEHAVIOURAL_EXPERT ? CareRole.GEDRAGSDESKUNDIGE
                : CareRole.PERSOONLIJK_BEGELEIDER, p.account());
        Evaluation evaluation = new Evaluation(0, date, by, outcome, next,
                values.get(NOTES).isEmpty() ? null : values.get(NOTES), null);
        try {
            Registration saved = pages.context().store().recordEvaluation(p.actor(), found.registration().id(),
                    version, evaluation, REASON);
            session.flash(outcome == EvaluationOutcome.STOP
                    ? "Evaluatie van " + found.client().code() + " vastgelegd: de beperking stopt per "
                            + Dutch.date(date) + "."
                    : "Evaluatie van " + found.client().code() + " vastgelegd. Volgende evaluatie: "
                            + Dutch.date(saved.currentEvaluationDate()) + ".");
            PageRenderer.redirect(ctx, "/review#registratie-" + saved.id());
        } catch (ValidationException e) {
            errors.addAll(e.problems(), INPUTS);
            render(ctx, 422, session, found, values, errors, false);
        } catch (StaleVersionException e) {
            Pages.Found current = pages.context().store().registration(found.registration().id())
                    .map(r -> new Pages.Found(r, found.client())).orElse(found);
            values.put(VERSION, Long.toString(current.registration().version()));
            render(ctx, 412, session, current, values, errors, true);
        } catch (NotFoundException e) {
            pages.error(ctx, session, 404, "Registratie niet gevonden",
                    "Deze registratie bestaat niet meer. Er is niets vastgelegd.");
        }
    }

    private static LocalDate date(String text, String input, FormErrors errors) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(input, "Dit is geen datum. Schrijf de datum als jjjj-mm-dd, bijvoorbeeld 2026-03-02.");
            return null;
        }
    }

    private void render(Context ctx, int status, PageSession session, Pages.Found found, Map<String, String> values,
            FormErrors errors, boolean stale) {
        Registration r = found.registration();
        Instant now = pages.context().now();
        LocalDate today = pages.context().today(now);
        Map<String, Object> m = pages.model("Evaluatie vastleggen voor " + found.client().code(), session);
        m.put("registrationId", r.id());
        m.put("clientCode", found.client().code());
        m.put("location", ReviewModel.locationName(found.client()));
        m.put("basis", Dutch.basis(r.basis()));
        m.put("due", Dutch.date(r.evaluationDueOn(today)));
        Evaluation latest = r.evaluations().isEmpty() ? null : r.evaluations().get(r.evaluations().size() - 1);
        m.put("latest", latest == null ? "" : Dutch.date(latest.date()) + " — " + Dutch.outcome(latest.outcome()));
        m.put("outcomes", Arrays.stream(EvaluationOutcome.values())
                .map(o -> Map.of("value", o.name(), "label", Dutch.outcome(o))).toList());
        m.put("values", values);
        m.put("errors", errors.byInput());
        m.put("summary", errors.summary());
        m.put("stale", stale);
        pages.send(ctx, status, "evaluation", m);
    }
}
