package nl.vangnet.app;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import nl.vangnet.app.firewall.DohEndpoints;
import nl.vangnet.app.firewall.NftRuleset;
import nl.vangnet.app.firewall.RestrictedMembers;
import nl.vangnet.config.rules.ValidationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code vangnet firewall}: prints the nftables table for the configured settings ({@code firewall.*}, the
 * transparent listeners' ports), so that {@code vangnet firewall | nft -f -} installs or updates it.
 */
@Command(name = "firewall", mixinStandardHelpOptions = true,
        description = {"Print the nftables rules for transparent mode (redirect TCP 80/443 to the transparent"
                + " listeners, drop QUIC, drop DNS over HTTPS/TLS for restricted devices).",
            "Install or update them with: vangnet firewall -c FILE | nft -f -"})
final class FirewallCommand implements Runnable {
    @Mixin
    SettingsOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Settings settings = options.load(Map.of());
        DohEndpoints doh = dohEndpoints(settings);
        String ruleset;
        try {
            ruleset = NftRuleset.render(settings, doh, RestrictedMembers.NONE);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("transparent", e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.print(ruleset);
        out.flush();
    }

    /** The DoH/DoT list of the settings; an unreadable or malformed file is a settings error. */
    static DohEndpoints dohEndpoints(Settings settings) {
        var file = settings.firewall().dohEndpoints();
        if (file == null) {
            return DohEndpoints.NONE;
        }
        String key = Setting.FIREWALL_DOH_ENDPOINTS.key();
        try {
            return DohEndpoints.read(file);
        } catch (NoSuchFileException e) {
            throw ValidationException.of(key, "file " + file + " does not exist (set " + key
                    + "= for no list)");
        } catch (IOException e) {
            throw ValidationException.of(key, "cannot read " + file + ": " + e);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(key, e.getMessage());
        }
    }
}
