package nl.vangnet.proxy.lists;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads list sources into {@link ListContent}: opens each source (file, UT1 directory or URL), detects gzip by
 * its magic bytes, decodes UTF-8 (invalid bytes become U+FFFD, and the line is then reported as malformed) and
 * runs the format's parser. A source that cannot be read, or that yields no entry at all while lines were
 * skipped (say an HTML error page instead of a list), fails the whole list. Thread-safe.
 */
final class ListLoader {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final SourceOpener opener;
    private final long maxBytes;

    ListLoader(SourceOpener opener, long maxBytes) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.maxBytes = maxBytes;
    }

    /**
     * One list loaded from all its sources.
     *
     * @param content the union of the sources' entries
     * @param log     skipped lines of all sources
     */
    record Loaded(ListContent content, ImportLog log) {
    }

    /**
     * Loads one list from its sources (union). None may be a {@link ListFormat#SERVICES} source.
     *
     * @throws IOException naming the source that failed and why
     */
    Loaded load(List<ListSource> sources) throws IOException {
        ListContent.Builder b = ListContent.builder();
        ImportLog log = new ImportLog();
        for (ListSource s : sources) {
            int entriesBefore = b.added();
            int skippedBefore = log.skipped();
            try {
                read(s, b, log);
            } catch (IOException e) {
                throw new IOException(s.spec() + ": " + message(e), e);
            }
            int skipped = log.skipped() - skippedBefore;
            if (b.added() == entriesBefore && skipped > 0) {
                throw new IOException(s.spec() + ": no valid entry, " + skipped + " line(s) skipped; is it really in "
                        + s.format().prefix() + " format?");
            }
        }
        return new Loaded(b.build(), log);
    }

    /**
     * Loads the services of a {@link ListFormat#SERVICES} source.
     *
     * @throws IOException naming the source and why, also when it holds no service
     */
    ServicesJson.Parsed loadServices(ListSource source) throws IOException {
        if (source.format() != ListFormat.SERVICES) {
            throw new IllegalArgumentException("not a services source: " + source);
        }
        ServicesJson.Parsed parsed;
        try (InputStream in = open(source.location(), source.remote())) {
            parsed = ServicesJson.parse(in, source.spec());
        } catch (IOException e) {
            throw new IOException(source.spec() + ": " + message(e), e);
        }
        if (parsed.lists().isEmpty()) {
            throw new IOException(source.spec() + ": holds no service");
        }
        return parsed;
    }

    private void read(ListSource s, ListContent.Builder b, ImportLog log) throws IOException {
        switch (s.format()) {
            case UT1 -> readUt1(s, b, log);
            case DOMAINS, URLS, HOSTS, ADBLOCK -> {
                try (BufferedReader r = reader(open(s.location(), s.remote()))) {
                    parse(s.format(), r, s.spec(), b, log);
                }
            }
            case SERVICES -> throw new IOException("a services source makes service:<id> lists; configure it as a"
                    + " services source, not as the source of a category");
        }
    }

    private void readUt1(ListSource s, ListContent.Builder b, ImportLog log) throws IOException {
        Path dir = Path.of(s.location());
        if (!Files.isDirectory(dir)) {
            throw new IOException(Files.exists(dir) ? "not a directory" : "no such directory");
        }
        Path domains = one(dir, "domains");
        Path urls = one(dir, "urls");
        if (domains == null && urls == null) {
            throw new IOException("the directory has neither a 'domains' nor a 'urls' file (nor .gz)");
        }
        if (domains != null) {
            try (BufferedReader r = reader(open(domains.toString(), false))) {
                ListParsers.domains(r, s.spec() + "/" + domains.getFileName(), b, log);
            }
        }
        if (urls != null) {
            try (BufferedReader r = reader(open(urls.toString(), false))) {
                ListParsers.urls(r, s.spec() + "/" + urls.getFileName(), b, log);
            }
        }
    }

    private static Path one(Path dir, String name) throws IOException {
        Path plain = dir.resolve(name);
        Path gz = dir.resolve(name + ".gz");
        boolean p = Files.isRegularFile(plain);
        boolean g = Files.isRegularFile(gz);
        if (p && g) {
            throw new IOException("the directory has both '" + name + "' and '" + name + ".gz'; keep one");
        }
        return p ? plain : g ? gz : null;
    }

    private static void parse(ListFormat f, BufferedReader r, String source, ListContent.Builder b, ImportLog log)
            throws IOException {
        switch (f) {
            case DOMAINS -> ListParsers.domains(r, source, b, log);
            case URLS -> ListParsers.urls(r, source, b, log);
            case HOSTS -> ListParsers.hosts(r, source, b, log);
            case ADBLOCK -> ListParsers.adblock(r, source, b, log);
            default -> throw new IllegalStateException("not a line format: " + f);
        }
    }

    /** The bytes of a location, size-capped, gunzipped if they start with the gzip magic bytes. */
    InputStream open(String location, boolean remote) throws IOException {
        InputStream raw = new Capped(opener.open(location, remote), maxBytes, "the source");
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
            return new Capped(new GZIPInputStream(in, 1 << 16), maxBytes, "the decompressed source");
        }
        return in;
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                1 << 16);
    }

    private static String message(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof java.util.zip.ZipException) {
            return "broken gzip data: " + e.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Fails once more than {@code max} bytes were read. */
    private static final class Capped extends FilterInputStream {
        private final long max;
        private final String what;
        private long count;

        Capped(InputStream in, long max, String what) {
            super(in);
            this.max = max;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count(s);
            return s;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void count(long n) throws IOException {
            count += n;
            if (count > max) {
                throw new IOException(what + " is larger than the limit of " + max + " bytes");
            }
        }
    }
}
