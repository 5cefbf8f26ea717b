package nl.vangnet.proxy.identify;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ISC dhcpd's {@code dhcpd.leases}: blocks such as
 * <pre>
 * lease 192.168.1.10 {
 *   starts 1 2026/11/23 08:00:00;
 *   ends 4 2026/11/26 10:00:00;
 *   binding state active;
 *   hardware ethernet aa:bb:cc:dd:ee:ff;
 * }
 * </pre>
 * The file is a journal: a later {@code lease} block for the same address replaces an earlier one. Only blocks
 * with {@code binding state active} and a {@code hardware ethernet} address give a lease; any other block for the
 * address (free, expired, released, abandoned, backup, or another hardware type) removes it. {@code ends} is UTC
 * ({@code <weekday> yyyy/mm/dd hh:mm:ss}), {@code epoch <seconds>} (with {@code db-time-format local}) or
 * {@code never}. Other blocks ({@code failover}, {@code host}, DHCPv6 {@code ia-na}/{@code ia-ta}/{@code ia-pd},
 * which carry no MAC address) and top-level statements are skipped. Comments start with {@code #}; strings are
 * double-quoted with backslash escapes.
 *
 * <p>A malformed {@code lease} block (an address that is not an IP literal, an unreadable {@code ends} or
 * {@code hardware ethernet}, an active lease without {@code ends}) is skipped and counted, as are a stray
 * {@code }}} and a block that is never closed.
 */
final class IscLeaseParser implements LeaseParser {
    private static final DateTimeFormatter ENDS = DateTimeFormatter.ofPattern("uuuu/M/d H:m:s")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern WEEKDAY = Pattern.compile("[0-6]");
    private static final Pattern EPOCH = Pattern.compile("[0-9]{1,18}");

    @Override
    public void parse(BufferedReader in, String file, LeaseCollector out) throws IOException {
        Tokenizer tokens = new Tokenizer(in);
        List<Token> header = new ArrayList<>();
        for (Token t = tokens.next(); t != null; t = tokens.next()) {
            switch (t.type) {
                case SEMICOLON -> header.clear();
                case CLOSE -> {
                    out.malformed(file, t.line, "'}' without a matching '{'");
                    header.clear();
                }
                case OPEN -> {
                    long line = header.isEmpty() ? t.line : header.get(0).line;
                    List<List<Token>> body = readBlock(tokens);
                    if (body == null) {
                        out.malformed(file, line, "the block is not closed before the end of the file");
                        return;
                    }
                    if (!header.isEmpty() && header.get(0).is("lease")) {
                        lease(header, body, file, line, out);
                    }
                    header.clear();
                }
                default -> header.add(t);
            }
        }
        if (!header.isEmpty()) {
            out.malformed(file, header.get(0).line, "the last statement has no ';'");
        }
    }

    /**
     * The statements of a block whose '{' was just read, up to its matching '}' (nested blocks are skipped), or
     * {@code null} if the file ends first.
     */
    private static List<List<Token>> readBlock(Tokenizer tokens) throws IOException {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token t = tokens.next(); t != null; t = tokens.next()) {
            switch (t.type) {
                case OPEN -> {
                    depth++;
                    current.clear();
                }
                case CLOSE -> {
                    if (depth == 0) {
                        return statements;
                    }
                    depth--;
                    current.clear();
                }
                case SEMICOLON -> {
                    if (depth == 0 && !current.isEmpty()) {
                        statements.add(current);
                    }
                    current = new ArrayList<>();
                }
                default -> {
                    if (depth == 0) {
                        current.add(t);
                    }
                }
            }
        }
        return null;
    }

    private static void lease(List<Token> header, List<List<Token>> body, String file, long line,
            LeaseCollector out) {
        Optional<InetAddress> address = header.size() == 2 ? AddressText.ipLiteral(header.get(1).text)
                : Optional.empty();
        if (address.isEmpty()) {
            out.malformed(file, line, "'lease' is not followed by one IP address");
            return;
        }
        Instant ends = null;
        String state = null;
        String mac = null;
        for (List<Token> s : body) {
            Token first = s.get(0);
            if (first.is("ends")) {
                Optional<Instant> parsed = ends(s);
                if (parsed.isEmpty()) {
                    out.malformed(file, line, "'ends' is not 'never', 'epoch <seconds>' or a date and time");
                    return;
                }
                ends = parsed.get();
            } else if (first.is("binding") && s.size() == 3 && s.get(1).is("state")) {
                state = s.get(2).text;
            } else if (first.is("hardware") && s.size() >= 2) {
                if (s.get(1).is("ethernet")) {
                    Optional<String> parsed = s.size() == 3 ? AddressText.ethernetMac(s.get(2).text)
                            : Optional.empty();
                    if (parsed.isEmpty()) {
                        out.malformed(file, line, "'hardware ethernet' is not followed by a MAC address");
                        return;
                    }
                    mac = parsed.get();
                } else {
                    mac = null;
                }
            }
        }
        if (!"active".equals(state) || mac == null) {
            out.noLease(address.get());
        } else if (ends == null) {
            out.malformed(file, line, "an active lease without 'ends'");
        } else {
            out.lease(new Lease(address.get(), mac, ends));
        }
    }

    private static Optional<Instant> ends(List<Token> s) {
        if (s.size() == 2 && s.get(1).is("never")) {
            return Optional.of(Instant.MAX);
        }
        if (s.size() == 3 && s.get(1).is("epoch") && EPOCH.matcher(s.get(2).text).matches()) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(s.get(2).text)));
        }
        if (s.size() == 4 && WEEKDAY.matcher(s.get(1).text).matches()) {
            try {
                return Optional.of(LocalDateTime.parse(s.get(2).text + " " + s.get(3).text, ENDS)
                        .toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private enum Type { WORD, STRING, OPEN, CLOSE, SEMICOLON }

    private record Token(Type type, String text, long line) {
        boolean is(String word) {
            return type == Type.WORD && text.equals(word);
        }
    }

    /** Splits the file into words, strings, braces and semicolons, dropping comments. */
    private static final class Tokenizer {
        private final BufferedReader in;
        private long line = 1;
        private int pushedBack = -2;

        Tokenizer(BufferedReader in) {
            this.in = in;
        }

        private int read() throws IOException {
            if (pushedBack != -2) {
                int c = pushedBack;
                pushedBack = -2;
                return c;
            }
            int c = in.read();
            if (c == '\n') {
                line++;
            }
            return c;
        }

        /** The next token, or {@code null} at the end of the file. */
        Token next() throws IOException {
            int c = read();
            while (true) {
                while (c != -1 && Character.isWhitespace(c)) {
                    c = read();
                }
                if (c != '#') {
                    break;
                }
                while (c != -1 && c != '\n') {
                    c = read();
                }
            }
            if (c == -1) {
                return null;
            }
            long at = line;
            switch (c) {
                case '{':
                    return new Token(Type.OPEN, "{", at);
                case '}':
                    return new Token(Type.CLOSE, "}", at);
                case ';':
                    return new Token(Type.SEMICOLON, ";", at);
                case '"':
                    return string(at);
                default:
                    return word(c, at);
            }
        }

        private Token string(long at) throws IOException {
            StringBuilder text = new StringBuilder();
            for (int c = read(); c != -1 && c != '"'; c = read()) {
                if (c == '\\') {
                    c = read();
                    if (c == -1) {
                        break;
                    }
                }
                text.append((char) c);
            }
            return new Token(Type.STRING, text.toString(), at);
        }

        private Token word(int first, long at) throws IOException {
            StringBuilder text = new StringBuilder();
            int c = first;
            while (c != -1 && !Character.isWhitespace(c) && c != '{' && c != '}' && c != ';' && c != '"'
                    && c != '#') {
                text.append((char) c);
                c = read();
            }
            if (c != -1) {
                pushedBack = c;
            }
            return new Token(Type.WORD, text.toString(), at);
        }
    }
}
