package nl.vangnet.proxy.decision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import nl.vangnet.config.rules.Domains;

/**
 * Which search hosts have an enforced-SafeSearch variant, and which: for a profile with SafeSearch the upstream
 * connection for {@code www.google.nl} goes to {@code forcesafesearch.google.com} instead, on the same port,
 * without decrypting anything (the enforced hosts serve the same certificates).
 *
 * <p>Data, not code: a UTF-8 text with one entry per line, {@code host enforced-host}, separated by white space;
 * blank lines and everything after {@code #} are ignored. Both names are normalised like requested hosts
 * ({@link HostName}); the enforced host may be an IP literal (useful for test stand-ins). Matching is exact: an
 * entry for {@code www.google.com} does not cover {@code google.com} or {@code a.www.google.com}. The default table
 * ({@link #defaults()}) is the resource {@value #RESOURCE}; operators may load their own with {@link #load(Path)}.
 * A malformed line is an error that names the source and the line number — a half-read table is never used.
 *
 * <p>Immutable and thread-safe; {@link #enforcedHost(String)} is one hash-map read.
 */
public final class SafeSearchTable {
    /** Class-path resource of the default table. */
    public static final String RESOURCE = "nl/vangnet/proxy/decision/safesearch.txt";

    private static final SafeSearchTable EMPTY = new SafeSearchTable(Map.of());

    private final Map<String, String> enforced;

    private SafeSearchTable(Map<String, String> enforced) {
        this.enforced = enforced;
    }

    /** The bundled default table (Google in every common country domain, YouTube, Bing, DuckDuckGo). */
    public static SafeSearchTable defaults() {
        return Defaults.TABLE;
    }

    /** A table without entries: SafeSearch then reroutes nothing. */
    public static SafeSearchTable empty() {
        return EMPTY;
    }

    /**
     * Reads a table from a UTF-8 file.
     *
     * @throws IOException              if the file cannot be read or is not UTF-8
     * @throws IllegalArgumentException if a line is malformed (the message names the file and line number)
     */
    public static SafeSearchTable load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses a table.
     *
     * @param text   the table's text
     * @param source what to call the text in error messages (a file name)
     * @throws IllegalArgumentException if a line is malformed: not two names, a name that is not a host name or IP
     *                                  literal, a host listed twice, or a host that reroutes to itself
     */
    public static SafeSearchTable parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Map<String, String> entries = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] fields = content.split("\\s+");
            if (fields.length != 2) {
                throw malformed(source, lineNumber, "expected two names, 'host enforced-host', but found "
                        + fields.length + ": '" + content + "'");
            }
            String host = checked(source, lineNumber, fields[0], "host");
            String target = checked(source, lineNumber, fields[1], "enforced host");
            if (host.equals(target)) {
                throw malformed(source, lineNumber, "'" + fields[0] + "' is rerouted to itself");
            }
            Integer first = lineOf.putIfAbsent(host, lineNumber);
            if (first != null) {
                throw malformed(source, lineNumber, "'" + host + "' is listed twice (first on line " + first + ")");
            }
            entries.put(host, target);
        }
        return new SafeSearchTable(Collections.unmodifiableMap(entries));
    }

    /**
     * The enforced-SafeSearch host for a normalised requested host ({@link HostName#normalise}), or {@code null}
     * when the host has none.
     */
    public String enforcedHost(String normalisedHost) {
        return enforced.get(normalisedHost);
    }

    /** Every entry, host → enforced host, in table order. Unmodifiable. */
    public Map<String, String> entries() {
        return enforced;
    }

    /** The number of entries. */
    public int size() {
        return enforced.size();
    }

    @Override
    public String toString() {
        return "SafeSearchTable[" + enforced.size() + " hosts]";
    }

    private static String checked(String source, int line, String name, String what) {
        String normalised = HostName.normalise(name);
        String problem = hostProblem(normalised);
        if (problem != null) {
            throw malformed(source, line, what + " '" + name + "' " + problem);
        }
        return normalised;
    }

    /** Why a normalised name is not a host name or IP literal, or {@code null} if it is one. */
    private static String hostProblem(String name) {
        if (Domains.isIpLiteral(name)) {
            return null;
        }
        if (name.length() > 253) {
            return "is longer than 253 characters";
        }
        int labelStart = 0;
        boolean lastLabelDigitsOnly = true;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                int length = i - labelStart;
                if (length == 0) {
                    return "has an empty label";
                }
                if (length > 63) {
                    return "has a label longer than 63 characters";
                }
                if (name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-') {
                    return "has a label that starts or ends with '-'";
                }
                lastLabelDigitsOnly = true;
                for (int j = labelStart; j < i; j++) {
                    char c = name.charAt(j);
                    if (c < '0' || c > '9') {
                        lastLabelDigitsOnly = false;
                    }
                    if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                        return "is not a host name: only letters, digits, '-' and '.' are allowed";
                    }
                }
                labelStart = i + 1;
            }
        }
        return lastLabelDigitsOnly ? "is neither an IP address nor a host name" : null;
    }

    private static IllegalArgumentException malformed(String source, int line, String message) {
        return new IllegalArgumentException("SafeSearch table " + source + " line " + line + ": " + message);
    }

    /** Loads the bundled table once, on first use. */
    private static final class Defaults {
        static final SafeSearchTable TABLE = loadResource();

        private static SafeSearchTable loadResource() {
            try (InputStream in = SafeSearchTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the default SafeSearch table " + RESOURCE
                            + " is missing from the class path");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the default SafeSearch table " + RESOURCE, e);
            }
        }
    }
}
