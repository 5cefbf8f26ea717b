package nl.vangnet.app.admintls;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/** Test helpers of this package for tests in other packages. */
public final class KeystoreCertificateTestAccess {
    private KeystoreCertificateTestAccess() {
    }

    /** A PKCS#12 file for 127.0.0.1 with {@code password}. */
    public static Path pkcs12(Path dir, String password) throws Exception {
        return KeystoreCertificateTest.pkcs12(dir, password, List.of("127.0.0.1"));
    }

    /** A JDK HttpClient trusting only {@code certificate} (hostname check on). */
    public static HttpClient trusting(X509Certificate certificate) throws Exception {
        return AdminTlsServerTest.trusting(certificate);
    }
}
