package nl.vangnet.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import nl.vangnet.app.admintls.AdminCertificate;
import nl.vangnet.app.admintls.AdminTls;
import nl.vangnet.app.admintls.AdminTlsException;
import nl.vangnet.app.admintls.AdminTlsOptions;
import nl.vangnet.app.admintls.SelfSignedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vangnet admin-cert export|show}: the admin API's TLS certificate (the {@code admin.tls-keystore}'s, or the
 * self-signed one in {@code admin.tls-dir}), for clients to trust ({@code curl --cacert}) or pin
 * ({@code curl --pinnedpubkey}). {@code export} creates the self-signed certificate when there is none yet (as the
 * first start would) but never renews it; {@code show} only reads. A certificate that cannot be loaded gives one line
 * on standard error and exit code 1; invalid settings exit code 2.
 */
@Command(name = "admin-cert", description = "The admin API's TLS certificate (admin.tls, docs/admin-tls.md).",
        mixinStandardHelpOptions = true, subcommands = {AdminCertCommand.Export.class, AdminCertCommand.Show.class})
final class AdminCertCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static int failed(PrintWriter err, AdminTlsException e) {
        err.println("vangnet: admin TLS: " + e.getMessage());
        return 1;
    }

    /** A note on standard error when the settings give plain HTTP, so the certificate is not in use. */
    static void notePlain(Settings s, PrintWriter err) {
        boolean loopback = s.adminBind().getAddress().isLoopbackAddress();
        boolean tls = switch (s.adminTls().mode()) {
            case ON -> true;
            case AUTO -> !loopback;
            case OFF -> false;
        };
        if (!tls) {
            err.println("note: with admin.tls=" + s.adminTls().mode().label() + " on " + s.adminBind().getAddress()
                    .getHostAddress() + " the admin API speaks plain HTTP; this certificate is not in use");
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Print the admin API's certificate (PEM) for clients to trust, e.g."
                    + " curl --cacert admin-cert.pem; creates the self-signed certificate in admin.tls-dir when there"
                    + " is none yet.",
                "The SHA-256 fingerprint and the public key pin go to standard error."})
    static final class Export implements Callable<Integer> {
        @Mixin
        SettingsOptions options;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE",
                description = "Write the certificate to FILE instead of standard output.")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Settings s = options.load(Map.of());
            AdminTlsOptions o = s.adminTls();
            PrintWriter err = spec.commandLine().getErr();
            AdminCertificate c;
            try {
                boolean create = o.keystore() == null && !SelfSignedCertificate.exists(o.dir());
                c = AdminTls.certificate(o, s.adminBind(), Clock.systemUTC(), create);
            } catch (AdminTlsException e) {
                return failed(err, e);
            }
            int written = PemExport.write(c.certificatePem(), out,
                    o.keystore() == null ? o.dir().resolve(SelfSignedCertificate.KEY_FILE) : null,
                    "the admin API key", spec.commandLine().getOut(), err);
            if (written != 0) {
                return written;
            }
            err.println("SHA-256 fingerprint: " + c.fingerprintSha256());
            err.println("public key pin:      " + c.publicKeyPin());
            notePlain(s, err);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the admin API certificate's source, subject, names, validity, SHA-256 fingerprint"
                    + " and public key pin (never creates it).")
    static final class Show implements Callable<Integer> {
        @Mixin
        SettingsOptions options;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Settings s = options.load(Map.of());
            AdminCertificate c;
            try {
                c = AdminTls.certificate(s.adminTls(), s.adminBind(), Clock.systemUTC(), false);
            } catch (AdminTlsException e) {
                return failed(spec.commandLine().getErr(), e);
            }
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println("source:              " + c.source());
            stdout.println("subject:             " + c.certificate().getSubjectX500Principal().getName());
            stdout.println("names:               " + String.join(", ", c.subjectAltNames()));
            stdout.println("valid from:          " + c.notBefore());
            stdout.println("valid until:         " + c.notAfter());
            stdout.println("SHA-256 fingerprint: " + c.fingerprintSha256());
            stdout.println("public key pin:      " + c.publicKeyPin());
            stdout.flush();
            notePlain(s, spec.commandLine().getErr());
            return 0;
        }
    }
}
