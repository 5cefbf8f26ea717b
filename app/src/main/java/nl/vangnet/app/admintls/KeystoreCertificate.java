package nl.vangnet.app.admintls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Loads the admin API's certificate from a PKCS#12 keystore ({@code admin.tls-keystore}): exactly one private key
 * entry with its certificate chain, the key protected by the keystore's password. Every failure is one line naming
 * the file and the fix; the password never appears in a message. Stateless and thread-safe.
 */
public final class KeystoreCertificate {
    private KeystoreCertificate() {
    }

    /**
     * @param file     the PKCS#12 file
     * @param password the keystore's password (also the key's)
     * @throws AdminTlsException when the file is missing, unreadable, damaged or no PKCS#12 keystore, the password is
     *                           wrong, or it holds no or several private keys
     */
    public static AdminCertificate load(Path file, char[] password) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new AdminTlsException("admin.tls-keystore " + file + " does not exist; give the path of a PKCS#12"
                    + " file, or leave admin.tls-keystore empty for a self-signed certificate.", e);
        } catch (AccessDeniedException e) {
            throw new AdminTlsException("admin.tls-keystore " + file + " cannot be read by this user; allow it"
                    + " (e.g. chown to the Vangnet user, chmod 600).", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || isPasswordFailure(e)) {
                throw wrongPassword(file, e);
            }
            if (Files.isDirectory(file)) {
                throw new AdminTlsException("admin.tls-keystore " + file + " is a directory; give the path of a"
                        + " PKCS#12 file.", e);
            }
            throw new AdminTlsException("admin.tls-keystore " + file + " is not a readable PKCS#12 keystore (damaged,"
                    + " or another format such as PEM or JKS: " + SelfSignedCertificate.describe(e) + "); convert"
                    + " it with: openssl pkcs12 -export -inkey key.pem -in cert.pem -out " + file.getFileName(), e);
        } catch (GeneralSecurityException e) {
            throw new AdminTlsException("admin.tls-keystore " + file + " cannot be loaded: "
                    + SelfSignedCertificate.describe(e) + ".", e);
        }
        try {
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            if (keys.size() != 1) {
                throw new AdminTlsException("admin.tls-keystore " + file + " holds " + (keys.isEmpty()
                        ? "no private key (only certificates)" : keys.size() + " private keys " + keys)
                        + "; it must hold exactly one key with its certificate chain.");
            }
            String alias = keys.get(0);
            Key key;
            try {
                key = store.getKey(alias, password);
            } catch (UnrecoverableKeyException e) {
                throw new AdminTlsException("The key '" + alias + "' in admin.tls-keystore " + file + " has another"
                        + " password than the keystore; give both the same password.", e);
            }
            Certificate[] chain = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                throw new AdminTlsException("The entry '" + alias + "' in admin.tls-keystore " + file + " is no"
                        + " private key with a certificate chain.");
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : chain) {
                if (!(c instanceof X509Certificate x)) {
                    throw new AdminTlsException("The chain of '" + alias + "' in admin.tls-keystore " + file
                            + " holds a certificate that is not X.509.");
                }
                certificates.add(x);
            }
            return new AdminCertificate(certificates, privateKey, "keystore " + file);
        } catch (GeneralSecurityException e) {
            throw new AdminTlsException("admin.tls-keystore " + file + " cannot be read: "
                    + SelfSignedCertificate.describe(e) + ".", e);
        }
    }

    private static boolean isPasswordFailure(IOException e) {
        String message = e.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("password");
    }

    private static AdminTlsException wrongPassword(Path file, Exception cause) {
        return new AdminTlsException("The password for admin.tls-keystore " + file + " is wrong; set it in "
                + AdminTlsOptions.PASSWORD_ENV + " (or admin.tls-keystore-password).", cause);
    }
}
