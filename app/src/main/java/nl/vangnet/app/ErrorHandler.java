package nl.vangnet.app;

import java.util.stream.Collectors;
import nl.vangnet.app.admintls.AdminTlsException;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.StoreUnavailableException;
import picocli.CommandLine;

/**
 * Turns failures of a command into one line on standard error and an exit code: 2 for invalid settings, 1 for
 * everything else. The stack trace goes to the log at debug level only.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof ValidationException v) {
            cl.getErr().println("vangnet: invalid settings: " + v.problems().stream()
                    .map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
            return 2;
        }
        if (ex instanceof StoreUnavailableException) {
            cl.getErr().println("vangnet: store unavailable: " + ex.getMessage()
                    + (ex.getCause() == null ? "" : " (" + ex.getCause().getMessage() + ")"));
            return 1;
        }
        if (ex instanceof AdminTlsException) {
            cl.getErr().println("vangnet: admin TLS: " + ex.getMessage());
            return 1;
        }
        cl.getErr().println("vangnet: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        org.slf4j.LoggerFactory.getLogger(ErrorHandler.class).debug("command failed", ex);
        return 1;
    }
}
