package nl.vangnet.app;

import java.time.Clock;
import java.util.Map;
import nl.vangnet.config.audit.AuditVerification;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code vangnet audit verify}: walks the hash-chained audit log and reports the first broken link. */
@Command(name = "audit", description = "Audit log commands.", mixinStandardHelpOptions = true,
        subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the audit chain. Exit 0 when intact, 1 when an event was edited, deleted, "
                    + "inserted or reordered.")
    static final class Verify implements java.util.concurrent.Callable<Integer> {
        @Mixin
        SettingsOptions options;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Settings settings = options.load(Map.of());
            try (Database db = Database.open(settings.storeUrl(), settings.storeUser(), settings.storePassword());
                    JdbcStore store = new JdbcStore(db, new ModelValidator(settings.limits()),
                            Clock.systemUTC())) {
                AuditVerification v = store.verifyAudit();
                if (v.ok()) {
                    spec.commandLine().getOut().println("audit chain intact: " + v.checked() + " events verified");
                    return 0;
                }
                spec.commandLine().getErr().println("audit chain BROKEN at event " + v.firstBrokenSeq() + ": "
                        + v.problem() + " (" + v.checked() + " events checked)");
                return 1;
            }
        }
    }
}
