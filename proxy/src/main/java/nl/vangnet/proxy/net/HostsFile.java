package nl.vangnet.proxy.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a hosts-format file ({@code address name [name...]}, {@code #} comments) into a {@link HostTable}, for the
 * {@code proxy.hosts-file} setting: static destinations for closed networks and labs, consulted before DNS. A name
 * listed on several lines gets every address, in file order. Stateless and thread-safe.
 */
public final class HostsFile {
    private HostsFile() {
    }

    /**
     * Reads the file.
     *
     * @throws IOException              when it cannot be read
     * @throws IllegalArgumentException naming the file and line when a line is not {@code address name...}
     */
    public static HostTable read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses hosts-format text; {@code source} names it in error messages. */
    public static HostTable parse(String text, String source) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] fields = content.split("\\s+");
            String where = source + ":" + (i + 1) + ": ";
            if (fields.length < 2) {
                throw new IllegalArgumentException(where + "expected 'address name [name...]', got '" + content + "'");
            }
            if (IpLiterals.parse(fields[0]).isEmpty()) {
                throw new IllegalArgumentException(where + "'" + fields[0] + "' is not an IP address");
            }
            for (int f = 1; f < fields.length; f++) {
                names.computeIfAbsent(fields[f].toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(fields[0]);
            }
        }
        HostTable.Builder b = HostTable.builder();
        names.forEach((name, addresses) -> b.put(name, addresses.toArray(String[]::new)));
        return b.build();
    }
}
