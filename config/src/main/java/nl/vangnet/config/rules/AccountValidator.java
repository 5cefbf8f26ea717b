package nl.vangnet.config.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import nl.vangnet.config.model.Account;

/**
 * The rules of admin-API accounts and their bearer tokens: each method returns <em>every</em> {@link Problem} of its
 * input at once, with the field path ({@code name}, {@code role}, {@code location}, {@code label}, {@code secret})
 * and a plain-English message. Bad input, including {@code null}, never throws. Messages never repeat a secret.
 *
 * <p>Stateless and thread-safe.
 */
public final class AccountValidator {
    /** The longest account name. */
    public static final int MAX_NAME = 64;
    /** The longest location of a care professional (as for a client's location). */
    public static final int MAX_LOCATION = 128;
    /** The longest token label. */
    public static final int MAX_LABEL = 100;
    /** The shortest token secret accepted from outside Vangnet (e.g. {@code VANGNET_ADMIN_TOKEN}). */
    public static final int MIN_SECRET = 32;
    /** The longest token secret accepted at all. */
    public static final int MAX_SECRET = 512;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_NAME - 1) + "}");
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]+");

    private AccountValidator() {
    }

    /** {@code name} trimmed and in lower case (the stored form), or {@code null} when blank. */
    public static String normaliseName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.isEmpty() ? null : n;
    }

    /** The account with its name in the stored form ({@link #normaliseName}); {@code null} stays {@code null}. */
    public static Account normalise(Account a) {
        if (a == null) {
            return null;
        }
        return new Account(a.id(), normaliseName(a.name()), a.role(), a.location(), a.disabled(), a.createdAt(),
                a.version());
    }

    /**
     * Problems of an account (after {@link #normalise}): a name of 1 to 64 characters of {@code a-z 0-9 . _ -}
     * starting with a letter or digit; a role; a location (at most 128 characters) for a
     * {@code CARE_PROFESSIONAL} and none for the other roles. That the name is not taken is the store's check.
     */
    public static List<Problem> account(Account a) {
        List<Problem> out = new ArrayList<>();
        if (a == null) {
            out.add(new Problem("account", "an account is required"));
            return out;
        }
        if (a.name() == null) {
            out.add(new Problem("name", "an account name is required (e.g. j.devries)"));
        } else if (!NAME.matcher(a.name()).matches()) {
            out.add(new Problem("name", "the account name must be 1 to " + MAX_NAME + " characters of a-z, 0-9,"
                    + " '.', '_' or '-', starting with a letter or digit (e.g. j.devries)"));
        }
        if (a.role() == null) {
            out.add(new Problem("role", "a role is required: IT_ADMIN, CARE_PROFESSIONAL, BEHAVIOURAL_EXPERT or"
                    + " AUDITOR"));
        } else if (a.role().needsLocation()) {
            if (a.location() == null) {
                out.add(new Problem("location", "a " + a.role() + " account needs a location (house): it works"
                        + " only with the clients of that location"));
            } else if (a.location().length() > MAX_LOCATION) {
                out.add(new Problem("location", "the location must be at most " + MAX_LOCATION + " characters"));
            }
        } else if (a.location() != null) {
            out.add(new Problem("location", "only a CARE_PROFESSIONAL account has a location; a " + a.role()
                    + " account works across all locations, so leave the location empty"));
        }
        return out;
    }

    /** {@code label} trimmed, or {@code null} when blank. */
    public static String normaliseLabel(String label) {
        if (label == null) {
            return null;
        }
        String l = label.strip();
        return l.isEmpty() ? null : l;
    }

    /** Problems of a token label (after {@link #normaliseLabel}): at most 100 characters, no control characters. */
    public static List<Problem> label(String label) {
        List<Problem> out = new ArrayList<>();
        if (label == null) {
            return out;
        }
        if (label.length() > MAX_LABEL) {
            out.add(new Problem("label", "the token label must be at most " + MAX_LABEL + " characters"));
        } else if (label.chars().anyMatch(Character::isISOControl)) {
            out.add(new Problem("label", "the token label must not contain control characters (such as newlines)"));
        }
        return out;
    }

    /**
     * Problems of a token secret chosen outside Vangnet: 32 to 512 visible ASCII characters (no spaces), so that it
     * is hard to guess and can be sent in an {@code Authorization: Bearer} header. The message never contains the
     * secret.
     */
    public static List<Problem> secret(String secret) {
        List<Problem> out = new ArrayList<>();
        if (secret == null || secret.isEmpty()) {
            out.add(new Problem("secret", "a token secret is required"));
        } else if (secret.length() < MIN_SECRET) {
            out.add(new Problem("secret", "the token secret is " + secret.length() + " characters long; it must be"
                    + " at least " + MIN_SECRET + " (e.g. 'vgn_' followed by 43 random base64url characters:"
                    + " openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')"));
        } else if (secret.length() > MAX_SECRET) {
            out.add(new Problem("secret", "the token secret must be at most " + MAX_SECRET + " characters"));
        } else if (!SECRET.matcher(secret).matches()) {
            out.add(new Problem("secret", "the token secret must consist of visible ASCII characters only (no"
                    + " spaces, no letters with accents), so that it fits in an Authorization header"));
        }
        return out;
    }
}
