package nl.vangnet.admin.pages;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Registration;

/**
 * What the page controllers share: the renderer, the page frame's model (account, logout form, flash message),
 * error pages, the CSRF check and finding a registration the account may see. Thread-safe.
 */
final class Pages {
    private final PagesContext context;
    private final PageRenderer renderer = new PageRenderer();

    Pages(PagesContext context) {
        this.context = context;
    }

    PagesContext context() {
        return context;
    }

    /** The model every page template starts from; takes the session's flash message. */
    Map<String, Object> model(String title, PageSession session) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("account", session == null ? null : session.principal().account());
        m.put("roleLabel", session == null ? null : Dutch.role(session.principal().role()));
        m.put("csrf", session == null ? "" : session.csrfToken());
        m.put("flash", session == null ? null : session.takeFlash());
        return m;
    }

    void send(Context ctx, int status, String template, Map<String, Object> model) {
        renderer.send(ctx, status, template, model);
    }

    /** An error page with {@code status}, a heading and an explanation. */
    void error(Context ctx, PageSession session, int status, String heading, String text) {
        Map<String, Object> m = model(heading, session);
        m.put("heading", heading);
        m.put("text", text);
        renderer.send(ctx, status, "error", m);
    }

    /** The request's session; without one (the frame let a public route through), a redirect to the login page. */
    Optional<PageSession> session(Context ctx) {
        Optional<PageSession> s = context.sessions().session(ctx);
        if (s.isEmpty()) {
            PageRenderer.redirect(ctx, "/login");
        }
        return s;
    }

    /** Whether the POSTed form carries the session's CSRF token; if not, answers 403 with an explanation. */
    boolean csrfChecked(Context ctx, PageSession session) {
        if (context.sessions().csrfValid(ctx, session)) {
            return true;
        }
        error(ctx, session, 403, "Formulier niet geaccepteerd",
                "Dit formulier hoort niet bij uw huidige sessie (bijvoorbeeld omdat u intussen opnieuw bent"
                        + " ingelogd). Er is niets vastgelegd. Open de pagina opnieuw en probeer het nog eens.");
        return false;
    }

    /** A registration with its client. */
    record Found(Registration registration, Client client) {
    }

    /**
     * The registration in the path parameter {@code id} when the account may see its client's location; otherwise
     * answers 404 or 403 and returns empty.
     */
    Optional<Found> registration(Context ctx, PageSession session) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            id = -1;
        }
        Optional<Registration> r = id > 0 ? context.store().registration(id) : Optional.empty();
        Optional<Client> c = r.flatMap(reg -> context.store().client(reg.clientId()));
        if (r.isEmpty() || c.isEmpty()) {
            error(ctx, session, 404, "Registratie niet gevonden",
                    "Deze registratie bestaat niet (meer). Ga terug naar het overzicht.");
            return Optional.empty();
        }
        Principal p = session.principal();
        if (!p.mayAccessLocation(c.get().location())) {
            error(ctx, session, 403, "Geen toegang",
                    "Deze registratie hoort bij een cliënt van een andere locatie dan de uwe.");
            return Optional.empty();
        }
        return Optional.of(new Found(r.get(), c.get()));
    }
}
