package nl.vangnet.config.model;

import java.util.List;

/**
 * A named, reusable set of restrictions. A profile on its own restricts nobody: only a {@link Registration} in
 * effect applies it to a client.
 *
 * <p>Examples: "internet only 07:00–22:00" is {@code internetHours = [daily 07:00–22:00]}; "these categories only
 * outside 09:00–17:00" is a category rule with {@code activeDuring = [daily 09:00–17:00]}.
 *
 * @param blockedCategories list categories that are blocked (ids as configured for the lists, e.g.
 *                          {@code gambling}, {@code dating})
 * @param blockedServices   AdGuard blocked-service ids (e.g. {@code tiktok})
 * @param blockedDomains    domains blocked with every subdomain
 * @param allowedDomains    exceptions: always allowed, beating every block rule of this profile; in allow-list-only
 *                          mode, the only domains reachable
 * @param allowListOnly     only {@code allowedDomains} are reachable (the most intrusive mode)
 * @param internetHours     windows in which internet is available at all; empty means always
 * @param safeSearch        enforce SafeSearch on search engines
 * @param allowOpaqueConnections transparent mode only: let through connections whose destination name cannot be
 *                          read — a TLS ClientHello without SNI or with Encrypted Client Hello, or bytes on port 443
 *                          that are not TLS — subject to the profile's other rules, applied to the destination IP
 *                          address. {@code false} (the default, and the only safe choice for a restricted client):
 *                          such connections are refused, since any site could hide behind them
 */
public record Profile(long id, String name, String description, List<Rule> blockedCategories,
        List<Rule> blockedServices, List<Rule> blockedDomains, List<Rule> allowedDomains, boolean allowListOnly,
        List<TimeWindow> internetHours, boolean safeSearch, boolean allowOpaqueConnections, long version) {
    public Profile {
        name = Text.trim(name);
        description = Text.trim(description);
        blockedCategories = Text.list(blockedCategories);
        blockedServices = Text.list(blockedServices);
        blockedDomains = Text.list(blockedDomains);
        allowedDomains = Text.list(allowedDomains);
        internetHours = Text.list(internetHours);
    }

    /** A profile that refuses opaque connections (the default; see {@link #allowOpaqueConnections()}). */
    public Profile(long id, String name, String description, List<Rule> blockedCategories,
            List<Rule> blockedServices, List<Rule> blockedDomains, List<Rule> allowedDomains, boolean allowListOnly,
            List<TimeWindow> internetHours, boolean safeSearch, long version) {
        this(id, name, description, blockedCategories, blockedServices, blockedDomains, allowedDomains, allowListOnly,
                internetHours, safeSearch, false, version);
    }

    public Profile withIdAndVersion(long newId, long newVersion) {
        return new Profile(newId, name, description, blockedCategories, blockedServices, blockedDomains,
                allowedDomains, allowListOnly, internetHours, safeSearch, allowOpaqueConnections, newVersion);
    }
}
