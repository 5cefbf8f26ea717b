package nl.vangnet.proxy.identify;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * dnsmasq's lease file ({@code dnsmasq.leases}): one lease a line, {@code <expiry> <hardware address> <IP address>
 * <host name> <client id>}, separated by spaces. The expiry is in seconds since the epoch, {@code 0} for an
 * infinite lease. A non-Ethernet hardware address carries a type prefix ({@code 20-...}) and gives no MAC.
 * DHCPv6 leases ({@code <expiry> <IAID> <IPv6 address> <host name> <DUID>}, after a {@code duid <server DUID>} line)
 * carry no MAC address and are skipped, unless the second field happens to be one.
 */
final class DnsmasqLeaseParser implements LeaseParser {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern EXPIRY = Pattern.compile("[0-9]{1,18}");
    private static final Pattern TYPED_HARDWARE =
            Pattern.compile("[0-9a-f]{2}-([0-9a-f]{1,2}(:[0-9a-f]{1,2})*)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern IAID = Pattern.compile("T?[0-9]{1,10}");

    @Override
    public void parse(BufferedReader in, String file, LeaseCollector out) throws IOException {
        long lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("duid ")) {
                continue;
            }
            String[] fields = SPACES.split(s);
            if (fields.length != 5) {
                out.malformed(file, lineNumber, "expected 5 fields (expiry, hardware address, IP address, host name,"
                        + " client id), found " + fields.length);
                continue;
            }
            if (!EXPIRY.matcher(fields[0]).matches()) {
                out.malformed(file, lineNumber, "the expiry is not a number of seconds");
                continue;
            }
            Optional<InetAddress> address = AddressText.ipLiteral(fields[2]);
            if (address.isEmpty()) {
                out.malformed(file, lineNumber, "the third field is not an IP address");
                continue;
            }
            long expiry = Long.parseLong(fields[0]);
            Instant expires = expiry == 0 ? Instant.MAX : Instant.ofEpochSecond(expiry);
            Optional<String> mac = AddressText.ethernetMac(fields[1]);
            if (mac.isPresent()) {
                out.lease(new Lease(address.get(), mac.get(), expires));
            } else if (address.get() instanceof Inet6Address ? IAID.matcher(fields[1]).matches()
                    : AddressText.isHardwareAddress(fields[1]) || TYPED_HARDWARE.matcher(fields[1]).matches()) {
                out.noLease(address.get());
            } else {
                out.malformed(file, lineNumber, address.get() instanceof Inet6Address
                        ? "the second field is neither an IAID nor a MAC address"
                        : "the second field is not a hardware address");
            }
        }
    }
}
