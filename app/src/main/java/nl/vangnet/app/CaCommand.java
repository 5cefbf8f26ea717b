package nl.vangnet.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.proxy.tls.LocalCa;
import nl.vangnet.proxy.tls.LocalCaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vangnet ca export|show}: the local CA of the HTTPS block page ({@code transparent.https-block-page}), kept in
 * {@code transparent.ca-dir}. {@code export} creates it on first use and prints its certificate for installing on
 * the organisation's managed devices; {@code show} only reads it. A CA that cannot be loaded gives one line on
 * standard error and exit code 1; invalid settings exit code 2.
 */
@Command(name = "ca", description = "The local CA of the HTTPS block page (transparent.https-block-page).",
        mixinStandardHelpOptions = true, subcommands = {CaCommand.Export.class, CaCommand.Show.class})
final class CaCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The CA directory from the settings, with {@code --ca-dir} taking precedence. */
    static Path caDir(SettingsOptions options, String override) {
        Map<Setting, String> more = new EnumMap<>(Setting.class);
        if (override != null) {
            more.put(Setting.TRANSPARENT_CA_DIR, override);
        }
        Path dir = options.load(more).transparent().caDir();
        if (dir == null) {
            throw ValidationException.of(Setting.TRANSPARENT_CA_DIR.key(), "must not be empty for 'vangnet ca'");
        }
        return dir;
    }

    static int failed(PrintWriter err, LocalCaException e) {
        err.println("vangnet: local CA: " + e.getMessage());
        return 1;
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Print the local CA certificate (PEM) for installing on the organisation's managed"
                    + " devices, creating the CA in transparent.ca-dir on first use.",
                "The SHA-256 fingerprint goes to standard error, to compare with what the device shows."})
    static final class Export implements Callable<Integer> {
        @Mixin
        SettingsOptions options;

        @Option(names = "--ca-dir", paramLabel = "DIR", description = "Overrides transparent.ca-dir.")
        String caDir;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE",
                description = "Write the certificate to FILE instead of standard output.")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path dir = caDir(options, caDir);
            PrintWriter err = spec.commandLine().getErr();
            LocalCa ca;
            try {
                ca = LocalCa.loadOrCreate(dir, Clock.systemUTC());
            } catch (LocalCaException e) {
                return failed(err, e);
            }
            int written = PemExport.write(ca.certificatePem(), out, dir.resolve(LocalCa.KEY_FILE), "the CA key",
                    spec.commandLine().getOut(), err);
            if (written != 0) {
                return written;
            }
            err.println("SHA-256 fingerprint: " + ca.fingerprintSha256());
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the local CA's subject, validity and SHA-256 fingerprint (never creates it).")
    static final class Show implements Callable<Integer> {
        @Mixin
        SettingsOptions options;

        @Option(names = "--ca-dir", paramLabel = "DIR", description = "Overrides transparent.ca-dir.")
        String caDir;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path dir = caDir(options, caDir);
            LocalCa ca;
            try {
                ca = LocalCa.load(dir, Clock.systemUTC());
            } catch (LocalCaException e) {
                PrintWriter err = spec.commandLine().getErr();
                if (!Files.exists(dir.resolve(LocalCa.KEY_FILE)) && !Files.exists(dir.resolve(LocalCa.CERT_FILE))) {
                    err.println("vangnet: local CA: " + e.getMessage() + " 'vangnet ca export' creates it.");
                    return 1;
                }
                return failed(err, e);
            }
            X509Certificate c = ca.certificate();
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println("directory:           " + dir);
            stdout.println("subject:             " + c.getSubjectX500Principal().getName());
            stdout.println("valid from:          " + c.getNotBefore().toInstant());
            stdout.println("valid until:         " + c.getNotAfter().toInstant());
            stdout.println("SHA-256 fingerprint: " + ca.fingerprintSha256());
            stdout.flush();
            return 0;
        }
    }
}
