package nl.vangnet.proxy.identify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads DHCP lease files in one of the {@link LeaseFormat}s. Malformed lines or blocks are skipped and counted,
 * never fatal; only a file that is missing, unreadable or as a whole not in the format fails. Files are read as
 * ISO-8859-1, so no byte sequence can fail decoding (the fields used are ASCII). Stateless and thread-safe.
 */
public final class LeaseFiles {
    private LeaseFiles() {
    }

    /**
     * The leases in the lease file at {@code file} (for Kea together with the lease file cleanup's files beside it,
     * see {@link LeaseFormat#KEA}).
     *
     * @param file   the lease file
     * @param format its format, or {@link LeaseFormat#AUTO} to detect it
     * @throws NoSuchFileException if {@code file} does not exist
     * @throws LeaseFileException  if the file as a whole is not in the format, or the format cannot be detected
     * @throws IOException         if reading fails
     */
    public static ParsedLeases read(Path file, LeaseFormat format) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "the lease file does not exist");
        }
        LeaseFormat actual = format;
        if (format == LeaseFormat.AUTO) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                actual = LeaseFormat.detect(firstNonBlankLine(in), name(file));
            }
            if (actual == LeaseFormat.AUTO) {
                return ParsedLeases.empty(LeaseFormat.AUTO);
            }
        }
        LeaseParser parser = actual.parser();
        LeaseCollector out = new LeaseCollector();
        for (Path p : actual.files(file)) {
            try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.ISO_8859_1)) {
                parser.parse(in, name(p), out);
            }
        }
        return out.result(actual);
    }

    /** The leases in {@code text}, as if it were the whole content of a file named {@code fileName}. */
    static ParsedLeases parse(String text, LeaseFormat format, String fileName) throws IOException {
        LeaseFormat actual = format;
        if (format == LeaseFormat.AUTO) {
            try (BufferedReader in = new BufferedReader(new StringReader(text))) {
                actual = LeaseFormat.detect(firstNonBlankLine(in), fileName);
            }
            if (actual == LeaseFormat.AUTO) {
                return ParsedLeases.empty(LeaseFormat.AUTO);
            }
        }
        LeaseCollector out = new LeaseCollector();
        try (Reader r = new StringReader(text); BufferedReader in = new BufferedReader(r)) {
            actual.parser().parse(in, fileName, out);
        }
        return out.result(actual);
    }

    private static String firstNonBlankLine(BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                return line;
            }
        }
        return null;
    }

    private static String name(Path p) {
        Path name = p.getFileName();
        return name == null ? p.toString() : name.toString();
    }
}
