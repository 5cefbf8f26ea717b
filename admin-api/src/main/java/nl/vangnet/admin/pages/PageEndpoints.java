package nl.vangnet.admin.pages;

import io.javalin.http.HandlerType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.EndpointHandler;
import nl.vangnet.config.model.AccountRole;

/**
 * The pages' routes, for the admin app's frame to register and protect (surface {@link Endpoint.Surface#PAGE}: a
 * request without a session goes to {@code /login?next=…}, a role not listed gets 403). Every POST checks the
 * session's CSRF token itself. Stateless factory.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>route</th><th>roles</th></tr>
 *   <tr><td>{@code GET /}, {@code GET|POST /login}, {@code POST /logout}</td><td>public</td></tr>
 *   <tr><td>{@code GET /review}, {@code GET|POST /review/registrations/{id}/evaluation}</td>
 *       <td>BEHAVIOURAL_EXPERT, CARE_PROFESSIONAL (own location only)</td></tr>
 *   <tr><td>{@code GET|POST /review/registrations/{id}/phase-out}</td><td>BEHAVIOURAL_EXPERT</td></tr>
 * </table>
 */
public final class PageEndpoints {
    /** The roles that may use the review page and record evaluations. */
    public static final Set<AccountRole> REVIEWERS = EnumSet.of(AccountRole.BEHAVIOURAL_EXPERT,
            AccountRole.CARE_PROFESSIONAL);
    /** The roles that may approve a phase-out step earlier. */
    public static final Set<AccountRole> APPROVERS = EnumSet.of(AccountRole.BEHAVIOURAL_EXPERT);

    private PageEndpoints() {
    }

    /** The routes of the pages, served from {@code context}. */
    public static List<Endpoint> create(PagesContext context) {
        Pages pages = new Pages(context);
        LoginPages login = new LoginPages(pages);
        ReviewPage review = new ReviewPage(pages);
        EvaluationForm evaluation = new EvaluationForm(pages);
        PhaseOutForm phaseOut = new PhaseOutForm(pages);
        Set<AccountRole> everyone = Set.of();
        return List.of(
                page(HandlerType.GET, "/", everyone, "Start: the review page, or the login page", 303,
                        (ctx, p) -> login.root(ctx)),
                page(HandlerType.GET, "/login", everyone, "Login form (an account logs in with its token)", 200,
                        (ctx, p) -> login.form(ctx)),
                page(HandlerType.POST, "/login", everyone, "Log in with an account token; 303 to next or /review",
                        303, (ctx, p) -> login.login(ctx)),
                page(HandlerType.POST, "/logout", everyone, "Log out", 303, (ctx, p) -> login.logout(ctx)),
                page(HandlerType.GET, "/review", REVIEWERS,
                        "Review page: every restriction in effect per location", 200, review::show),
                page(HandlerType.GET, "/review/registrations/{id}/evaluation", REVIEWERS,
                        "Form to record an evaluation", 200, evaluation::show),
                page(HandlerType.POST, "/review/registrations/{id}/evaluation", REVIEWERS,
                        "Record an evaluation; 303 to the review page", 303, evaluation::submit),
                page(HandlerType.GET, "/review/registrations/{id}/phase-out", APPROVERS,
                        "Form to approve the next phase-out step earlier", 200, phaseOut::show),
                page(HandlerType.POST, "/review/registrations/{id}/phase-out", APPROVERS,
                        "Approve the next phase-out step earlier; 303 to the review page", 303, phaseOut::submit));
    }

    private static Endpoint page(HandlerType method, String path, Set<AccountRole> roles, String summary, int status,
            EndpointHandler handler) {
        return new Endpoint(method, path, roles, Endpoint.Surface.PAGE, summary, null, null, status, handler);
    }
}
