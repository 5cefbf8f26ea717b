package nl.vangnet.proxy.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Loads the real lists in {@code ../shared/data} (path from the system property {@code vangnet.shared.data}, set
 * by the parent pom) and checks them against the counts in that folder's README.
 */
class SharedDataListsTest {
    private static Path data;

    @BeforeAll
    static void findData() {
        String p = System.getProperty("vangnet.shared.data");
        if (p == null || p.isBlank()) {
            throw new IllegalStateException("system property vangnet.shared.data is not set; run the tests through"
                    + " Maven (the parent pom sets it to ../shared/data) or pass -Dvangnet.shared.data=<folder>");
        }
        data = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isDirectory(data.resolve("ut1"))) {
            throw new IllegalStateException("the shared list data is missing: " + data + " has no ut1/ folder;"
                    + " it must hold the shared/data folder beside the repository (UT1, sinfonietta, AdGuard)");
        }
    }

    private static final ListLoader LOADER = new ListLoader(new SourceFetcher(SourceLimits.DEFAULT),
            SourceLimits.DEFAULT.maxBytes());

    private static ListLoader.Loaded load(String spec) throws IOException {
        return LOADER.load(List.of(ListSource.parse(spec)));
    }

    /**
     * UT1 counts from the README: every line is accepted, none is malformed. In malware and phishing, 840 URL
     * lines differ from another only by a trailing '/' ({@code host/path/} and {@code host/path}), so they make
     * one entry each.
     */
    @ParameterizedTest(name = "ut1/{0}")
    @CsvSource({
            "chat, 268, 17, 17", "dating, 6504, 15, 15", "gambling, 32247, 5, 5", "games, 33741, 1655, 1655",
            "malware, 218441, 19733, 18893", "phishing, 218382, 19550, 18710", "redirector, 132323, 293, 293",
            "remote-control, 170, 1, 1", "sexual_education, 15, 8, 8", "shopping, 36968, 3, 3",
            "social_networks, 715, 1, 1", "strong_redirector, 132323, 21, 21", "translation, 175, 4, 4",
            "vpn, 6039, 0, 0", "webmail, 404, 9, 9"})
    void ut1CategoriesMatchTheReadme(String category, int domains, int urlLines, int urls) throws IOException {
        Path dir = data.resolve("ut1").resolve(category);
        ListLoader.Loaded d = load("domains:" + dir.resolve("domains.gz"));
        assertThat(d.content().count(EntryKind.DOMAIN)).isEqualTo(domains);
        assertThat(d.log().skipped()).as("%s", d.log().problems()).isZero();
        if (urlLines > 0) {
            ListLoader.Loaded u = load("urls:" + dir.resolve("urls.gz"));
            assertThat(u.content().count(EntryKind.URL)).isEqualTo(urls);
            assertThat(u.log().skipped()).as("%s", u.log().problems()).isZero();
        }
        ListLoader.Loaded all = load("ut1:" + dir);
        assertThat(all.content().count(EntryKind.DOMAIN)).isEqualTo(domains);
        assertThat(all.content().count(EntryKind.URL)).isEqualTo(urls);
    }

    /**
     * Sinfonietta hosts files: the README counts lines. pornography-hosts has one line with two hosts
     * ("xxxhindi.to en") and 24 names listed twice (some only differing in case), so 61186 lines hold 61163
     * distinct names.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"pornography-hosts.gz, 61186, 61163", "gambling-hosts.gz, 2642, 2642",
            "social-hosts.gz, 3245, 3245"})
    void hostsFilesMatchTheReadme(String file, int lines, int hosts) throws IOException {
        Path path = data.resolve("sinfonietta-hostfiles").resolve(file);
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(path)), java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(r.lines().map(String::strip).filter(x -> !x.isEmpty() && !x.startsWith("#")).count())
                    .isEqualTo(lines);
        }
        ListLoader.Loaded l = load("hosts:" + path);
        assertThat(l.content().count(EntryKind.HOST)).isEqualTo(hosts);
        assertThat(l.content().size()).isEqualTo(hosts);
        assertThat(l.log().skipped()).as("%s", l.log().problems()).isZero();
    }

    @Test
    void servicesJsonMatchesTheReadme() throws IOException {
        ServicesJson.Parsed p = LOADER.loadServices(ListSource.parse("services:"
                + data.resolve("adguard-hostlists-registry/services.json")));
        assertThat(p.lists()).hasSize(136);
        int entries = p.lists().values().stream().mapToInt(ListContent::size).sum();
        int unsupported = p.logs().values().stream().mapToInt(ImportLog::unsupported).sum();
        int malformed = p.logs().values().stream().mapToInt(ImportLog::malformed).sum();
        // README: 2287 rules; 16 with wildcards, 5 with modifiers and 1 regex are unsupported. Five rules occur
        // twice in their service (ebay 1, facebook 2, mastodon 2), so 2265 supported rules are 2260 entries.
        assertThat(unsupported).isEqualTo(22);
        assertThat(malformed).isZero();
        assertThat(p.fileLog().skipped()).isZero();
        assertThat(entries).isEqualTo(2287 - 22 - 5);
        assertThat(p.lists().get("service:facebook").size()).isEqualTo(443 - 2);
        assertThat(p.lists().get("service:tinder").size()).isEqualTo(3);
    }

    @Test
    void theWholeDataSetLoadsIntoOneCompactIndex() throws Exception {
        List<ListConfig> lists = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(data.resolve("ut1"))) {
            dirs.filter(Files::isDirectory).sorted().forEach(d -> lists.add(ListConfig.of(
                    d.getFileName().toString(), "ut1:" + d)));
        }
        Path h = data.resolve("sinfonietta-hostfiles");
        lists.add(ListConfig.of("porn", "hosts:" + h.resolve("pornography-hosts.gz")));
        lists.add(ListConfig.of("gambling-hosts", "hosts:" + h.resolve("gambling-hosts.gz")));
        lists.add(ListConfig.of("social-hosts", "hosts:" + h.resolve("social-hosts.gz")));
        String services = "services:" + data.resolve("adguard-hostlists-registry/services.json");
        try (ListCatalog c = new ListCatalog(CatalogSettings.of(lists, List.of(services)))) {
            ReloadReport r = c.start().get();
            assertThat(r.ok()).as("%s", r.failed()).isTrue();
            assertThat(lists).hasSize(18);
            CompactListIndex idx = (CompactListIndex) c.current();
            assertThat(idx.listIds()).hasSize(18 + 136);
            ListStatus gambling = c.status().stream().filter(s -> s.id().equals("gambling")).findFirst()
                    .orElseThrow();
            assertThat(gambling.entries()).isEqualTo(32247 + 5);
            assertThat(gambling.malformed() + gambling.unsupported()).isZero();
            assertThat(idx.size()).isBetween(500_000, 1_000_000);
            assertThat((double) idx.heapBytes() / idx.size()).isLessThanOrEqualTo(16.0);

            List<String> all = List.copyOf(idx.listIds());
            assertThat(find(idx, "www.0-casino.info", null, List.of("gambling"))).isEqualTo("gambling 0-casino.info");
            assertThat(find(idx, "1xbet.com", null, List.of("gambling-hosts"))).isEqualTo(
                    "gambling-hosts 1xbet.com");
            assertThat(find(idx, "m.1xbet.com", null, List.of("gambling-hosts"))).isNull();
            assertThat(find(idx, "abc.facebook.com", null, List.of("social-hosts"))).isEqualTo(
                    "social-hosts abc.facebook.com");
            assertThat(find(idx, "m.tiktok.com", null, List.of("service:tiktok"))).isEqualTo(
                    "service:tiktok tiktok.com");
            assertThat(find(idx, "www.instagram.com", null, List.of("service:instagram"))).isEqualTo(
                    "service:instagram instagram.com");
            assertThat(find(idx, "1001cocktails.com", "/javanoid/play.html", List.of("games"))).isEqualTo(
                    "games 1001cocktails.com/javanoid");
            assertThat(find(idx, "1001cocktails.com", "/recipes", List.of("games"))).isNull();
            assertThat(find(idx, "vangnet.invalid", null, all)).isNull();
            assertThat(find(idx, "www.rijksoverheid.nl", null, all)).isNull();
            assertThat(find(idx, "192.0.2.1", null, all)).isNull();
        }
    }

    private static String find(ListIndex idx, String host, String path, List<String> lists) {
        return idx.find(host, path, idx.query(lists)).map(h -> h.listId() + " " + h.matched()).orElse(null);
    }
}
