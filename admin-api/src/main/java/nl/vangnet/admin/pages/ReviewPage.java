package nl.vangnet.admin.pages;

import io.javalin.http.Context;
import java.util.Map;
import nl.vangnet.admin.http.Principal;

/** {@code GET /review}: every restriction the account may see, per location. Thread-safe. */
final class ReviewPage {
    private final Pages pages;
    private final ReviewModel model;

    ReviewPage(Pages pages) {
        this.pages = pages;
        this.model = new ReviewModel(pages.context());
    }

    void show(Context ctx, Principal principal) {
        pages.session(ctx).ifPresent(session -> {
            Map<String, Object> m = pages.model("Beoordeling van beperkingen", session);
            m.put("review", model.build(principal, pages.context().now()));
            m.put("careProfessional", principal.location() != null);
            m.put("location", principal.location() == null ? "" : principal.location());
            pages.send(ctx, 200, "review", m);
        });
    }
}
