package nl.vangnet.app.firewall;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.vangnet.app.Settings;
import nl.vangnet.app.Settings.Scope;
import nl.vangnet.proxy.net.Cidr;

/**
 * Renders Vangnet's nftables table ({@code table inet <firewall.table>}) for the settings, as an {@code nft -f}
 * script with comments explaining every rule. The script installs the table or updates an earlier version in one
 * transaction: it creates what is missing, empties every chain and the sets it fills itself, and adds the rules
 * again; the restricted sets keep their members, so reloading while Vangnet runs opens no gap.
 *
 * <p>What the table does, for packets arriving on the Wi-Fi interface ({@code firewall.interface}) only:
 * <ul>
 * <li>a filter chain on hook prerouting, priority -150 (before NAT), drops UDP 443 (QUIC) for the
 *     {@code firewall.block-quic} scope so that browsers fall back to TCP, and for restricted devices drops DNS over
 *     TLS/QUIC (TCP/UDP 853 to anywhere) and DNS over HTTPS (TCP/UDP 443 to the {@link DohEndpoints});</li>
 * <li>a nat chain on hook prerouting, priority dstnat, redirects TCP 80 to the transparent HTTP listener and TCP
 *     443 to the transparent TLS listener, for the {@code firewall.redirect} scope, except to the gateway itself
 *     and to private, link-local, loopback and multicast destinations (sets {@code lan_v4}/{@code lan_v6}: LAN
 *     traffic is left alone). A listener
 *     that is off gets no redirect. The redirect covers the address family of the listener's bind address (an
 *     IPv4 address: IPv4; {@code [::]}: both; another IPv6 address: IPv6); restricted devices' TCP 80/443 of a
 *     family a listener does not cover is dropped in the filter chain, so it cannot bypass the listener.</li>
 * </ul>
 * Restricted means: source address in {@code restricted_v4}/{@code restricted_v6}, or source MAC in
 * {@code restricted_mac}. Those sets are filled by {@link FirewallSync} ({@code firewall.sync=true}), or from
 * {@link RestrictedMembers} given at rendering. Drops and redirects count in named counters ({@code nft list
 * counters table inet vangnet}). Stateless and thread-safe.
 */
public final class NftRuleset {
    /** Never redirected (set lan_v4): this network, private, CGNAT, loopback, link-local, multicast, reserved. */
    static final List<String> LOCAL_V4 = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4");
    /** IPv6 destinations never redirected (set lan_v6): unspecified, loopback, unique local, link-local, multicast. */
    static final List<String> LOCAL_V6 = List.of("::/127", "fc00::/7", "fe80::/10", "ff00::/8");

    private static final String FILTER_HOOK = "type filter hook prerouting priority -150; policy accept;";
    private static final String NAT_HOOK = "type nat hook prerouting priority dstnat; policy accept;";
    private static final List<String> COUNTERS = List.of("quic_dropped", "dot_dropped", "doh_dropped",
            "bypass_dropped", "http_redirected", "tls_redirected");

    /** A named set: its name, element type and whether it holds ranges. */
    private record SetSpec(String name, String type, boolean interval) {
        String declaration(String separator) {
            return "type " + type + (interval ? separator + "flags interval" + separator + "auto-merge" : "");
        }
    }

    private static final List<SetSpec> SETS = List.of(new SetSpec("restricted_v4", "ipv4_addr", true),
            new SetSpec("restricted_v6", "ipv6_addr", true), new SetSpec("restricted_mac", "ether_addr", false),
            new SetSpec("doh_v4", "ipv4_addr", true), new SetSpec("doh_v6", "ipv6_addr", true),
            new SetSpec("lan_v4", "ipv4_addr", true), new SetSpec("lan_v6", "ipv6_addr", true));

    /** Longest row of set elements, in characters (without the indent). */
    private static final int ELEMENTS_WIDTH = 96;

    /** Names of the sets and counters, as the sync and operators use them. */
    public static final String RESTRICTED_V4 = "restricted_v4";
    public static final String RESTRICTED_V6 = "restricted_v6";
    public static final String RESTRICTED_MAC = "restricted_mac";

    private NftRuleset() {
    }

    /**
     * The {@code nft -f} script for the settings.
     *
     * @param settings the settings ({@code firewall.*} and the transparent listeners' binds)
     * @param doh      the known DoH/DoT resolver addresses ({@link DohEndpoints#NONE} for none)
     * @param initial  members the restricted sets start with ({@link RestrictedMembers#NONE} to leave them to the
     *                 sync)
     * @throws IllegalArgumentException when a transparent listener is bound to port 0
     */
    public static String render(Settings settings, DohEndpoints doh, RestrictedMembers initial) {
        Objects.requireNonNull(doh, "doh");
        Objects.requireNonNull(initial, "initial");
        Settings.FirewallOptions fw = settings.firewall();
        Settings.TransparentOptions tr = settings.transparent();
        Redirect http = Redirect.of("http", 80, tr.httpBind());
        Redirect tls = Redirect.of("tls", 443, tr.tlsBind());
        for (Redirect r : List.of(http, tls)) {
            if (r.on() && r.bind.getPort() == 0) {
                throw new IllegalArgumentException("transparent." + r.name + "-bind has port 0 (any free port),"
                        + " which the nftables rules cannot redirect to; give a fixed port");
            }
        }
        String iface = quote(fw.iface());
        String t = "inet " + fw.table();
        Out o = new Out();

        o.line("# Vangnet nftables rules for the Wi-Fi interface " + iface + ", made by 'vangnet firewall'.");
        o.line("# Redirected: " + fw.redirect().label() + " devices; QUIC blocked: " + fw.blockQuic().label()
                + (fw.blockQuic() == Scope.NONE ? "" : " devices") + ".");
        o.line("# Transparent HTTP: " + http.describe() + "; transparent TLS: " + tls.describe() + ".");
        o.line("# Install or update: vangnet firewall | nft -f -   (one transaction; rules and resolver sets are");
        o.line("# replaced, the restricted_* sets keep their members" + (initial.isEmpty() ? ""
                : " and get the ones below") + "). Remove: nft delete table " + t);
        o.line(fw.sync() ? "# Vangnet keeps the restricted_* sets up to date (firewall.sync=true)."
                : "# firewall.sync=false: nothing fills the restricted_* sets" + (initial.isEmpty() ? "."
                        : " beyond the members below."));
        o.blank();
        o.line("# 1. Create what does not exist yet (no-op for what does).");
        o.line("add table " + t);
        for (SetSpec set : SETS) {
            o.line("add set " + t + " " + set.name + " { " + set.declaration("; ") + "; }");
        }
        o.line("add chain " + t + " filter_prerouting { " + FILTER_HOOK + " }");
        o.line("add chain " + t + " restricted_filter");
        o.line("add chain " + t + " nat_prerouting { " + NAT_HOOK + " }");
        o.line("add chain " + t + " restricted_nat");
        o.line("# 2. Empty every chain and the sets that this file fills.");
        o.line("flush table " + t);
        for (SetSpec set : SETS) {
            if (!set.name.startsWith("restricted_")) {
                o.line("flush set " + t + " " + set.name);
            }
        }
        o.blank();
        o.line("# 3. The rules.");
        o.line("table " + t + " {");
        o.indent++;
        o.line("# Devices of clients with a restriction in effect: fixed addresses and MAC addresses (firewall.sync).");
        set(o, RESTRICTED_V4, initial.v4());
        set(o, RESTRICTED_V6, initial.v6());
        set(o, RESTRICTED_MAC, initial.macs());
        o.blank();
        o.line("# Known public DNS-over-HTTPS/TLS resolvers ("
                + (fw.dohEndpoints() == null ? "no firewall.doh-endpoints file" : "from " + fw.dohEndpoints())
                + ").");
        set(o, "doh_v4", distinct(doh.v4()));
        set(o, "doh_v6", distinct(doh.v6()));
        o.blank();
        o.line("# Destinations that are never redirected: this network, private, CGNAT, loopback, link-local,");
        o.line("# unique local, multicast and reserved ranges (LAN traffic is left alone).");
        set(o, "lan_v4", LOCAL_V4);
        set(o, "lan_v6", LOCAL_V6);
        o.blank();
        o.line("# Counters of the drops and redirects: nft list counters table " + t);
        for (String counter : COUNTERS) {
            o.line("counter " + counter + " {}");
        }
        o.blank();

        o.line("# Before NAT (priority -150): drops, for packets from the Wi-Fi clients only.");
        o.line("chain filter_prerouting {");
        o.indent++;
        o.line(FILTER_HOOK);
        o.line("iifname != " + iface + " return");
        if (fw.blockQuic() == Scope.ALL) {
            o.line("# QUIC (UDP 443) of every device, so that browsers fall back to TCP and the TLS listener.");
            o.line("udp dport 443 counter name \"quic_dropped\" drop");
        }
        jumps(o, "restricted_filter");
        o.indent--;
        o.line("}");
        o.blank();
        o.line("# Restricted devices: no encrypted DNS past the filter" + (fw.blockQuic() == Scope.RESTRICTED
                ? ", no QUIC" : "") + ".");
        o.line("chain restricted_filter {");
        o.indent++;
        if (fw.blockQuic() == Scope.RESTRICTED) {
            o.line("# QUIC (UDP 443), so that browsers fall back to TCP and the TLS listener.");
            o.line("udp dport 443 counter name \"quic_dropped\" drop");
        }
        o.line("# DNS over TLS and over QUIC (port 853), to any resolver.");
        o.line("meta l4proto { tcp, udp } th dport 853 counter name \"dot_dropped\" drop");
        o.line("# DNS over HTTPS (and HTTP/3) to the known resolvers.");
        o.line("ip daddr @doh_v4 meta l4proto { tcp, udp } th dport 443 counter name \"doh_dropped\" drop");
        o.line("ip6 daddr @doh_v6 meta l4proto { tcp, udp } th dport 443 counter name \"doh_dropped\" drop");
        for (Redirect r : List.of(http, tls)) {
            if (r.on() && !r.v6()) {
                o.line("# TCP " + r.port + " over IPv6 is not redirected (the " + r.name
                        + " listener is bound to IPv4): dropped, not passed unfiltered.");
                o.line("ip6 daddr != @lan_v6 tcp dport " + r.port + " counter name \"bypass_dropped\" drop");
            }
            if (r.on() && !r.v4()) {
                o.line("# TCP " + r.port + " over IPv4 is not redirected (the " + r.name
                        + " listener is bound to IPv6 only): dropped, not passed unfiltered.");
                o.line("ip daddr != @lan_v4 tcp dport " + r.port + " counter name \"bypass_dropped\" drop");
            }
        }
        o.indent--;
        o.line("}");
        o.blank();

        boolean anyListener = http.on() || tls.on();
        o.line("# Destination NAT: TCP 80/443 to the transparent listeners, for packets from the Wi-Fi clients only.");
        o.line("# The proxy's own upstream connections leave through the output hook, which no chain of this table");
        o.line("# uses: they are never redirected, so there is no loop.");
        o.line("chain nat_prerouting {");
        o.indent++;
        o.line(NAT_HOOK);
        o.line("iifname != " + iface + " return");
        if (!anyListener) {
            o.line("# No transparent listener is on (transparent.http-bind, transparent.tls-bind): nothing to redirect.");
        } else {
            o.line("# Not redirected: the gateway itself and LAN destinations.");
            o.line("fib daddr type local return");
            o.line("ip daddr @lan_v4 return");
            o.line("ip6 daddr @lan_v6 return");
            if (fw.redirect() == Scope.ALL) {
                o.line("# Every device.");
                redirects(o, http, tls);
            } else {
                o.line("# Restricted devices only; everybody else goes out directly.");
                jumps(o, "restricted_nat");
            }
        }
        o.indent--;
        o.line("}");
        o.blank();
        boolean restrictedNat = anyListener && fw.redirect() == Scope.RESTRICTED;
        o.line(restrictedNat ? "# Restricted devices' TCP 80/443 to the transparent listeners."
                : "# Unused: " + (anyListener ? "every device is redirected (firewall.redirect=all)."
                        : "no transparent listener is on."));
        o.line("chain restricted_nat {");
        if (restrictedNat) {
            o.indent++;
            redirects(o, http, tls);
            o.indent--;
        }
        o.line("}");
        o.indent--;
        o.line("}");
        return o.toString();
    }

    /**
     * The {@code nft -f} script that replaces the members of the three restricted sets in one transaction (the
     * table must exist).
     */
    public static String syncScript(String table, RestrictedMembers members) {
        Out o = new Out();
        for (String set : List.of(RESTRICTED_V4, RESTRICTED_V6, RESTRICTED_MAC)) {
            o.line("flush set inet " + table + " " + set);
        }
        addElements(o, table, RESTRICTED_V4, members.v4());
        addElements(o, table, RESTRICTED_V6, members.v6());
        addElements(o, table, RESTRICTED_MAC, members.macs());
        return o.toString();
    }

    private static void addElements(Out o, String table, String set, List<String> elements) {
        if (!elements.isEmpty()) {
            o.line("add element inet " + table + " " + set + " { " + String.join(", ", elements) + " }");
        }
    }

    private static void redirects(Out o, Redirect http, Redirect tls) {
        for (Redirect r : List.of(http, tls)) {
            if (r.on()) {
                o.line(r.family() + "tcp dport " + r.port + " counter name \"" + r.name + "_redirected\" redirect to :"
                        + r.bind.getPort());
            }
        }
    }

    private static void jumps(Out o, String chain) {
        o.line("ip saddr @" + RESTRICTED_V4 + " jump " + chain);
        o.line("ip6 saddr @" + RESTRICTED_V6 + " jump " + chain);
        o.line("ether saddr @" + RESTRICTED_MAC + " jump " + chain);
    }

    private static void set(Out o, String name, List<String> elements) {
        SetSpec spec = SETS.stream().filter(x -> x.name.equals(name)).findFirst().orElseThrow();
        o.line("set " + name + " {");
        o.indent++;
        o.line(spec.declaration("\n" + "\t".repeat(o.indent)));
        if (!elements.isEmpty()) {
            o.line("elements = {");
            o.indent++;
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < elements.size(); i++) {
                String element = elements.get(i) + (i + 1 < elements.size() ? "," : "");
                if (row.length() > 0 && row.length() + 1 + element.length() > ELEMENTS_WIDTH) {
                    o.line(row.toString());
                    row.setLength(0);
                }
                row.append(row.length() > 0 ? " " : "").append(element);
            }
            o.line(row.toString());
            o.indent--;
            o.line("}");
        }
        o.indent--;
        o.line("}");
    }

    private static List<String> distinct(List<Cidr> ranges) {
        Set<String> out = new LinkedHashSet<>();
        for (Cidr c : ranges) {
            String address = RestrictedMembers.literal(c.network());
            int bits = c.network().getAddress().length * 8;
            out.add(c.prefixLength() == bits ? address : address + "/" + c.prefixLength());
        }
        return new ArrayList<>(out);
    }

    private static String quote(String iface) {
        return "\"" + iface + "\"";
    }

    /** One transparent listener's redirect: off when {@code bind} is null. */
    private record Redirect(String name, int port, InetSocketAddress bind) {
        static Redirect of(String name, int port, InetSocketAddress bind) {
            return new Redirect(name, port, bind);
        }

        boolean on() {
            return bind != null;
        }

        boolean v4() {
            return on() && (bind.getAddress() instanceof Inet4Address || bind.getAddress().isAnyLocalAddress());
        }

        boolean v6() {
            return on() && !(bind.getAddress() instanceof Inet4Address);
        }

        /** The family match to put before the rule, empty when both families are covered. */
        String family() {
            return v4() && v6() ? "" : v4() ? "meta nfproto ipv4 " : "meta nfproto ipv6 ";
        }

        String describe() {
            return on() ? "TCP " + port + " -> port " + bind.getPort() + " (" + (v4() && v6() ? "IPv4 and IPv6"
                    : v4() ? "IPv4" : "IPv6") + ")" : "off";
        }
    }

    /** A tab-indented text builder. */
    private static final class Out {
        private final StringBuilder text = new StringBuilder();
        int indent;

        void line(String s) {
            text.append("\t".repeat(indent)).append(s).append('\n');
        }

        void blank() {
            text.append('\n');
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
