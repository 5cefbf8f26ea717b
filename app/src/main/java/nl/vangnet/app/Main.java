package nl.vangnet.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code vangnet} command. Errors in the command line or the settings are printed as one line
 * on standard error with a non-zero exit code (2 for usage and settings, 1 for failed checks), never a stack
 * trace.
 */
@Command(name = "vangnet", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Vangnet: a filtering proxy that restricts a client's internet only when the client's dossier"
                + " records that restriction.",
        subcommands = {RunCommand.class, AuditCommand.class, ConfigCommand.class, CaCommand.class,
            AdminCertCommand.class, FirewallCommand.class, AccountCommand.class, TokenCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; used by {@link #main} and by tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("vangnet: " + ex.getMessage() + " (try 'vangnet --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
