package nl.vangnet.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import nl.vangnet.config.rules.Domains;
import nl.vangnet.proxy.lists.CatalogSettings;
import nl.vangnet.proxy.lists.CompactListIndex;
import nl.vangnet.proxy.lists.ListCatalog;
import nl.vangnet.proxy.lists.ListConfig;
import nl.vangnet.proxy.lists.ReloadReport;

/**
 * The real list data in {@code ../shared/data}: where it is, the catalog settings that load all of it (every UT1
 * category, the three Sinfonietta hosts files, AdGuard's services.json) and a sample of its names. Stateless.
 */
final class SharedData {
    /** System property naming the data folder; default {@code ../shared/data}, then {@code shared/data}. */
    static final String PROPERTY = "vangnet.shared.data";

    private SharedData() {
    }

    /** The data folder, or an exception that says how to point at it. */
    static Path dir() {
        String p = System.getProperty(PROPERTY);
        List<Path> candidates = p != null && !p.isBlank() ? List.of(Path.of(p))
                : List.of(Path.of("../shared/data"), Path.of("shared/data"));
        for (Path c : candidates) {
            if (Files.isDirectory(c.resolve("ut1"))) {
                return c.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("the shared list data was not found at " + candidates + "; run from the"
                + " repository root with shared/ beside it, or pass -D" + PROPERTY + "=<folder with ut1/>");
    }

    /** Every list of the data set: 15 UT1 categories, 3 hosts files and one services source (136 services). */
    static CatalogSettings settings() {
        Path d = dir();
        List<ListConfig> lists = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(d.resolve("ut1"))) {
            dirs.filter(Files::isDirectory).sorted()
                    .forEach(c -> lists.add(ListConfig.of(c.getFileName().toString(), "ut1:" + c)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path h = d.resolve("sinfonietta-hostfiles");
        lists.add(ListConfig.of("porn", "hosts:" + h.resolve("pornography-hosts.gz")));
        lists.add(ListConfig.of("gambling-hosts", "hosts:" + h.resolve("gambling-hosts.gz")));
        lists.add(ListConfig.of("social-hosts", "hosts:" + h.resolve("social-hosts.gz")));
        return CatalogSettings.of(lists,
                List.of("services:" + d.resolve("adguard-hostlists-registry/services.json")));
    }

    /** Loads the whole data set with a {@link ListCatalog}, as the proxy does. */
    static CompactListIndex load() {
        try (ListCatalog c = new ListCatalog(settings())) {
            ReloadReport r = c.start().get();
            if (!r.ok()) {
                throw new IllegalStateException("lists failed to load: " + r.failed());
            }
            return (CompactListIndex) c.current();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * About {@code n} listed names, drawn evenly from the UT1 domains files and the hosts files, normalised. Each
     * is listed as a domain (UT1) or an exact host (hosts files).
     */
    static List<String> sampleNames(int n, long seed) {
        Path d = dir();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(d.resolve("ut1"))) {
            dirs.map(c -> c.resolve("domains.gz")).filter(Files::exists).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> hosts = Files.list(d.resolve("sinfonietta-hostfiles"))) {
            hosts.filter(f -> f.toString().endsWith(".gz")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>();
        for (Path f : files) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String s = line.strip();
                    if (s.isEmpty() || s.startsWith("#")) {
                        continue;
                    }
                    String[] fields = s.split("\\s+");
                    all.add(Domains.normalise(fields[fields.length - 1]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(f.toString(), e);
            }
        }
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all.get(random.nextInt(all.size())));
        }
        return out;
    }
}
