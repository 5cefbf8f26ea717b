package nl.vangnet.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nl.vangnet.proxy.lists.ListIndex;
import nl.vangnet.proxy.lists.ListQuery;

/**
 * Request hosts for lookup benchmarks: a share of names from the lists (some with an extra subdomain label, as
 * browsers ask for {@code www.} and CDN hosts) and the rest made-up names that are not listed, 2 to 5 labels
 * each. Stateless.
 */
final class HostMix {
    private static final String[] TLDS = {"com", "nl", "org", "net", "de", "io", "co.uk", "eu", "be", "info"};
    private static final String[] SUBS = {"www", "m", "api", "cdn", "static", "img", "mail", "login", "app",
        "video", "s1", "edge"};
    private static final char[] LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private HostMix() {
    }

    /** {@code n} hosts, a {@code listedShare} of them based on {@code listed}, shuffled. */
    static String[] mix(List<String> listed, int n, double listedShare, long seed) {
        Random r = new Random(seed);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < listedShare) {
                String name = listed.get(r.nextInt(listed.size()));
                out[i] = r.nextBoolean() || labels(name) >= 5 ? name : SUBS[r.nextInt(SUBS.length)] + "." + name;
            } else {
                out[i] = unlisted(r);
            }
        }
        return out;
    }

    /** A made-up host of 2 to 5 labels: 0 to 2 subdomain labels, a random name, a TLD (1 or 2 labels). */
    static String unlisted(Random r) {
        StringBuilder b = new StringBuilder();
        int subs = r.nextInt(3);
        for (int s = 0; s < subs; s++) {
            b.append(SUBS[r.nextInt(SUBS.length)]).append('.');
        }
        int len = 4 + r.nextInt(10);
        for (int c = 0; c < len; c++) {
            b.append(LETTERS[r.nextInt(LETTERS.length)]);
        }
        String tld = TLDS[r.nextInt(TLDS.length)];
        if (subs == 2 && tld.indexOf('.') >= 0) {
            tld = "com";
        }
        return b.append('.').append(tld).toString();
    }

    private static int labels(String name) {
        int n = 1;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    /** The share of {@code hosts} that {@code index} finds in {@code query}. */
    static double hitShare(ListIndex index, ListQuery query, String[] hosts) {
        int hits = 0;
        for (String h : hosts) {
            if (index.find(h, null, query).isPresent()) {
                hits++;
            }
        }
        return (double) hits / hosts.length;
    }

    /** A made-up name that is not in any list, for a synthetic index. */
    static List<String> syntheticNames(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(unlisted(r));
        }
        return out;
    }
}
