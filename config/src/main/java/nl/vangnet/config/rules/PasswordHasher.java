package nl.vangnet.config.rules;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes proxy passwords for storage and checks them, with the JDK's {@code PBKDF2WithHmacSHA256}: a random
 * 16-byte salt, {@value #ITERATIONS} iterations (OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256) and a 32-byte
 * derived key, encoded as {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}. Only the encoded hash is
 * ever stored ({@code Device.proxyPasswordHash}); the password itself never is.
 *
 * <p>Stateless and thread-safe (all methods are static; {@link SecureRandom} is thread-safe).
 */
public final class PasswordHasher {
    /** Iterations used for new hashes, and the minimum accepted in a stored hash. */
    public static final int ITERATIONS = 210_000;
    /** The highest iteration count accepted in a stored hash, so that a forged value cannot stall a check. */
    static final int MAX_ITERATIONS = 10_000_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern SHAPE =
            Pattern.compile("pbkdf2-sha256\\$[1-9][0-9]{0,8}\\$[A-Za-z0-9+/]+={0,2}\\$[A-Za-z0-9+/]+={0,2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    /**
     * A new hash of {@code password} with a fresh random salt. The caller should clear {@code password}
     * afterwards.
     *
     * @throws NullPointerException if {@code password} is {@code null}
     */
    public static String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Whether {@code password} matches {@code encoded} (made by {@link #hash}). The derived keys are compared in
     * constant time. Returns {@code false}, never throws, for a {@code null} or malformed {@code encoded} or a
     * {@code null} password.
     */
    public static boolean matches(char[] password, String encoded) {
        if (password == null || !looksLikeHash(encoded)) {
            return false;
        }
        String[] parts = encoded.split("\\$");
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(derive(password, salt, iterations), expected);
    }

    /**
     * Whether {@code value} has the shape of a hash made by {@link #hash}: the {@code pbkdf2-sha256} prefix,
     * an iteration count from {@value #ITERATIONS} up to ten million, a salt of at least 16 bytes and a 32-byte
     * hash, both valid base64. Used to refuse a plain password where a hash is expected.
     */
    public static boolean looksLikeHash(String value) {
        if (value == null || !SHAPE.matcher(value).matches()) {
            return false;
        }
        String[] parts = value.split("\\$");
        long iterations = Long.parseLong(parts[1]);
        if (iterations < ITERATIONS || iterations > MAX_ITERATIONS) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(parts[2]).length >= SALT_BYTES
                    && Base64.getDecoder().decode(parts[3]).length == HASH_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Overwrites {@code password} with zeros; convenience for callers that read it from a request. */
    public static void clear(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
