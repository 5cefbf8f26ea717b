package nl.vangnet.proxy.identify;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Kea's memfile lease files, read with Apache Commons CSV. The first line is a header naming the columns, and
 * columns are found by name, so older and newer Kea versions with more or fewer columns are read alike:
 * <ul>
 *   <li>DHCPv4 ({@code kea-leases4.csv}): {@code address,hwaddr,client_id,valid_lifetime,expire,subnet_id,
 *       fqdn_fwd,fqdn_rev,hostname,state,user_context,...}</li>
 *   <li>DHCPv6 ({@code kea-leases6.csv}, recognised by its {@code duid} column): {@code address,duid,
 *       valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,
 *       hwaddr,state,...}; {@code hwaddr} is often empty, and then the row gives no lease; prefix delegations
 *       ({@code lease_type} 2) are skipped.</li>
 * </ul>
 * The file is a journal: a later row for an address replaces an earlier one. A row gives a lease only with
 * {@code state} 0 (default/active; a file without a {@code state} column counts as 0), a non-zero
 * {@code valid_lifetime} (Kea appends a row with lifetime 0 when it deletes a lease) and an Ethernet
 * {@code hwaddr}; any other row removes the address. {@code expire} is in seconds since the epoch; a
 * {@code valid_lifetime} of 4294967295 is infinite. Kea never quotes (it escapes commas in text as {@code &#x2c}),
 * so quoting is off and no line can disturb the next.
 */
final class KeaLeaseParser implements LeaseParser {
    /** Kea's infinite valid lifetime (0xffffffff). */
    static final long INFINITE_LIFETIME = 4_294_967_295L;
    private static final long PREFIX_DELEGATION = 2;
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setQuote(null)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    @Override
    public void parse(BufferedReader in, String file, LeaseCollector out) throws IOException {
        // Not closed here: the caller owns the reader.
        CSVParser csv = CSVParser.parse(in, FORMAT);
        Iterator<CSVRecord> records = csv.iterator();
        if (!records.hasNext()) {
            return;
        }
        Columns columns = Columns.of(records.next(), file);
        while (records.hasNext()) {
            CSVRecord row = records.next();
            row(row, csv.getCurrentLineNumber(), columns, file, out);
        }
    }

    private static void row(CSVRecord row, long line, Columns c, String file, LeaseCollector out) {
        if (row.size() <= c.last) {
            out.malformed(file, line, "expected at least " + (c.last + 1) + " columns, found " + row.size());
            return;
        }
        Optional<InetAddress> address = AddressText.ipLiteral(row.get(c.address));
        if (address.isEmpty()) {
            out.malformed(file, line, "'address' is not an IP address");
            return;
        }
        Long lifetime = number(row, c.validLifetime);
        Long expire = number(row, c.expire);
        Long state = c.state < 0 ? Long.valueOf(0) : number(row, c.state);
        Long leaseType = c.leaseType < 0 ? Long.valueOf(0) : number(row, c.leaseType);
        if (lifetime == null || expire == null || state == null || leaseType == null) {
            out.malformed(file, line, "'valid_lifetime', 'expire', 'state' and 'lease_type' must be numbers");
            return;
        }
        String hwaddr = row.get(c.hwaddr);
        Optional<String> mac = AddressText.ethernetMac(hwaddr);
        if (mac.isEmpty() && !hwaddr.isEmpty() && !AddressText.isHardwareAddress(hwaddr)) {
            out.malformed(file, line, "'hwaddr' is not a hardware address");
            return;
        }
        if (leaseType == PREFIX_DELEGATION) {
            return;
        }
        if (state != 0 || lifetime == 0 || mac.isEmpty()) {
            out.noLease(address.get());
            return;
        }
        Instant expires = lifetime == INFINITE_LIFETIME ? Instant.MAX : Instant.ofEpochSecond(expire);
        out.lease(new Lease(address.get(), mac.get(), expires));
    }

    private static Long number(CSVRecord row, int column) {
        String text = row.get(column);
        return NUMBER.matcher(text).matches() ? Long.valueOf(text) : null;
    }

    /** Column positions from the header line; -1 for an optional column that is absent. */
    private record Columns(int address, int hwaddr, int validLifetime, int expire, int state, int leaseType,
            int last) {
        static Columns of(CSVRecord header, String file) throws LeaseFileException {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                index.putIfAbsent(header.get(i), i);
            }
            int address = required(index, "address", file);
            int hwaddr = required(index, "hwaddr", file);
            int lifetime = required(index, "valid_lifetime", file);
            int expire = required(index, "expire", file);
            int state = index.getOrDefault("state", -1);
            int leaseType = index.getOrDefault("lease_type", -1);
            int last = Math.max(Math.max(Math.max(address, hwaddr), Math.max(lifetime, expire)),
                    Math.max(state, leaseType));
            return new Columns(address, hwaddr, lifetime, expire, state, leaseType, last);
        }

        private static int required(Map<String, Integer> index, String name, String file)
                throws LeaseFileException {
            Integer i = index.get(name);
            if (i == null) {
                throw new LeaseFileException(file + " is not a Kea lease file: its first line (the header) has no '"
                        + name + "' column");
            }
            return i;
        }
    }
}
