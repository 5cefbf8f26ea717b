package nl.vangnet.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.vangnet.config.model.AccountRole;

/**
 * Shows, once, on standard output (never in the log) the tokens created on this start: the first admin's
 * ({@link AdminBootstrap}) and, with {@code --demo}, the demo accounts' ({@link DemoAccounts}), framed so that they
 * stand out from the start-up lines, with the admin API's URL and a {@code curl} to try. Prints nothing when no
 * token was created on this start (the tokens of earlier starts are never shown again). Stateless.
 */
final class FirstStartNotice {
    static final String RULE = "=".repeat(78);

    private FirstStartNotice() {
    }

    /**
     * Prints the notice for what this start created.
     *
     * @param apiUrl the admin API's base URL, e.g. {@code http://127.0.0.1:8080/api/v1}
     */
    static void print(PrintWriter out, String apiUrl, Optional<AdminBootstrap.FirstAdmin> admin, boolean demo,
            List<DemoAccounts.Created> demoAccounts) {
        if (!demo) {
            admin.filter(a -> !a.imported()).ifPresent(a -> printFirstAdmin(out, apiUrl, a));
            out.flush();
            return;
        }
        if (admin.isEmpty() && demoAccounts.isEmpty()) {
            return;
        }
        List<DemoAccounts.Created> others = new ArrayList<>(demoAccounts);
        out.println(RULE);
        out.println(" Vangnet demo. The admin API is at " + apiUrl);
        out.println(" These tokens are shown only this once; store them now.");
        out.println();
        Optional<DemoAccounts.Created> demoIt = others.stream()
                .filter(c -> c.account().role() == AccountRole.IT_ADMIN).findFirst();
        String itToken = null;
        if (admin.isPresent() && !admin.get().imported()) {
            out.println(" IT_ADMIN token (account " + admin.get().account().name() + "):");
            itToken = admin.get().secret();
        } else if (admin.isPresent()) {
            out.println(" IT_ADMIN: account " + admin.get().account().name() + ", with the token in "
                    + AdminBootstrap.ENV + ".");
        } else if (demoIt.isPresent()) {
            out.println(" IT_ADMIN token (account " + demoIt.get().account().name() + "):");
            itToken = demoIt.get().secret();
            others.remove(demoIt.get());
        } else {
            out.println(" IT_ADMIN: use the admin token shown on the first start (or issue one with"
                    + " 'vangnet token issue --account admin').");
        }
        if (itToken != null) {
            out.println();
            out.println("     export VANGNET_TOKEN=" + itToken);
            out.println("     curl -H \"Authorization: Bearer $VANGNET_TOKEN\" " + apiUrl + "/clients");
        }
        if (!others.isEmpty()) {
            out.println();
            out.println(" The other roles:");
            out.println(String.format(" %-20s %-12s %-10s %s", "ROLE", "ACCOUNT", "LOCATION", "TOKEN"));
            for (DemoAccounts.Created c : others) {
                out.println(String.format(" %-20s %-12s %-10s %s", c.account().role(), c.account().name(),
                        c.account().location() == null ? "-" : c.account().location(), c.secret()));
            }
        }
        out.println(RULE);
        out.flush();
    }

    private static void printFirstAdmin(PrintWriter out, String apiUrl, AdminBootstrap.FirstAdmin a) {
        out.println(RULE);
        out.println(" Vangnet first start: created the admin API account '" + a.account().name() + "' ("
                + a.account().role() + ") with this token:");
        out.println();
        out.println("     " + a.secret());
        out.println();
        out.println(" It is shown only this once and cannot be recovered: store it now (password manager).");
        out.println(" Try:  curl -H \"Authorization: Bearer <token>\" " + apiUrl + "/clients");
        out.println(" Lost it? Stop Vangnet and run 'vangnet token issue --account " + a.account().name() + "'.");
        out.println(" More accounts: 'vangnet account create --help' (see docs/accounts.md).");
        out.println(RULE);
    }
}
