package nl.vangnet.proxy.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListParsersTest {

    @FunctionalInterface
    interface Parser {
        void parse(BufferedReader in, String source, ListContent.Builder out, ImportLog log) throws IOException;
    }

    /** Parses {@code text} and returns the content, checking the problems' line numbers and types. */
    private static Parsed parse(Parser p, String text) throws IOException {
        ListContent.Builder b = ListContent.builder();
        ImportLog log = new ImportLog();
        p.parse(new BufferedReader(new StringReader(text)), "test:src", b, log);
        return new Parsed(b.build(), log);
    }

    record Parsed(ListContent content, ImportLog log) {
        CompactListIndex index() {
            return CompactListIndex.builder(1).put("l", content).build();
        }

        String find(String host, String path) {
            CompactListIndex idx = index();
            return idx.find(host, path, idx.query(List.of("l"))).map(ListHit::matched).orElse(null);
        }

        List<String> problems() {
            return log.problems().stream().map(p -> p.line() + " " + p.type()).toList();
        }
    }

    @Test
    void squidGuardDomains() throws IOException {
        Parsed p = parse(ListParsers::domains, """
                \uFEFFcasino.example
                # comment

                  Poker.Example.  \r
                wettbüro.example
                192.0.2.7
                love_you.tripod.example
                bad name.example
                a..b.example
                foo.example/path
                999.1.1.1
                example.123
                *.wild.example
                casino.example
                """);
        assertThat(p.content().count(EntryKind.DOMAIN)).isEqualTo(6);
        assertThat(p.content().size()).isEqualTo(6);
        assertThat(p.problems()).containsExactly("8 MALFORMED", "9 MALFORMED", "10 MALFORMED", "11 MALFORMED",
                "12 MALFORMED");
        assertThat(p.log().malformed()).isEqualTo(5);
        assertThat(p.log().problems().get(0).reason()).contains("' '");
        assertThat(p.log().problems().get(0).source()).isEqualTo("test:src");
        assertThat(p.log().problems().get(0).text()).isEqualTo("bad name.example");
        assertThat(p.log().problems().get(1).reason()).contains("empty label");
        assertThat(p.log().problems().get(3).reason()).contains("not a valid IP address");
        assertThat(p.log().problems().get(4).reason()).contains("last label all digits");
        assertThat(p.find("www.casino.example", null)).isEqualTo("casino.example");
        assertThat(p.find("poker.example", null)).isEqualTo("poker.example");
        assertThat(p.find("xn--wettbro-r2a.example", null)).isEqualTo("xn--wettbro-r2a.example");
        assertThat(p.find("192.0.2.7", null)).isEqualTo("192.0.2.7");
        assertThat(p.find("love_you.tripod.example", null)).isEqualTo("love_you.tripod.example");
        assertThat(p.find("a.wild.example", null)).isEqualTo("wild.example");
    }

    @Test
    void squidGuardUrls() throws IOException {
        Parsed p = parse(ListParsers::urls, """
                games.example/play/
                Forum.Example/index.php?showforum=11
                http://scheme.example/a
                dmoz.example/World/Espa%c3%b1ol/Juegos/
                192.0.2.9/jeux
                hostonly.example
                host.example:8080/x
                bad host.example/x
                bad..example/x
                # comment
                """);
        assertThat(p.content().count(EntryKind.URL)).isEqualTo(6);
        assertThat(p.problems()).containsExactly("7 MALFORMED", "8 MALFORMED", "9 MALFORMED");
        assertThat(p.log().problems().get(0).reason()).contains("port");
        assertThat(p.find("games.example", "/play/x")).isEqualTo("games.example/play");
        assertThat(p.find("games.example", null)).isNull();
        assertThat(p.find("forum.example", "/index.php?showforum=11")).isEqualTo(
                "forum.example/index.php?showforum=11");
        assertThat(p.find("scheme.example", "/a")).isEqualTo("scheme.example/a");
        assertThat(p.find("dmoz.example", "/World/Espa%c3%b1ol/Juegos/index.html"))
                .isEqualTo("dmoz.example/World/Espa%c3%b1ol/Juegos");
        assertThat(p.find("192.0.2.9", "/jeux")).isEqualTo("192.0.2.9/jeux");
        assertThat(p.find("hostonly.example", "/")).isEqualTo("hostonly.example");
    }

    @Test
    void hostsFiles() throws IOException {
        Parsed p = parse(ListParsers::hosts, """
                # Title: test
                127.0.0.1 localhost
                ::1 localhost ip6-localhost ip6-loopback
                0.0.0.0 0.0.0.0
                0.0.0.0 ads.example
                127.0.0.1\tTracker.Example. www.tracker.example   # inline comment
                127.0.0.7 seven.example
                192.168.1.1 router.example
                ads2.example
                0.0.0.0
                0.0.0.0 bad_host!.example good.example
                0.0.0.0 xxx.example en
                """);
        assertThat(p.content().count(EntryKind.HOST)).isEqualTo(8);
        assertThat(p.content().count(EntryKind.DOMAIN)).isZero();
        assertThat(p.problems()).containsExactly("9 MALFORMED", "10 MALFORMED", "11 MALFORMED");
        assertThat(p.log().problems().get(0).reason()).contains("'ads2.example' is not an IP address");
        assertThat(p.log().problems().get(1).reason()).contains("no host name");
        assertThat(p.find("ads.example", null)).isEqualTo("ads.example");
        assertThat(p.find("sub.ads.example", null)).isNull();
        assertThat(p.find("tracker.example", null)).isEqualTo("tracker.example");
        assertThat(p.find("www.tracker.example", null)).isEqualTo("www.tracker.example");
        assertThat(p.find("seven.example", null)).isEqualTo("seven.example");
        assertThat(p.find("router.example", null)).isEqualTo("router.example");
        assertThat(p.find("good.example", null)).isEqualTo("good.example");
        assertThat(p.find("en", null)).isEqualTo("en");
        assertThat(p.find("localhost", null)).isNull();
    }

    static Stream<Arguments> adblockRules() {
        return Stream.of(
                // rule, kind added (or null), problem type (or null), reason fragment
                Arguments.of("||casino.example^", EntryKind.DOMAIN, null, null),
                Arguments.of("||Casino.Example^|", EntryKind.DOMAIN, null, null),
                Arguments.of("||espn.example", EntryKind.DOMAIN, null, null),
                Arguments.of("|exact.example^", EntryKind.HOST, null, null),
                Arguments.of("@@||good.example^", EntryKind.EXCEPTION, null, null),
                Arguments.of("||192.0.2.1^", EntryKind.DOMAIN, null, null),
                Arguments.of("! comment", null, null, null),
                Arguments.of("[Adblock Plus 2.0]", null, null, null),
                Arguments.of("# hash comment", null, null, null),
                Arguments.of("", null, null, null),
                Arguments.of("||awsdns-*.com^", null, ListProblem.Type.UNSUPPORTED, "wildcards"),
                Arguments.of("*vod-adaptive.akamaized.net^", null, ListProblem.Type.UNSUPPORTED, "wildcards"),
                Arguments.of("/_spotify-connect._tcp.local/", null, ListProblem.Type.UNSUPPORTED, "regular"),
                Arguments.of("||mask.icloud.com^$dnsrewrite=NXDOMAIN;;", null, ListProblem.Type.UNSUPPORTED,
                        "modifiers"),
                Arguments.of("@@||x.example^$important", null, ListProblem.Type.UNSUPPORTED, "modifiers"),
                Arguments.of("example.com##.ad", null, ListProblem.Type.UNSUPPORTED, "cosmetic"),
                Arguments.of("plain.example", null, ListProblem.Type.UNSUPPORTED, "anchor"),
                Arguments.of("@@|exact.example^", null, ListProblem.Type.UNSUPPORTED, "exact-host exceptions"),
                Arguments.of("||example.com/ads^", null, ListProblem.Type.UNSUPPORTED, "path"),
                Arguments.of("||example.com:8080^", null, ListProblem.Type.UNSUPPORTED, "port"),
                Arguments.of("||bad name.example^", null, ListProblem.Type.MALFORMED, "' '"),
                Arguments.of("||^", null, ListProblem.Type.MALFORMED, "empty name"));
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @MethodSource("adblockRules")
    void adblockRule(String rule, EntryKind kind, ListProblem.Type type, String reason) {
        ListContent.Builder b = ListContent.builder();
        ImportLog log = new ImportLog();
        ListParsers.adblockRule(rule, "test:src", 12, b, log);
        ListContent c = b.build();
        if (kind == null) {
            assertThat(c.size()).isZero();
        } else {
            assertThat(c.size()).isEqualTo(1);
            assertThat(c.count(kind)).isEqualTo(1);
        }
        if (type == null) {
            assertThat(log.problems()).isEmpty();
        } else {
            assertThat(log.problems()).singleElement().satisfies(p -> {
                assertThat(p.type()).isEqualTo(type);
                assertThat(p.line()).isEqualTo(12);
                assertThat(p.reason()).contains(reason);
                assertThat(p.text()).isEqualTo(rule);
            });
        }
    }

    @Test
    void adblockFileCountsLinesAndMatches() throws IOException {
        Parsed p = parse(ListParsers::adblock, """
                [Adblock Plus 2.0]
                ! Title: test
                ||tracker.example^
                @@||good.tracker.example^
                |exact.example^
                ||wild*.example^
                ||x.example^$third-party
                """);
        assertThat(p.problems()).containsExactly("6 UNSUPPORTED", "7 UNSUPPORTED");
        assertThat(p.log().unsupported()).isEqualTo(2);
        assertThat(p.find("a.tracker.example", null)).isEqualTo("tracker.example");
        assertThat(p.find("a.good.tracker.example", null)).isNull();
        assertThat(p.find("exact.example", null)).isEqualTo("exact.example");
        assertThat(p.find("www.exact.example", null)).isNull();
    }

    @Test
    void problemsKeepTheFirstFiveButCountAll() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            text.append(i % 2 == 0 ? "bad name" + i : "ok" + i + ".example").append('\n');
        }
        Parsed p = parse(ListParsers::domains, text.toString());
        assertThat(p.log().malformed()).isEqualTo(6);
        assertThat(p.problems()).containsExactly("2 MALFORMED", "4 MALFORMED", "6 MALFORMED", "8 MALFORMED",
                "10 MALFORMED");
        assertThat(p.content().size()).isEqualTo(6);
    }

    @Test
    void servicesJson() throws IOException {
        String json = """
                {"blocked_services":[
                  {"id":"tiktok","name":"TikTok","rules":["||tiktok.example^","||tiktokcdn-*.example^",
                    "|exact.tiktok-cdn.example^"],"group":"social_network"},
                  {"id":"Plenty_Of_Fish","name":"POF","rules":["||pof.example^", 42, "||x.example^$dnstype=A"]},
                  {"name":"no id","rules":["||noid.example^"]},
                  {"id":"tiktok","rules":["||dup.example^"]},
                  {"id":"empty","rules":[]},
                  {"id":"norules"}
                ],"groups":[{"id":"social_network"}]}
                """;
        ServicesJson.Parsed p = ServicesJson.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "services:test.json");
        assertThat(p.lists().keySet()).containsExactly("service:tiktok", "service:plenty_of_fish", "service:empty",
                "service:norules");
        assertThat(p.lists().get("service:tiktok").count(EntryKind.DOMAIN)).isEqualTo(1);
        assertThat(p.lists().get("service:tiktok").count(EntryKind.HOST)).isEqualTo(1);
        assertThat(p.logs().get("service:tiktok").problems()).singleElement().satisfies(pr -> {
            assertThat(pr.source()).isEqualTo("services:test.json#tiktok");
            assertThat(pr.line()).isEqualTo(2);
            assertThat(pr.type()).isEqualTo(ListProblem.Type.UNSUPPORTED);
        });
        assertThat(p.logs().get("service:plenty_of_fish").problems()).extracting(ListProblem::line,
                ListProblem::type).containsExactly(org.assertj.core.groups.Tuple.tuple(2,
                        ListProblem.Type.MALFORMED), org.assertj.core.groups.Tuple.tuple(3,
                        ListProblem.Type.UNSUPPORTED));
        assertThat(p.logs().get("service:norules").malformed()).isEqualTo(1);
        assertThat(p.fileLog().problems()).extracting(ListProblem::reason).satisfiesExactly(
                r -> assertThat(r).contains("service #3 has no valid \"id\""),
                r -> assertThat(r).contains("'tiktok' occurs twice"));
    }

    static Stream<Arguments> badServicesFiles() {
        return Stream.of(
                Arguments.of("{\"blocked_services\": [", "not valid JSON"),
                Arguments.of("[]", "no \"blocked_services\" array"),
                Arguments.of("{\"blocked_services\": {}}", "no \"blocked_services\" array"),
                Arguments.of("", "no \"blocked_services\" array"));
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @MethodSource("badServicesFiles")
    void badServicesFilesFail(String json, String message) {
        assertThatThrownBy(() -> ServicesJson.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "services:x")).isInstanceOf(IOException.class).hasMessageContaining(message);
    }
}
