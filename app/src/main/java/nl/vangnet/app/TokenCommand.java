package nl.vangnet.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.IssuedToken;
import nl.vangnet.config.store.NotFoundException;
import nl.vangnet.config.store.TokenInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vangnet token issue|list|revoke}: the admin API's bearer tokens, on the store of the settings. A new
 * token's secret is printed once and never stored (only its SHA-256 and its first 12 characters). Writes are
 * audited as {@code cli:<os-user>} in role {@code IT_ADMIN}.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Admin API bearer tokens (see docs/accounts.md).",
            "Changes are audited as cli:<os-user> with role IT_ADMIN. With the embedded H2 store, stop Vangnet"
                    + " first (the database file is locked while it runs)."},
        subcommands = {TokenCommand.Issue.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    private static final Pattern SHORT_DURATION = Pattern.compile("([1-9][0-9]{0,5})([mhdw])");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Parses a validity such as {@code 90d}, {@code 12h}, {@code 30m}, {@code 2w} or an ISO-8601 duration
     * ({@code P90D}, {@code PT12H}).
     *
     * @throws ValidationException (field {@code expiresIn}) when it is not one, or not positive
     */
    static Duration parseExpiresIn(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(t);
        Duration d = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        } else if (t.startsWith("p")) {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                d = null;
            }
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw ValidationException.of("expiresIn", "'" + text + "' is not a validity: use a positive number"
                    + " with m, h, d or w (e.g. 90d, 12h, 2w) or an ISO-8601 duration (e.g. P90D)");
        }
        return d;
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a new token to an account and print it once. Audited as cli:<os-user>"
                    + " (IT_ADMIN), without the token.")
    static final class Issue implements Callable<Integer> {
        @Mixin
        SettingsOptions options;

        @Option(names = "--account", required = true, paramLabel = "NAME", description = "The account.")
        String account;

        @Option(names = "--label", paramLabel = "TEXT",
                description = "What the token is for (e.g. laptop, prometheus), at most 100 characters.")
        String label;

        @Option(names = "--expires-in", paramLabel = "VALIDITY",
                description = "How long the token works: e.g. 90d, 12h, 2w, or P90D. Default: until revoked.")
        String expiresIn;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return CliStore.run(spec, "token issue", () -> {
                Duration validity = expiresIn == null ? null : parseExpiresIn(expiresIn);
                Clock clock = Clock.systemUTC();
                try (CliStore cli = CliStore.open(options, clock)) {
                    Account a = cli.account(account);
                    Instant expires = validity == null ? null
                            : clock.instant().plus(validity).truncatedTo(ChronoUnit.SECONDS);
                    IssuedToken t = cli.store().issueToken(CliStore.actor(), a.id(), label, expires, reason);
                    printIssued(spec.commandLine().getOut(), a, t);
                    return 0;
                }
            });
        }

        static void printIssued(PrintWriter out, Account a, IssuedToken t) {
            TokenInfo info = t.info();
            out.println("Token " + info.id() + " for account " + a.name() + " (" + a.role() + ")"
                    + (info.label() == null ? "" : ", label " + info.label()) + ", "
                    + (info.expiresAt() == null ? "valid until revoked" : "valid until " + info.expiresAt()) + ":");
            out.println();
            out.println("    " + t.secret());
            out.println();
            out.println("It will not be shown again: Vangnet keeps only its hash and its prefix " + info.prefix()
                    + ". Store it now.");
            out.println("Use it as:  Authorization: Bearer <token>");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List an account's tokens (newest first, revoked and expired ones included); never the"
                    + " tokens themselves, only their prefixes.")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        SettingsOptions options;

        @Option(names = "--account", required = true, paramLabel = "NAME", description = "The account.")
        String account;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return CliStore.run(spec, "token list", () -> {
                try (CliStore cli = CliStore.open(options, Clock.systemUTC())) {
                    Account a = cli.account(account);
                    print(spec.commandLine().getOut(), a, cli.store().tokens(a.id()), Instant.now());
                    return 0;
                }
            });
        }

        static void print(PrintWriter out, Account a, List<TokenInfo> tokens, Instant now) {
            if (tokens.isEmpty()) {
                out.println("account " + a.name() + " has no tokens; issue one with: vangnet token issue --account "
                        + a.name());
                return;
            }
            int labelWidth = Math.max(5, tokens.stream()
                    .mapToInt(t -> t.label() == null ? 1 : t.label().length()).max().orElse(0));
            String format = "%-6s  %-12s  %-" + labelWidth + "s  %-20s  %-20s  %s%n";
            out.printf(format, "ID", "PREFIX", "LABEL", "CREATED", "EXPIRES", "STATUS");
            for (TokenInfo t : tokens) {
                String status = t.revokedAt() != null ? "revoked " + seconds(t.revokedAt())
                        : t.usableAt(now) ? "in use" : "expired";
                out.printf(format, t.id(), t.prefix(), t.label() == null ? "-" : t.label(), seconds(t.createdAt()),
                        t.expiresAt() == null ? "never" : seconds(t.expiresAt()), status);
            }
            if (a.disabled()) {
                out.println("account " + a.name() + " is disabled: none of its tokens is accepted");
            }
        }

        private static String seconds(Instant at) {
            return at.truncatedTo(ChronoUnit.SECONDS).toString();
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token (by the ID of 'vangnet token list'): it is refused at once. Audited as"
                    + " cli:<os-user> (IT_ADMIN).")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        SettingsOptions options;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "The token's id.")
        long id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return CliStore.run(spec, "token revoke", () -> {
                Clock clock = Clock.systemUTC();
                try (CliStore cli = CliStore.open(options, clock)) {
                    Instant before = clock.instant();
                    TokenInfo t = cli.store().revokeToken(CliStore.actor(), id, reason);
                    String owner = cli.store().account(t.accountId()).map(Account::name)
                            .orElseThrow(() -> new NotFoundException("account", t.accountId()));
                    boolean already = t.revokedAt().isBefore(before.truncatedTo(ChronoUnit.MICROS));
                    spec.commandLine().getOut().println((already ? "token " + t.id() + " (" + t.prefix()
                            + "…) of account " + owner + " was already revoked at " + t.revokedAt()
                            : "revoked token " + t.id() + " (" + t.prefix() + "…) of account " + owner
                                    + ": it is refused from now on"));
                    return 0;
                }
            });
        }
    }
}
