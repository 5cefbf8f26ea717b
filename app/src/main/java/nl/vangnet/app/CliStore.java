package nl.vangnet.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;
import nl.vangnet.config.store.NotFoundException;
import nl.vangnet.config.store.StaleVersionException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The store as the {@code account} and {@code token} commands use it: opened from the settings for one command,
 * written as {@code cli:<os-user>} in role {@code IT_ADMIN} (whoever may run the launcher on the server is IT), and
 * with the store's refusals turned into one line on standard error and exit code 2 (bad input) or 1 (not found,
 * changed meanwhile). Not thread-safe; one per command.
 */
final class CliStore implements AutoCloseable {
    /** Exit code of input the store refused. */
    static final int BAD_INPUT = 2;
    /** Exit code of a command that could not be done (nothing to act on). */
    static final int FAILED = 1;

    private final Database database;
    private final JdbcStore store;

    private CliStore(Settings settings, Clock clock) {
        this.database = Database.open(settings.storeUrl(), settings.storeUser(), settings.storePassword());
        this.store = new JdbcStore(database, new ModelValidator(settings.limits()), clock);
    }

    /** Opens the store of {@code options}' settings (running migrations, as every start does). */
    static CliStore open(SettingsOptions options, Clock clock) {
        return new CliStore(options.load(Map.of()), clock);
    }

    JdbcStore store() {
        return store;
    }

    /** Who the command line writes as: {@code cli:<os-user>}, role {@code IT_ADMIN}. */
    static Actor actor() {
        String user = System.getProperty("user.name", "");
        return new Actor("cli:" + (user.isBlank() ? "unknown" : user.strip().toLowerCase(Locale.ROOT)), "IT_ADMIN");
    }

    /** The account named {@code name}, or a {@link NotFoundByName} that {@link #run} reports in one line. */
    Account account(String name) {
        return store.accountByName(name).orElseThrow(() -> new NotFoundByName(name));
    }

    /**
     * Runs {@code command}; a refusal of the store becomes one line {@code vangnet <what>: <problem>} on standard
     * error and an exit code. Other failures go to the launcher's {@link ErrorHandler}.
     */
    static int run(CommandSpec spec, String what, Callable<Integer> command) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return command.call();
        } catch (ValidationException e) {
            err.println("vangnet " + what + ": " + e.problems().stream().map(p -> p.field() + ": " + p.message())
                    .collect(Collectors.joining("; ")));
            return BAD_INPUT;
        } catch (NotFoundByName e) {
            err.println("vangnet " + what + ": " + e.getMessage() + " (see 'vangnet account list')");
            return FAILED;
        } catch (NotFoundException e) {
            err.println("vangnet " + what + ": " + e.getMessage());
            return FAILED;
        } catch (StaleVersionException e) {
            err.println("vangnet " + what + ": " + e.getMessage());
            return FAILED;
        } finally {
            err.flush();
        }
    }

    @Override
    public void close() {
        store.close();
        database.close();
    }

    /** No account has the name given on the command line. */
    static final class NotFoundByName extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFoundByName(String name) {
            super("there is no account named '" + name + "'");
        }
    }
}
