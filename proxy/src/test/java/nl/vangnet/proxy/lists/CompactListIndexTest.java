package nl.vangnet.proxy.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import nl.vangnet.config.rules.Domains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompactListIndexTest {

    /** Entries as the importers add them (names normalised with Domains.normalise, as they do). */
    private static final CompactListIndex INDEX = CompactListIndex.builder(7)
            .put("gambling", ListContent.builder()
                    .addName(EntryKind.DOMAIN, n("Casino.Example."))
                    .addName(EntryKind.DOMAIN, n("bet.example.org"))
                    .addName(EntryKind.DOMAIN, n("192.0.2.7"))
                    .addName(EntryKind.DOMAIN, n("2001:DB8:0:0::1"))
                    .addName(EntryKind.DOMAIN, n("wettbüro.example"))
                    .addName(EntryKind.DOMAIN, n("shared.example"))
                    .addUrl(n("games.example"), "/play")
                    .addUrl(n("www.forum.example"), "/index.php?showforum=11")
                    .addUrl(n("whole.example"), "")
                    .build())
            .put("porn", ListContent.builder()
                    .addName(EntryKind.HOST, n("adult.example"))
                    .addName(EntryKind.HOST, n("www.adult.example"))
                    .addName(EntryKind.HOST, n("shared.example"))
                    .addName(EntryKind.HOST, n("deep.sub.shared.example"))
                    .build())
            .put("ads", ListContent.builder()
                    .addName(EntryKind.DOMAIN, n("tracker.example"))
                    .addName(EntryKind.EXCEPTION, n("good.tracker.example"))
                    .addName(EntryKind.DOMAIN, n("ok.good.tracker.example"))
                    .addName(EntryKind.DOMAIN, n("casino.example"))
                    .addName(EntryKind.DOMAIN, n("sub.shared.example"))
                    .addUrl(n("games.example"), "/play/more")
                    .build())
            .put("tld", ListContent.builder().addName(EntryKind.DOMAIN, "zip").build())
            .build();

    private static final List<String> ALL = List.of("gambling", "porn", "ads", "tld");

    private static String n(String s) {
        return Domains.normalise(s);
    }

    static Stream<Arguments> matches() {
        return Stream.of(
                // host as sent, path, lists in query order, expected "list matched" or null
                Arguments.of("casino.example", null, ALL, "gambling casino.example"),
                Arguments.of("CASINO.example.", null, ALL, "gambling casino.example"),
                Arguments.of("www.casino.example", null, ALL, "gambling casino.example"),
                Arguments.of("a.b.c.casino.example", null, ALL, "gambling casino.example"),
                Arguments.of("casino.example", null, List.of("ads", "gambling"), "ads casino.example"),
                Arguments.of("casino.example", null, List.of("porn"), null),
                Arguments.of("notcasino.example", null, ALL, null),
                Arguments.of("casino.example.org", null, ALL, null),
                Arguments.of("example", null, ALL, null),
                // parent suffixes, nearest first; equal distance in query order
                Arguments.of("x.bet.example.org", null, ALL, "gambling bet.example.org"),
                Arguments.of("shared.example", null, List.of("porn", "gambling"), "porn shared.example"),
                Arguments.of("shared.example", null, List.of("gambling", "porn"), "gambling shared.example"),
                Arguments.of("x.sub.shared.example", null, List.of("gambling", "ads"), "ads sub.shared.example"),
                Arguments.of("deep.sub.shared.example", null, List.of("gambling", "ads", "porn"),
                        "porn deep.sub.shared.example"),
                // exact hosts do not cover subdomains
                Arguments.of("adult.example", null, ALL, "porn adult.example"),
                Arguments.of("www.adult.example", null, ALL, "porn www.adult.example"),
                Arguments.of("m.adult.example", null, ALL, null),
                Arguments.of("x.deep.sub.shared.example", null, List.of("porn"), null),
                // exceptions remove the list's matches for the domain and its subdomains, not other lists'
                Arguments.of("tracker.example", null, ALL, "ads tracker.example"),
                Arguments.of("x.tracker.example", null, ALL, "ads tracker.example"),
                Arguments.of("good.tracker.example", null, ALL, null),
                Arguments.of("x.good.tracker.example", null, ALL, null),
                Arguments.of("ok.good.tracker.example", null, ALL, null),
                // IP literals match only the same canonical literal
                Arguments.of("192.0.2.7", null, ALL, "gambling 192.0.2.7"),
                Arguments.of("192.0.2.70", null, ALL, null),
                Arguments.of("1.192.0.2.7", null, ALL, null),
                Arguments.of("2001:DB8::1", null, ALL, "gambling 2001:db8::1"),
                Arguments.of("2001:0db8:0000::0001", null, ALL, "gambling 2001:db8::1"),
                Arguments.of("::ffff:192.0.2.7", null, ALL, "gambling 192.0.2.7"),
                // IDN: list and host both in punycode
                Arguments.of("WETTBÜRO.example", null, ALL, "gambling xn--wettbro-r2a.example"),
                Arguments.of("www.xn--wettbro-r2a.example", null, ALL, "gambling xn--wettbro-r2a.example"),
                // a TLD entry
                Arguments.of("evil.zip", null, ALL, "tld zip"),
                Arguments.of("zip", null, ALL, "tld zip"),
                // URL prefixes at '/', '?' and '&' boundaries, only with a path
                Arguments.of("games.example", null, ALL, null),
                Arguments.of("games.example", "/", ALL, null),
                Arguments.of("games.example", "/play", ALL, "gambling games.example/play"),
                Arguments.of("games.example", "/play/", ALL, "gambling games.example/play"),
                Arguments.of("games.example", "/play/x/y.html", ALL, "gambling games.example/play"),
                Arguments.of("games.example", "/play?level=2", ALL, "gambling games.example/play"),
                Arguments.of("games.example", "/playground", ALL, null),
                Arguments.of("games.example", "/Play", ALL, null),
                Arguments.of("games.example", "/x/play", ALL, null),
                Arguments.of("games.example", "/play/more/x", List.of("ads", "gambling"), "gambling games.example/play"),
                Arguments.of("games.example", "/play/more/x", List.of("ads"), "ads games.example/play/more"),
                Arguments.of("sub.games.example", "/play", ALL, null),
                Arguments.of("www.games.example", "/play", ALL, "gambling games.example/play"),
                Arguments.of("www2.games.example", "/play", ALL, "gambling games.example/play"),
                Arguments.of("forum.example", "/index.php?showforum=11", ALL,
                        "gambling forum.example/index.php?showforum=11"),
                Arguments.of("forum.example", "/index.php?showforum=11&page=2", ALL,
                        "gambling forum.example/index.php?showforum=11"),
                Arguments.of("forum.example", "/index.php?showforum=111", ALL, null),
                Arguments.of("forum.example", "/index.php", ALL, null),
                Arguments.of("whole.example", "/anything", ALL, "gambling whole.example"),
                Arguments.of("whole.example", null, ALL, null));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("matches")
    void matching(String host, String path, List<String> lists, String expected) {
        Optional<ListHit> hit = INDEX.find(Domains.normalise(host), path, INDEX.query(lists));
        assertThat(hit.map(h -> h.listId() + " " + h.matched()).orElse(null)).isEqualTo(expected);
    }

    @Test
    void queryKeepsOrderAndReportsMissingIds() {
        ListQuery q = INDEX.query(List.of("porn", "nope", "gambling", "porn"));
        assertThat(q.listIds()).containsExactly("porn", "gambling");
        assertThat(q.missing()).containsExactly("nope");
        assertThat(q.isEmpty()).isFalse();
        ListQuery none = INDEX.query(List.of("nope"));
        assertThat(none.isEmpty()).isTrue();
        assertThat(INDEX.find("casino.example", null, none)).isEmpty();
        assertThat(INDEX.version()).isEqualTo(7);
        assertThat(INDEX.listIds()).containsExactlyInAnyOrder("gambling", "porn", "ads", "tld");
    }

    @Test
    void queryOfAnotherIndexIsRefused() {
        CompactListIndex other = CompactListIndex.builder(1).put("gambling", ListContent.empty()).build();
        assertThatThrownBy(() -> INDEX.find("a.example", null, other.query(ALL)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another index");
        assertThatThrownBy(() -> INDEX.find("a.example", null, ListIndex.empty().query(ALL)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListIndex.empty().find("a.example", null, INDEX.query(ALL)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyIndexesMatchNothing() {
        CompactListIndex empty = CompactListIndex.builder(0).build();
        assertThat(empty.size()).isZero();
        assertThat(empty.find("casino.example", "/", empty.query(ALL))).isEmpty();
        CompactListIndex emptyList = CompactListIndex.builder(0).put("gambling", ListContent.empty()).build();
        assertThat(emptyList.query(ALL).listIds()).containsExactly("gambling");
        assertThat(emptyList.find("casino.example", "/", emptyList.query(ALL))).isEmpty();
        assertThat(ListIndex.empty().query(ALL).missing()).isEqualTo(ALL);
        assertThat(ListIndex.empty().find("casino.example", null, ListIndex.empty().query(ALL))).isEmpty();
    }

    @Test
    void sizeCountsDistinctKeysAndHeapBytesFollowFromArrays() {
        // casino.example is in gambling and ads, shared.example in gambling and porn: one key each; plus the
        // three hosts with URL entries (games.example is in two lists)
        assertThat(INDEX.size()).isEqualTo(9 + 4 + 6 + 1 - 2 + 3);
        assertThat(INDEX.heapBytes()).isGreaterThan(INDEX.size() * 10L);
    }

    @Test
    void largeRandomIndexFindsEveryNameAndNoOther() {
        Random r = new Random(42);
        List<String> names = randomNames(r, 200_000);
        List<String> others = randomNames(new Random(43), 200_000);
        ListContent.Builder b = ListContent.builder();
        names.forEach(name -> b.addName(EntryKind.DOMAIN, name));
        CompactListIndex idx = CompactListIndex.builder(1).put("big", b.build()).build();
        ListQuery q = idx.query(List.of("big"));
        assertThat(idx.size()).isEqualTo(names.size());
        for (String name : names) {
            assertThat(idx.find(name, null, q)).as(name).map(ListHit::matched).contains(name);
        }
        java.util.Set<String> listed = new java.util.HashSet<>(names);
        int falseHits = 0;
        for (String other : others) {
            if (!listed.contains(other) && idx.find(other, null, q).isPresent()) {
                falseHits++;
            }
        }
        assertThat(falseHits).isZero();
        assertThat((double) idx.heapBytes() / idx.size()).isLessThanOrEqualTo(13.0);
    }

    private static List<String> randomNames(Random r, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Long.toString(r.nextLong() & Long.MAX_VALUE, 36) + ".r" + r.nextInt(1000) + ".example");
        }
        return out;
    }

    @Test
    void rebuildKeepsUnchangedListsFromThePreviousIndex() {
        CompactListIndex v1 = CompactListIndex.builder(1)
                .put("a", ListContent.builder().addName(EntryKind.DOMAIN, "a.example")
                        .addName(EntryKind.DOMAIN, "both.example").build())
                .put("b", ListContent.builder().addName(EntryKind.HOST, "b-old.example")
                        .addName(EntryKind.HOST, "both.example").build())
                .put("c", ListContent.builder().addName(EntryKind.DOMAIN, "c.example").build())
                .build();
        CompactListIndex v2 = CompactListIndex.builder(2, v1)
                .put("b", ListContent.builder().addName(EntryKind.HOST, "b-new.example")
                        .addName(EntryKind.EXCEPTION, "x.a.example").build())
                .keep("a")
                .put("d", ListContent.builder().addName(EntryKind.DOMAIN, "a.example").build())
                .build();
        assertThat(v2.listIds()).containsExactlyInAnyOrder("a", "b", "d");
        ListQuery q = v2.query(List.of("a", "b", "c", "d"));
        assertThat(q.missing()).containsExactly("c");
        assertThat(hit(v2, "www.a.example", q)).isEqualTo("a a.example");
        assertThat(hit(v2, "both.example", q)).isEqualTo("a both.example");
        assertThat(hit(v2, "both.example", v2.query(List.of("b")))).isNull();
        assertThat(hit(v2, "b-old.example", q)).isNull();
        assertThat(hit(v2, "b-new.example", q)).isEqualTo("b b-new.example");
        assertThat(hit(v2, "c.example", q)).isNull();
        assertThat(hit(v2, "y.x.a.example", v2.query(List.of("b", "d")))).isEqualTo("d a.example");
        assertThat(v2.size()).isEqualTo(4);
        // the old index is untouched
        assertThat(hit(v1, "b-old.example", v1.query(List.of("b")))).isEqualTo("b b-old.example");
        // a kept list keeps its exception
        CompactListIndex v3 = CompactListIndex.builder(3, v2).keep("b").keep("d").build();
        assertThat(hit(v3, "x.a.example", v3.query(List.of("b", "d")))).isEqualTo("d a.example");
        CompactListIndex v4 = CompactListIndex.builder(4, v3).keep("b")
                .put("d", ListContent.builder().addName(EntryKind.DOMAIN, "x.a.example").build()).build();
        assertThat(v4.listIds()).containsExactly("b", "d");
        assertThat(hit(v4, "x.a.example", v4.query(List.of("d")))).isEqualTo("d x.a.example");
        assertThatThrownBy(() -> CompactListIndex.builder(5, v4).keep("zzz"))
                .hasMessageContaining("'zzz' is not in the previous index");
        assertThatThrownBy(() -> CompactListIndex.builder(5).put("a", ListContent.empty())
                .put("a", ListContent.empty())).hasMessageContaining("added twice");
    }

    private static String hit(ListIndex idx, String host, ListQuery q) {
        return idx.find(host, null, q).map(h -> h.listId() + " " + h.matched()).orElse(null);
    }

    @Test
    void manyListsSpanSeveralBitsetWords() {
        CompactListIndex.Builder b = CompactListIndex.builder(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String id = "service:s" + i;
            ids.add(id);
            ListContent.Builder c = ListContent.builder().addName(EntryKind.DOMAIN, "s" + i + ".example")
                    .addName(EntryKind.DOMAIN, "common.example");
            if (i == 129) {
                c.addName(EntryKind.EXCEPTION, "x.common.example");
            }
            b.put(id, c.build());
        }
        CompactListIndex idx = b.build();
        for (int i = 0; i < 130; i++) {
            assertThat(hit(idx, "www.s" + i + ".example", idx.query(ids))).isEqualTo("service:s" + i + " s" + i
                    + ".example");
        }
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        assertThat(hit(idx, "common.example", idx.query(reversed))).isEqualTo("service:s129 common.example");
        assertThat(hit(idx, "y.x.common.example", idx.query(reversed))).isEqualTo("service:s128 common.example");
        assertThat(hit(idx, "y.x.common.example", idx.query(List.of("service:s129")))).isNull();
        CompactListIndex derived = CompactListIndex.builder(2, idx).keep("service:s129").keep("service:s70").build();
        assertThat(hit(derived, "common.example", derived.query(List.of("service:s129", "service:s70"))))
                .isEqualTo("service:s129 common.example");
        assertThat(hit(derived, "x.common.example", derived.query(List.of("service:s129", "service:s70"))))
                .isEqualTo("service:s70 common.example");
        assertThat(hit(derived, "s5.example", derived.query(ids))).isNull();
    }

    @Test
    void moreThan65536DistinctMembershipsUseWideComboIds() {
        int lists = 20;
        Random r = new Random(7);
        ListContent.Builder[] bs = new ListContent.Builder[lists];
        for (int i = 0; i < lists; i++) {
            bs[i] = ListContent.builder();
        }
        int names = 150_000;
        int[] member = new int[names];
        for (int n = 0; n < names; n++) {
            member[n] = r.nextInt(1 << lists) | 1 << r.nextInt(lists);
            for (int i = 0; i < lists; i++) {
                if ((member[n] & (1 << i)) != 0) {
                    bs[i].addName(EntryKind.HOST, "n" + n + ".example");
                }
            }
        }
        CompactListIndex.Builder b = CompactListIndex.builder(1);
        String[] ids = new String[lists];
        for (int i = 0; i < lists; i++) {
            ids[i] = "l" + i;
            b.put(ids[i], bs[i].build());
        }
        CompactListIndex idx = b.build();
        assertThat(idx.comboCount()).isGreaterThan(1 << 16);
        assertThat(idx.heapBytes()).isGreaterThan(idx.size() * 14L);
        for (int n = 0; n < names; n += 97) {
            for (int i = 0; i < lists; i++) {
                Optional<ListHit> h = idx.find("n" + n + ".example", null, idx.query(List.of(ids[i])));
                assertThat(h.isPresent()).as("n%d in l%d", n, i).isEqualTo((member[n] & (1 << i)) != 0);
            }
        }
        // derived from a wide index, back to a narrow one
        CompactListIndex one = CompactListIndex.builder(2, idx).keep("l3").build();
        assertThat(one.comboCount()).isEqualTo(1);
        long expected = Arrays.stream(member).filter(m -> (m & 8) != 0).count();
        assertThat(one.size()).isEqualTo((int) expected);
    }

    @Test
    void homeSlotIsMonotoneInTheUnsignedKey() {
        int cap = 1_000_003;
        long[] keys = {1, 2, Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -2, -1};
        int prev = -1;
        for (long k : keys) {
            int h = CompactListIndex.home(k, cap);
            assertThat(h).isBetween(prev, cap - 1);
            prev = h;
        }
        assertThat(CompactListIndex.home(-1, cap)).isEqualTo(cap - 1);
        assertThat(CompactListIndex.home(1, cap)).isZero();
    }
}
