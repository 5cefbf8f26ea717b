package nl.vangnet.proxy.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The compact {@link ListIndex}: every listed name of every list in one table of 64-bit keys
 * ({@link ListKeys}: XXH3 of the normalised name), with a parallel array of 16-bit "combo" ids into a small table
 * of distinct list memberships (for each combo: the lists in which the key is a {@link EntryKind#DOMAIN}, a
 * {@link EntryKind#HOST}, an {@link EntryKind#EXCEPTION} or a {@link EntryKind#URL} entry, as bitsets).
 *
 * <p><b>Layout.</b> An ordered linear-probing table: with {@code cap = ceil(n / 0.8)} the home slot of key
 * {@code k} is {@code floor(k * cap / 2^64)} (unsigned), which grows with {@code k}; keys are placed in ascending
 * unsigned order, each at {@code max(home, previous + 1)}, so the table is sorted and a lookup scans from the home
 * slot until it meets the key, a larger key or an empty slot ({@code 0}). At load factor 0.8 that is about 3
 * slots on a miss, in one or two cache lines. Memory: {@code cap * (8 + 2)} bytes, about 12.5 bytes per key (16
 * with 4-byte combo ids, used only if there are more than 65,536 distinct memberships), plus the combo table.
 *
 * <p><b>Lookup.</b> {@link #find} probes the host and each parent domain once (an IP literal only as a whole),
 * plus, with a path, the URL prefixes of the path, but only for hosts that have URL entries in a list of the
 * query (the table marks such hosts with a combo bit of their own); nothing is allocated unless a query list
 * matches. <b>Collisions:</b> names are not stored, only keys, so a name that is not listed matches when its key
 * equals a stored key. For XXH3's 64-bit output that happens with probability about {@code n / 2^64} per probe:
 * for {@code n = 10^6} about 5.4e-14, so with 4 probes per lookup and 10^9 lookups a day one false hit in some
 * 13 years. A false hit is a wrong block (never a wrong allow).
 *
 * <p><b>Building.</b> {@link Builder} makes a new index from {@link ListContent}s and, for lists that did not
 * change, from the keys of a previous index ({@link Builder#keep}): no list has to be re-read to rebuild another,
 * and no per-list copy is kept beside the table. The previous index keeps serving while a new one is built.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompactListIndex implements ListIndex {
    /** Load factor of the table: capacity is {@code ceil(size / LOAD)}. */
    static final double LOAD = 0.8;
    /** URL lookups consider at most this many chars of a path ... */
    static final int MAX_URL_PATH = 2048;
    /** ... and at most this many prefixes of it, shortest first. */
    static final int MAX_URL_PROBES = 64;

    /** Internal kind: the host has URL entries in the list (so URL prefixes are worth probing). */
    private static final int URL_HOST = EntryKind.values().length;
    private static final int KINDS = URL_HOST + 1;
    private static final int DOMAIN = EntryKind.DOMAIN.ordinal();
    private static final int HOST = EntryKind.HOST.ordinal();
    private static final int EXCEPTION = EntryKind.EXCEPTION.ordinal();
    private static final int URL = EntryKind.URL.ordinal();
    private static final long[] NO_KEYS = new long[0];

    private final long version;
    private final String[] ids;
    private final Map<String, Integer> positions;
    private final Set<String> idSet;
    private final int words;
    private final int stride;
    private final long[] keys;
    private final char[] combos16;
    private final int[] combos32;
    private final int cap;
    private final long[] comboBits;
    private final int comboCount;
    private final long[] exceptionLists;
    private final long[] urlLists;
    private final int size;

    private CompactListIndex(long version, String[] ids, int words, long[] keys, char[] combos16, int[] combos32,
            int cap, long[] comboBits, long[] exceptionLists, long[] urlLists, int size) {
        this.version = version;
        this.ids = ids;
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            pos.put(ids[i], i);
        }
        this.positions = Map.copyOf(pos);
        this.idSet = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(ids)));
        this.words = words;
        this.stride = KINDS * words;
        this.keys = keys;
        this.combos16 = combos16;
        this.combos32 = combos32;
        this.cap = cap;
        this.comboBits = comboBits;
        this.comboCount = comboBits.length / stride;
        this.exceptionLists = exceptionLists;
        this.urlLists = urlLists;
        this.size = size;
    }

    /** A builder for an index with this version and no previous index. */
    public static Builder builder(long version) {
        return new Builder(version, null);
    }

    /** A builder for an index with this version that can {@link Builder#keep keep} lists of {@code base}. */
    public static Builder builder(long version, CompactListIndex base) {
        return new Builder(version, Objects.requireNonNull(base, "base"));
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public Set<String> listIds() {
        return idSet;
    }

    /**
     * The number of distinct keys over all lists: listed names, URL prefixes, and hosts that have URL entries
     * (marked so that lookups try URL prefixes only for them).
     */
    public int size() {
        return size;
    }

    /**
     * Heap bytes of the arrays that hold the table, counted from their lengths with 16-byte array headers: key
     * slots, combo ids, the combo table and the per-list flags. Not counted: the list-id strings and the few
     * fixed-size objects (together well under a kilobyte per list).
     */
    public long heapBytes() {
        long b = array(keys.length, 8) + array(comboBits.length, 8) + array(exceptionLists.length, 8)
                + array(urlLists.length, 8);
        b += combos16 != null ? array(combos16.length, 2) : array(combos32.length, 4);
        return b;
    }

    /** The number of distinct list memberships (combos). */
    public int comboCount() {
        return comboCount;
    }

    private static long array(int length, int elementBytes) {
        return 16 + (((long) length * elementBytes + 7) & ~7L);
    }

    @Override
    public ListQuery query(List<String> listIds) {
        Objects.requireNonNull(listIds, "listIds");
        List<String> held = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        long[] mask = new long[words];
        List<Integer> order = new ArrayList<>();
        for (String id : listIds) {
            if (!seen.add(Objects.requireNonNull(id, "list id"))) {
                continue;
            }
            Integer p = positions.get(id);
            if (p == null) {
                missing.add(id);
            } else {
                held.add(id);
                order.add(p);
                mask[p >>> 6] |= 1L << p;
            }
        }
        boolean urls = false;
        for (int w = 0; w < words; w++) {
            urls |= (urlLists[w] & mask[w]) != 0;
        }
        return new Query(this, List.copyOf(held), List.copyOf(missing),
                order.stream().mapToInt(Integer::intValue).toArray(), mask, urls);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Order of the checks: with a path, first the URL entries of the host (a leading {@code www}/{@code web}/
     * {@code ftp} label dropped, as squidGuard does), for the path's prefixes shortest first: the host alone, then
     * the path cut before each {@code /}, before the {@code ?}, before each {@code &} of the query, then the whole
     * path (so entry {@code example.com/games} matches {@code /games}, {@code /games/x} and {@code /games?p=1}, not
     * {@code /gamesx}); paths are compared as sent (case-sensitive, not percent-decoded); at most the first 2,048
     * chars and 64 prefixes are tried. Then the host and each parent domain, nearest first. At each step lists are
     * tried in query order; a list with an exception covering the host is skipped.
     */
    @Override
    public Optional<ListHit> find(String host, String path, ListQuery query) {
        Objects.requireNonNull(host, "host");
        if (!(query instanceof Query q) || q.index != this) {
            throw new IllegalArgumentException("query was made by another index");
        }
        if (q.order.length == 0 || keys.length == 0) {
            return Optional.empty();
        }
        boolean ip = Names.looksLikeIp(host);
        if (path != null && q.urls) {
            int hs = Names.urlHostStart(host);
            long hostKey = ListKeys.name(host, hs, host.length() - hs);
            int c = probe(hostKey);
            if (c >= 0 && anyInQuery(c, URL_HOST, q)) {
                Optional<ListHit> hit = findUrl(host, hs, hostKey, path, q, ip);
                if (hit.isPresent()) {
                    return hit;
                }
            }
        }
        int off = 0;
        int kindB = HOST;
        while (true) {
            int c = probe(ListKeys.name(host, off, host.length() - off));
            if (c >= 0) {
                int l = firstList(c, DOMAIN, kindB, q, host, ip);
                if (l >= 0) {
                    return Optional.of(new ListHit(ids[l], off == 0 ? host : host.substring(off)));
                }
            }
            if (ip) {
                return Optional.empty();
            }
            int dot = host.indexOf('.', off);
            if (dot < 0) {
                return Optional.empty();
            }
            off = dot + 1;
            kindB = -1;
        }
    }

    private Optional<ListHit> findUrl(String host, int hs, long hostKey, String path, Query q, boolean ip) {
        int qpos = path.indexOf('?');
        int limit = Math.min(path.length(), MAX_URL_PATH);
        int probes = 0;
        for (int i = 0; i <= limit && probes < MAX_URL_PROBES; i++) {
            if (i < path.length()) {
                char ch = path.charAt(i);
                boolean cut = qpos < 0 || i < qpos ? ch == '/' : (i == qpos || ch == '&');
                if (!cut) {
                    continue;
                }
            }
            probes++;
            int c = probe(ListKeys.url(hostKey, path, i));
            if (c >= 0) {
                int l = firstList(c, URL, -1, q, host, ip);
                if (l >= 0) {
                    return Optional.of(new ListHit(ids[l], host.substring(hs) + path.substring(0, i)));
                }
            }
        }
        return Optional.empty();
    }

    /** The combo id stored for {@code key}, or -1. */
    private int probe(long key) {
        long[] k = keys;
        int p = home(key, cap);
        while (p < k.length) {
            long v = k[p];
            if (v == key) {
                return combos16 != null ? combos16[p] : combos32[p];
            }
            if (v == 0 || Long.compareUnsigned(v, key) > 0) {
                return -1;
            }
            p++;
        }
        return -1;
    }

    /** {@code floor(key * cap / 2^64)} with {@code key} unsigned: monotone in the key, in {@code [0, cap)}. */
    static int home(long key, int cap) {
        return (int) (Math.multiplyHigh(key, cap) + ((key >> 63) & cap));
    }

    /** Whether combo {@code c} has a bit of kind {@code kind} for a list of the query. */
    private boolean anyInQuery(int c, int kind, Query q) {
        int base = c * stride + kind * words;
        for (int w = 0; w < words; w++) {
            if ((comboBits[base + w] & q.mask[w]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The first list in query order whose entry of kind {@code a} (or {@code b}, if not -1) is in combo c. */
    private int firstList(int c, int a, int b, Query q, String host, boolean ip) {
        int base = c * stride;
        long any = 0;
        for (int w = 0; w < words; w++) {
            long m = comboBits[base + a * words + w];
            if (b >= 0) {
                m |= comboBits[base + b * words + w];
            }
            any |= m & q.mask[w];
        }
        if (any == 0) {
            return -1;
        }
        for (int l : q.order) {
            int w = l >>> 6;
            long bit = 1L << l;
            long m = comboBits[base + a * words + w];
            if (b >= 0) {
                m |= comboBits[base + b * words + w];
            }
            if ((m & bit) != 0 && ((exceptionLists[w] & bit) == 0 || !excepted(host, l, ip))) {
                return l;
            }
        }
        return -1;
    }

    /** Whether list {@code l} has an exception for the host or a parent domain. */
    private boolean excepted(String host, int l, boolean ip) {
        int w = l >>> 6;
        long bit = 1L << l;
        int off = 0;
        while (true) {
            int c = probe(ListKeys.name(host, off, host.length() - off));
            if (c >= 0 && (comboBits[c * stride + EXCEPTION * words + w] & bit) != 0) {
                return true;
            }
            int dot = ip ? -1 : host.indexOf('.', off);
            if (dot < 0) {
                return false;
            }
            off = dot + 1;
        }
    }

    @Override
    public String toString() {
        return "CompactListIndex[version=" + version + ", lists=" + ids.length + ", size=" + size + ", combos="
                + comboCount + ", heapBytes=" + heapBytes() + "]";
    }

    /** {@link ListQuery} of this index. */
    private static final class Query implements ListQuery {
        final CompactListIndex index;
        final List<String> ids;
        final List<String> missing;
        final int[] order;
        final long[] mask;
        final boolean urls;

        Query(CompactListIndex index, List<String> ids, List<String> missing, int[] order, long[] mask,
                boolean urls) {
            this.index = index;
            this.ids = ids;
            this.missing = missing;
            this.order = order;
            this.mask = mask;
            this.urls = urls;
        }

        @Override
        public List<String> listIds() {
            return ids;
        }

        @Override
        public List<String> missing() {
            return missing;
        }

        @Override
        public String toString() {
            return "ListQuery" + ids + (missing.isEmpty() ? "" : " missing " + missing);
        }
    }

    /**
     * Builds a {@link CompactListIndex} from new list contents and lists kept from a previous index. Lists are
     * numbered in the order they are added. Not thread-safe; use once.
     */
    public static final class Builder {
        private final long version;
        private final CompactListIndex base;
        private final Map<String, ListContent> lists = new LinkedHashMap<>();
        private boolean built;

        private Builder(long version, CompactListIndex base) {
            if (version < 0) {
                throw new IllegalArgumentException("version must not be negative: " + version);
            }
            this.version = version;
            this.base = base;
        }

        /** Adds list {@code id} with these contents (replacing what the previous index had for it). */
        public Builder put(String id, ListContent content) {
            Objects.requireNonNull(content, "content");
            add(id, content);
            return this;
        }

        /** Adds list {@code id} with the entries it has in the previous index. */
        public Builder keep(String id) {
            if (base == null || !base.positions.containsKey(id)) {
                throw new IllegalArgumentException("list '" + id + "' is not in the previous index");
            }
            add(id, null);
            return this;
        }

        private void add(String id, ListContent content) {
            Objects.requireNonNull(id, "id");
            if (lists.containsKey(id)) {
                throw new IllegalArgumentException("list '" + id + "' was added twice");
            }
            lists.put(id, content);
        }

        /** The index. */
        public CompactListIndex build() {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            built = true;
            String[] ids = lists.keySet().toArray(String[]::new);
            int words = Math.max(1, (ids.length + 63) >>> 6);
            int stride = KINDS * words;
            ComboTable table = new ComboTable(stride);
            long[] exceptionLists = new long[words];
            long[] urlLists = new long[words];

            List<Cursor> cursors = new ArrayList<>();
            int[] oldPosToNew = null;
            int index = 0;
            long total = 0;
            for (Map.Entry<String, ListContent> e : lists.entrySet()) {
                int p = index++;
                ListContent content = e.getValue();
                if (content == null) {
                    if (oldPosToNew == null) {
                        oldPosToNew = new int[base.ids.length];
                        Arrays.fill(oldPosToNew, -1);
                    }
                    int old = base.positions.get(e.getKey());
                    oldPosToNew[old] = p;
                    if ((base.exceptionLists[old >>> 6] & (1L << old)) != 0) {
                        exceptionLists[p >>> 6] |= 1L << p;
                    }
                    if ((base.urlLists[old >>> 6] & (1L << old)) != 0) {
                        urlLists[p >>> 6] |= 1L << p;
                    }
                    continue;
                }
                for (int kind = 0; kind < KINDS; kind++) {
                    long[] k = kind == URL_HOST ? content.urlHostKeys() : content.keys(EntryKind.values()[kind]);
                    if (k.length == 0) {
                        continue;
                    }
                    long[] single = new long[stride];
                    single[kind * words + (p >>> 6)] = 1L << p;
                    cursors.add(new Cursor(k, table.intern(single), kind * words + (p >>> 6), 1L << p));
                    total += k.length;
                }
                if (content.count(EntryKind.EXCEPTION) > 0) {
                    exceptionLists[p >>> 6] |= 1L << p;
                }
                if (content.count(EntryKind.URL) > 0) {
                    urlLists[p >>> 6] |= 1L << p;
                }
            }
            OldCursor old = null;
            if (oldPosToNew != null) {
                old = new OldCursor(base, remapCombos(base, oldPosToNew, table, words));
                total += base.size;
            }
            Merged merged = merge(cursors, old, table, (int) Math.min(total, Integer.MAX_VALUE - 16));
            return place(merged, ids, words, table, exceptionLists, urlLists);
        }

        private CompactListIndex place(Merged m, String[] ids, int words, ComboTable table, long[] exceptionLists,
                long[] urlLists) {
            int n = m.count;
            long capL = Math.max(1L, (long) Math.ceil(n / LOAD));
            if (capL > Integer.MAX_VALUE - 1024) {
                throw new IllegalStateException("too many entries for one index: " + n);
            }
            int cap = (int) capL;
            long[] keys = n == 0 ? NO_KEYS : new long[cap + 64];
            int[] combos = new int[keys.length];
            int prev = -1;
            for (int i = 0; i < n; i++) {
                long key = m.keys[i];
                int pos = Math.max(home(key, cap), prev + 1);
                if (pos >= keys.length) {
                    int len = keys.length + Math.max(64, keys.length >>> 6);
                    keys = Arrays.copyOf(keys, len);
                    combos = Arrays.copyOf(combos, len);
                }
                keys[pos] = key;
                combos[pos] = m.combos[i];
                prev = pos;
            }
            int length = prev + 1;
            if (length < keys.length) {
                keys = Arrays.copyOf(keys, length);
            }
            char[] c16 = null;
            int[] c32 = null;
            if (table.count() <= 1 << 16) {
                c16 = new char[length];
                for (int i = 0; i < length; i++) {
                    c16[i] = (char) combos[i];
                }
            } else {
                c32 = length < combos.length ? Arrays.copyOf(combos, length) : combos;
            }
            return new CompactListIndex(version, ids, words, keys, c16, c32, cap, table.bits(), exceptionLists,
                    urlLists, n);
        }

        /** For each combo of the base: the new combo id with only kept lists, renumbered; -1 if none is left. */
        private static int[] remapCombos(CompactListIndex base, int[] oldPosToNew, ComboTable table, int words) {
            int[] out = new int[base.comboCount];
            long[] scratch = new long[KINDS * words];
            for (int oc = 0; oc < base.comboCount; oc++) {
                Arrays.fill(scratch, 0);
                boolean any = false;
                int b = oc * base.stride;
                for (int kind = 0; kind < KINDS; kind++) {
                    for (int w = 0; w < base.words; w++) {
                        long bits = base.comboBits[b + kind * base.words + w];
                        while (bits != 0) {
                            int oldList = (w << 6) + Long.numberOfTrailingZeros(bits);
                            bits &= bits - 1;
                            int p = oldPosToNew[oldList];
                            if (p >= 0) {
                                scratch[kind * words + (p >>> 6)] |= 1L << p;
                                any = true;
                            }
                        }
                    }
                }
                out[oc] = any ? table.intern(scratch) : -1;
            }
            return out;
        }

        /** K-way merge of the sorted key streams into distinct keys with their combo ids. */
        private static Merged merge(List<Cursor> cursors, OldCursor old, ComboTable table, int estimate) {
            PriorityQueue<Cursor> queue = new PriorityQueue<>(Math.max(1, cursors.size()),
                    (x, y) -> Long.compareUnsigned(x.key(), y.key()));
            for (Cursor c : cursors) {
                queue.add(c);
            }
            Merged out = new Merged(Math.max(16, estimate));
            long[] scratch = new long[table.stride];
            if (old != null) {
                old.advance();
            }
            while (!queue.isEmpty() || (old != null && old.valid())) {
                long key;
                if (queue.isEmpty()) {
                    key = old.key;
                } else if (old == null || !old.valid()) {
                    key = queue.peek().key();
                } else {
                    long qk = queue.peek().key();
                    key = Long.compareUnsigned(old.key, qk) <= 0 ? old.key : qk;
                }
                int oldCombo = -1;
                if (old != null && old.valid() && old.key == key) {
                    oldCombo = old.combo;
                    old.advance();
                }
                Cursor first = null;
                boolean several = false;
                while (!queue.isEmpty() && queue.peek().key() == key) {
                    Cursor c = queue.poll();
                    if (first == null) {
                        first = c;
                        if (oldCombo >= 0) {
                            table.copy(oldCombo, scratch);
                            several = true;
                        }
                    } else if (!several) {
                        Arrays.fill(scratch, 0);
                        first.mark(scratch);
                        several = true;
                    }
                    if (several) {
                        c.mark(scratch);
                    }
                    c.next();
                    if (c.hasKey()) {
                        queue.add(c);
                    }
                }
                int combo;
                if (several) {
                    combo = table.intern(scratch);
                } else if (first != null) {
                    combo = first.combo;
                } else {
                    combo = oldCombo;
                }
                out.add(key, combo);
            }
            return out;
        }
    }

    /** One sorted key array of one list and kind. */
    private static final class Cursor {
        private final long[] keys;
        private final int combo;
        private final int word;
        private final long bit;
        private int i;

        Cursor(long[] keys, int combo, int word, long bit) {
            this.keys = keys;
            this.combo = combo;
            this.word = word;
            this.bit = bit;
        }

        long key() {
            return keys[i];
        }

        boolean hasKey() {
            return i < keys.length;
        }

        void next() {
            i++;
        }

        void mark(long[] scratch) {
            scratch[word] |= bit;
        }
    }

    /** The keys of a previous index in table order (which is ascending), with remapped combos. */
    private static final class OldCursor {
        private final CompactListIndex base;
        private final int[] remap;
        private int i = -1;
        long key;
        int combo;

        OldCursor(CompactListIndex base, int[] remap) {
            this.base = base;
            this.remap = remap;
        }

        void advance() {
            long[] k = base.keys;
            while (++i < k.length) {
                if (k[i] == 0) {
                    continue;
                }
                int oc = base.combos16 != null ? base.combos16[i] : base.combos32[i];
                if (remap[oc] >= 0) {
                    key = k[i];
                    combo = remap[oc];
                    return;
                }
            }
        }

        boolean valid() {
            return i < base.keys.length;
        }
    }

    /** Growable output of the merge. */
    private static final class Merged {
        long[] keys;
        int[] combos;
        int count;

        Merged(int capacity) {
            keys = new long[capacity];
            combos = new int[capacity];
        }

        void add(long key, int combo) {
            if (count == keys.length) {
                int len = keys.length + (keys.length >>> 1) + 16;
                keys = Arrays.copyOf(keys, len);
                combos = Arrays.copyOf(combos, len);
            }
            keys[count] = key;
            combos[count++] = combo;
        }
    }

    /** Interned distinct combos: bitsets of {@code stride} longs, numbered in order of first appearance. */
    private static final class ComboTable {
        final int stride;
        private long[] bits = new long[0];
        private int count;
        private final Map<Key, Integer> ids = new HashMap<>();
        private final Key probe = new Key(null);

        ComboTable(int stride) {
            this.stride = stride;
        }

        int intern(long[] combo) {
            probe.bits = combo;
            Integer id = ids.get(probe);
            if (id != null) {
                return id;
            }
            if ((count + 1) * (long) stride > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("too many distinct list memberships: " + count);
            }
            if ((count + 1) * stride > bits.length) {
                bits = Arrays.copyOf(bits, Math.max(stride * 16, bits.length * 2));
            }
            System.arraycopy(combo, 0, bits, count * stride, stride);
            ids.put(new Key(combo.clone()), count);
            return count++;
        }

        void copy(int id, long[] into) {
            System.arraycopy(bits, id * stride, into, 0, stride);
        }

        int count() {
            return count;
        }

        long[] bits() {
            return Arrays.copyOf(bits, count * stride);
        }

        private static final class Key {
            long[] bits;

            Key(long[] bits) {
                this.bits = bits;
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && Arrays.equals(bits, k.bits);
            }

            @Override
            public int hashCode() {
                return Arrays.hashCode(bits);
            }
        }
    }
}
