package nl.vangnet.proxy.transparent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The public names of Encrypted Client Hello (ECH) front-ends: the outer SNI a browser sends when it really encrypts
 * the inner ClientHello, so that the true name is hidden. A TLS connection to one of them is decided as
 * {@link nl.vangnet.proxy.decision.Kind#OPAQUE}. The bundled list ({@value #RESOURCE}) is data, not code; an
 * operator may supply another file in the same format: one lower-case DNS name per line, {@code #} starts a comment,
 * blank lines are ignored. Thread-safe (stateless).
 */
public final class EchPublicNames {
    /** The classpath location of the bundled list. */
    public static final String RESOURCE = "nl/vangnet/proxy/transparent/ech-public-names.txt";

    private static final Pattern NAME = Pattern.compile(
            "(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private EchPublicNames() {
    }

    /** The bundled list. */
    public static Set<String> defaults() {
        try (InputStream in = EchPublicNames.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled ECH public-name list " + RESOURCE + " is missing");
            }
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " failed", e);
        }
    }

    /**
     * Reads a list file.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the file and line of the first invalid name
     */
    public static Set<String> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    private static Set<String> parse(InputStream in, String source) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            int hash = line.indexOf('#');
            String name = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (name.isEmpty()) {
                continue;
            }
            try {
                requireValid(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + number + ": " + e.getMessage(), e);
            }
            names.add(name);
        }
        return Set.copyOf(names);
    }

    /** Checks that {@code name} is a lower-case DNS name with at least two labels, without trailing dot. */
    static void requireValid(String name) {
        if (!NAME.matcher(name).matches()) {
            String hint = name.equals(name.toLowerCase(Locale.ROOT)) ? "" : " (names must be lower case)";
            throw new IllegalArgumentException("not a DNS name: '" + name + "'" + hint
                    + "; expected e.g. cloudflare-ech.com");
        }
    }
}
