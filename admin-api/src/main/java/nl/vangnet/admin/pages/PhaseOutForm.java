package nl.vangnet.admin.pages;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.policy.EffectivePolicy;
import nl.vangnet.config.policy.EffectiveReason;
import nl.vangnet.config.policy.RegistrationState;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.NotFoundException;
import nl.vangnet.config.store.StaleVersionException;

/**
 * {@code GET} and {@code POST /review/registrations/{id}/phase-out}: a behavioural expert approves the next
 * phase-out step earlier ({@link nl.vangnet.config.store.VangnetStore#approvePhaseOutStep}). Thread-safe.
 */
final class PhaseOutForm {
    static final String FROM = "vanaf";
    static final String REASON = "toelichting";
    static final String VERSION = "versie";
    private static final Map<String, String> INPUTS = Map.of("from", FROM);

    private final Pages pages;

    PhaseOutForm(Pages pages) {
        this.pages = pages;
    }

    void show(Context ctx, Principal principal) {
        pages.session(ctx).ifPresent(session -> pages.registration(ctx, session).ifPresent(found -> {
            LocalDate today = pages.context().today(pages.context().now());
            Map<String, String> values = Map.of(FROM, today.toString(), REASON, "",
                    VERSION, Long.toString(found.registration().version()));
            render(ctx, 200, session, found, values, new FormErrors(), false);
        }));
    }

    void submit(Context ctx, Principal principal) {
        pages.session(ctx).ifPresent(session -> {
            if (pages.csrfChecked(ctx, session)) {
                pages.registration(ctx, session).ifPresent(found -> approve(ctx, session, found));
            }
        });
    }

    private void approve(Context ctx, PageSession session, Pages.Found found) {
        Map<String, String> values = new HashMap<>();
        for (String f : List.of(FROM, REASON, VERSION)) {
            String v = ctx.formParam(f);
            values.put(f, v == null ? "" : v.strip());
        }
        FormErrors errors = new FormErrors();
        LocalDate from = null;
        if (values.get(FROM).isEmpty()) {
            errors.add(FROM, "Vul de datum in vanaf wanneer de volgende stap geldt.");
        } else {
            try {
                from = LocalDate.parse(values.get(FROM));
            } catch (DateTimeParseException e) {
                errors.add(FROM, "Dit is geen datum. Schrijf de datum als jjjj-mm-dd, bijvoorbeeld 2026-03-02.");
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
        try {
            Registration saved = pages.context().store().approvePhaseOutStep(p.actor(), found.registration().id(),
                    version, from, values.get(REASON).isEmpty() ? null : values.get(REASON));
            session.flash("Afbouwstap voor " + found.client().code() + " goedgekeurd: de volgende stap geldt vanaf "
                    + Dutch.date(from) + ".");
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

    private void render(Context ctx, int status, PageSession session, Pages.Found found, Map<String, String> values,
            FormErrors errors, boolean stale) {
        Registration r = found.registration();
        Instant now = pages.context().now();
        RegistrationState state = EffectivePolicy.stateOf(r, now, pages.context().limits());
        List<PhaseOutStep> steps = r.phaseOut();
        int k = state.stepIndex();
        boolean pending = state.reason() == EffectiveReason.ACTIVE && k < steps.size();
        Map<String, Object> m = pages.model("Afbouwstap eerder goedkeuren voor " + found.client().code(), session);
        m.put("registrationId", r.id());
        m.put("clientCode", found.client().code());
        m.put("location", ReviewModel.locationName(found.client()));
        m.put("basis", Dutch.basis(r.basis()));
        m.put("pending", pending);
        m.put("current", pending ? profile(state.profileId()) : "");
        m.put("progress", pending ? (k == 0 ? "startprofiel, stap 0" : "stap " + k) + " van " + steps.size() : "");
        m.put("nextDate", pending ? Dutch.date(steps.get(k).from()) : "");
        m.put("nextProfile", pending ? profile(steps.get(k).profileId()) : "");
        m.put("values", values);
        m.put("errors", errors.byInput());
        m.put("summary", errors.summary());
        m.put("stale", stale);
        pages.send(ctx, pending || status != 200 ? status : 409, "phase-out", m);
    }

    private String profile(Long id) {
        if (id == null) {
            return "geen beperking meer";
        }
        return pages.context().store().profile(id).map(pages.context().describer()::apply)
                .orElse("profiel " + id + " (niet gevonden)");
    }
}
