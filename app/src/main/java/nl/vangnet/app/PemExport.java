package nl.vangnet.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The export step shared by {@code vangnet ca export} and {@code vangnet admin-cert export}: a PEM certificate to
 * standard output, or to a file that must not be the private key's file. Stateless.
 */
final class PemExport {
    private PemExport() {
    }

    /**
     * Writes {@code pem} to {@code stdout} when {@code out} is {@code null}, else to {@code out}.
     *
     * @param keyFile the file holding the private key, which is never overwritten; {@code null} when there is none
     * @param what    the key's name in the refusal, e.g. {@code the CA key}
     * @return 0 when written, 1 after a one-line message on {@code err}
     */
    static int write(String pem, Path out, Path keyFile, String what, PrintWriter stdout, PrintWriter err) {
        if (out == null) {
            stdout.print(pem);
            stdout.flush();
            return 0;
        }
        if (keyFile != null && out.toAbsolutePath().normalize().equals(keyFile.toAbsolutePath().normalize())) {
            err.println("vangnet: refusing to overwrite " + what + " " + out + " with the certificate");
            return 1;
        }
        try {
            Files.writeString(out, pem);
        } catch (IOException e) {
            err.println("vangnet: cannot write " + out + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return 1;
        }
        err.println("Certificate written to " + out);
        return 0;
    }
}
