package nl.vangnet.proxy.lists;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Set;
import nl.vangnet.config.rules.Domains;

/**
 * The line formats: squidGuard {@code domains} and {@code urls}, hosts files and Adblock-style rules. Each reads
 * lines, adds valid entries to a {@link ListContent.Builder} and logs skipped lines with their number; a bad line
 * never stops the rest. Names are normalised with {@link Domains#normalise(String)}. Stateless and thread-safe.
 */
final class ListParsers {
    /** Names in hosts files that name the machine itself, not a site: skipped without a problem. */
    private static final Set<String> HOSTS_SELF = Set.of("localhost", "localhost.localdomain", "local",
            "broadcasthost", "ip6-localhost", "ip6-loopback", "ip6-localnet", "ip6-mcastprefix", "ip6-allnodes",
            "ip6-allrouters", "ip6-allhosts", "0.0.0.0");

    private ListParsers() {
    }

    /** squidGuard {@code domains}: one domain (or IP address) per line, covering the domain and its subdomains. */
    static void domains(BufferedReader in, String source, ListContent.Builder out, ImportLog log)
            throws IOException {
        Lines lines = new Lines(in);
        for (String raw = lines.next(); raw != null; raw = lines.next()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String name = Domains.normalise(line);
            String problem = Names.problem(name);
            if (problem != null) {
                log.malformed(source, lines.number(), raw, problem);
            } else {
                out.addName(EntryKind.DOMAIN, name);
            }
        }
    }

    /** squidGuard {@code urls}: one {@code host/path} prefix per line (an optional {@code http(s)://} dropped). */
    static void urls(BufferedReader in, String source, ListContent.Builder out, ImportLog log) throws IOException {
        Lines lines = new Lines(in);
        for (String raw = lines.next(); raw != null; raw = lines.next()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String problem = url(line, out);
            if (problem != null) {
                log.malformed(source, lines.number(), raw, problem);
            }
        }
    }

    private static String url(String line, ListContent.Builder out) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isWhitespace(line.charAt(i))) {
                return "a URL entry cannot contain spaces";
            }
        }
        String s = line;
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://")) {
            s = s.substring(7);
        } else if (lower.startsWith("https://")) {
            s = s.substring(8);
        }
        int slash = s.indexOf('/');
        String hostPart = slash < 0 ? s : s.substring(0, slash);
        String path = slash < 0 ? "" : s.substring(slash);
        if (hostPart.indexOf('@') >= 0 || (hostPart.indexOf(':') >= 0 && !Domains.isIpLiteral(hostPart))) {
            return "the host part '" + Names.shorten(hostPart) + "' has a port or user name; write host/path only";
        }
        String host = Domains.normalise(hostPart);
        String problem = Names.problem(host);
        if (problem != null) {
            return problem;
        }
        if (path.indexOf('?') < 0) {
            int end = path.length();
            while (end > 0 && path.charAt(end - 1) == '/') {
                end--;
            }
            path = path.substring(0, end);
        }
        out.addUrl(host, path);
        return null;
    }

    /**
     * Hosts file: {@code <IP address> <host> [<host>...]}, {@code #} starts a comment. Entries are exact host
     * names; names of the machine itself ({@code localhost}, {@code broadcasthost}, ...) are skipped.
     */
    static void hosts(BufferedReader in, String source, ListContent.Builder out, ImportLog log) throws IOException {
        Lines lines = new Lines(in);
        for (String raw = lines.next(); raw != null; raw = lines.next()) {
            int hash = raw.indexOf('#');
            String line = (hash < 0 ? raw : raw.substring(0, hash)).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (!Domains.isIpLiteral(fields[0])) {
                log.malformed(source, lines.number(), raw, "'" + Names.shorten(fields[0])
                        + "' is not an IP address; a hosts line is '<address> <host> [<host>...]'");
                continue;
            }
            if (fields.length < 2) {
                log.malformed(source, lines.number(), raw, "no host name after the address");
                continue;
            }
            for (int i = 1; i < fields.length; i++) {
                String name = Domains.normalise(fields[i]);
                if (HOSTS_SELF.contains(name)) {
                    continue;
                }
                String problem = Names.problem(name);
                if (problem != null) {
                    log.malformed(source, lines.number(), raw, problem);
                } else {
                    out.addName(EntryKind.HOST, name);
                }
            }
        }
    }

    /** Adblock-style rules, one per line; see {@link #adblockRule}. */
    static void adblock(BufferedReader in, String source, ListContent.Builder out, ImportLog log)
            throws IOException {
        Lines lines = new Lines(in);
        for (String raw = lines.next(); raw != null; raw = lines.next()) {
            adblockRule(raw, source, lines.number(), out, log);
        }
    }

    /**
     * One Adblock-style rule. Supported: {@code ||domain^} (domain and subdomains; {@code ||domain} without the
     * separator is read the same), {@code |host^} (exactly that host), {@code @@||domain^} (exception for the
     * domain and its subdomains); a trailing {@code |} is ignored. Comments: lines starting with {@code !},
     * {@code [} (e.g. {@code [Adblock Plus 2.0]}) or {@code #}. Unsupported (counted and reported): rules with
     * {@code *} wildcards, regular expressions {@code /.../}, {@code $} modifiers, paths, cosmetic
     * ({@code ##}) rules, rules without {@code ||} or {@code |} anchor, and exact-host exceptions
     * {@code @@|host^}.
     */
    static void adblockRule(String raw, String source, int lineNumber, ListContent.Builder out, ImportLog log) {
        String s = raw.strip();
        if (s.isEmpty() || s.startsWith("!") || s.startsWith("[")) {
            return;
        }
        if (s.contains("##") || s.contains("#@#") || s.contains("#$#") || s.contains("#?#")
                || s.contains("#%#")) {
            log.unsupported(source, lineNumber, raw, "cosmetic (element hiding) rules are not supported");
            return;
        }
        if (s.startsWith("#")) {
            return;
        }
        boolean exception = s.startsWith("@@");
        if (exception) {
            s = s.substring(2);
        }
        if (s.length() > 1 && s.startsWith("/") && s.endsWith("/")) {
            log.unsupported(source, lineNumber, raw, "regular-expression rules are not supported");
            return;
        }
        if (s.indexOf('$') >= 0) {
            log.unsupported(source, lineNumber, raw, "rules with $ modifiers are not supported");
            return;
        }
        if (s.indexOf('*') >= 0) {
            log.unsupported(source, lineNumber, raw, "rules with * wildcards are not supported");
            return;
        }
        EntryKind kind;
        if (s.startsWith("||")) {
            s = s.substring(2);
            kind = exception ? EntryKind.EXCEPTION : EntryKind.DOMAIN;
        } else if (s.startsWith("|")) {
            if (exception) {
                log.unsupported(source, lineNumber, raw, "exact-host exceptions (@@|host^) are not supported;"
                        + " use @@||domain^");
                return;
            }
            s = s.substring(1);
            kind = EntryKind.HOST;
        } else {
            log.unsupported(source, lineNumber, raw, "rules without a '||' or '|' anchor (matching anywhere in a"
                    + " URL) are not supported");
            return;
        }
        if (s.endsWith("|")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("^")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.indexOf('/') >= 0 || s.indexOf('^') >= 0) {
            log.unsupported(source, lineNumber, raw, "rules with a path are not supported; only domain rules");
            return;
        }
        if (s.indexOf(':') >= 0 && !Domains.isIpLiteral(s)) {
            log.unsupported(source, lineNumber, raw, "rules with a port or scheme are not supported");
            return;
        }
        String name = Domains.normalise(s);
        String problem = Names.problem(name);
        if (problem != null) {
            log.malformed(source, lineNumber, raw, problem);
            return;
        }
        out.addName(kind, name);
    }

    /** Lines with their 1-based number; a byte-order mark at the start is dropped. */
    private static final class Lines {
        private final BufferedReader in;
        private int number;

        Lines(BufferedReader in) {
            this.in = in;
        }

        String next() throws IOException {
            String line = in.readLine();
            if (line != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
            }
            return line;
        }

        int number() {
            return number;
        }
    }
}
