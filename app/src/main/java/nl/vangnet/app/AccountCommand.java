package nl.vangnet.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.store.JdbcStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vangnet account create|list|disable|enable}: the admin API's accounts, on the store of the settings.
 * Writes are audited as {@code cli:<os-user>} in role {@code IT_ADMIN}.
 */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = {"Admin API accounts (see docs/accounts.md).",
            "Changes are audited as cli:<os-user> with role IT_ADMIN. With the embedded H2 store, stop Vangnet"
                    + " first (the database file is locked while it runs)."},
        subcommands = {AccountCommand.Create.class, AccountCommand.ListAccounts.class, AccountCommand.Disable.class,
            AccountCommand.Enable.class})
final class AccountCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an account. Audited as cli:<os-user> (IT_ADMIN). Then issue it a token with"
                    + " 'vangnet token issue --account NAME'.")
    static final class Create implements Callable<Integer> {
        @Mixin
        SettingsOptions options;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "Login name: 1-64 of a-z 0-9 . _ -, starting with a letter or digit (stored lower"
                        + " case), e.g. j.devries.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "One of: ${COMPLETION-CANDIDATES}.")
        AccountRole role;

        @Option(names = "--location", paramLabel = "LOCATION",
                description = "The location (house) whose clients a CARE_PROFESSIONAL works with; required for"
                        + " that role, not allowed for the others.")
        String location;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return CliStore.run(spec, "account create", () -> {
                try (CliStore cli = CliStore.open(options, Clock.systemUTC())) {
                    Account created = cli.store().createAccount(CliStore.actor(),
                            new Account(0, name, role, location, false, null, 0), reason);
                    spec.commandLine().getOut().println("created account " + created.name() + " (" + created.role()
                            + (created.location() == null ? "" : ", " + created.location()) + "), id "
                            + created.id() + "; issue it a token with: vangnet token issue --account "
                            + created.name());
                    return 0;
                }
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the accounts: name, role, location, disabled, and how many tokens are in use (not"
                    + " revoked, not expired).")
    static final class ListAccounts implements Callable<Integer> {
        @Mixin
        SettingsOptions options;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return CliStore.run(spec, "account list", () -> {
                try (CliStore cli = CliStore.open(options, Clock.systemUTC())) {
                    print(spec.commandLine().getOut(), cli.store(), Instant.now());
                    return 0;
                }
            });
        }

        static void print(PrintWriter out, JdbcStore store, Instant now) {
            List<Account> accounts = store.accounts();
            if (accounts.isEmpty()) {
                out.println("no accounts yet: the first start of 'vangnet run' with the admin API creates 'admin',"
                        + " or create one with 'vangnet account create'");
                return;
            }
            int nameWidth = Math.max(4, accounts.stream().mapToInt(a -> a.name().length()).max().orElse(0));
            int locationWidth = Math.max(8, accounts.stream()
                    .mapToInt(a -> a.location() == null ? 1 : a.location().length()).max().orElse(0));
            String format = "%-" + nameWidth + "s  %-18s  %-" + locationWidth + "s  %-8s  %s%n";
            out.printf(format, "NAME", "ROLE", "LOCATION", "DISABLED", "TOKENS IN USE");
            for (Account a : accounts) {
                long inUse = store.tokens(a.id()).stream().filter(t -> t.usableAt(now)).count();
                out.printf(format, a.name(), a.role(), a.location() == null ? "-" : a.location(),
                        a.disabled() ? "yes" : "no", inUse);
            }
        }
    }

    /** Shared by {@code disable} and {@code enable}. */
    abstract static class SetDisabled implements Callable<Integer> {
        @Mixin
        SettingsOptions options;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The account.")
        String name;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        abstract boolean disable();

        @Override
        public Integer call() throws Exception {
            String verb = disable() ? "disable" : "enable";
            return CliStore.run(spec, "account " + verb, () -> {
                try (CliStore cli = CliStore.open(options, Clock.systemUTC())) {
                    Account a = cli.account(name);
                    if (a.disabled() == disable()) {
                        spec.commandLine().getOut().println("account " + a.name() + " is already "
                                + (disable() ? "disabled" : "enabled") + "; nothing changed");
                        return 0;
                    }
                    cli.store().setAccountDisabled(CliStore.actor(), a.id(), a.version(), disable(), reason);
                    spec.commandLine().getOut().println((disable() ? "disabled" : "enabled") + " account "
                            + a.name() + (disable() ? ": its tokens are refused from now on"
                                    : ": its tokens that are not revoked or expired work again"));
                    return 0;
                }
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable an account: its tokens are refused at once. Audited as cli:<os-user>"
                    + " (IT_ADMIN).")
    static final class Disable extends SetDisabled {
        @Override
        boolean disable() {
            return true;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Enable a disabled account again. Audited as cli:<os-user> (IT_ADMIN).")
    static final class Enable extends SetDisabled {
        @Override
        boolean disable() {
            return false;
        }
    }
}
