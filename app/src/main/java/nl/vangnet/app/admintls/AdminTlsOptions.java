package nl.vangnet.app.admintls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The admin API's TLS settings ({@code admin.tls*}). Immutable and thread-safe; {@link #toString} masks the password.
 *
 * @param mode             {@code admin.tls}
 * @param keystore         {@code admin.tls-keystore}: a PKCS#12 file, or {@code null} for the self-signed certificate
 * @param keystorePassword {@code admin.tls-keystore-password} (or {@value #PASSWORD_ENV}), never {@code null}
 * @param hostnames        {@code admin.tls-hostnames}: the self-signed certificate's names and addresses, normalised
 *                         by {@link HostNames#parse}; empty for the defaults ({@link HostNames#defaults})
 * @param dir              {@code admin.tls-dir}: where the self-signed certificate is kept
 */
public record AdminTlsOptions(AdminTlsMode mode, Path keystore, String keystorePassword, List<String> hostnames,
        Path dir) {
    /** The environment variable with the keystore password; it wins over every other source. */
    public static final String PASSWORD_ENV = "VANGNET_ADMIN_TLS_PASSWORD";

    public AdminTlsOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        hostnames = List.copyOf(hostnames);
        Objects.requireNonNull(dir, "dir");
    }

    @Override
    public String toString() {
        return "AdminTlsOptions[mode=" + mode.label() + ", keystore=" + (keystore == null ? "" : keystore)
                + ", keystorePassword=" + (keystorePassword.isEmpty() ? "" : "****") + ", hostnames="
                + (hostnames.isEmpty() ? "(defaults)" : String.join(",", hostnames)) + ", dir=" + dir + "]";
    }
}
