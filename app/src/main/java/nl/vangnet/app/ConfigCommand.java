package nl.vangnet.app;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code vangnet config check}: validates the settings and prints the effective values (secrets masked). */
@Command(name = "config", description = "Settings commands.", mixinStandardHelpOptions = true,
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", description = "Validate the settings and print the effective values.",
            mixinStandardHelpOptions = true)
    static final class Check implements Runnable {
        @Mixin
        SettingsOptions options;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Settings s = options.load(Map.of());
            var out = spec.commandLine().getOut();
            out.println("settings OK");
            out.println("store.url = " + s.storeUrl());
            out.println("store.user = " + s.storeUser());
            out.println("store.password = " + (s.storePassword().isEmpty() ? "" : "****"));
            out.println("proxy.enabled = " + s.proxyEnabled() + ", proxy.bind = " + s.proxyBind());
            out.println("admin.enabled = " + s.adminEnabled() + ", admin.bind = " + s.adminBind());
            out.println("admin tls = " + s.adminTls());
            out.println("snapshot.poll-interval = " + s.pollInterval());
            out.println("limits = " + s.limits());
            out.println("proxy = " + s.proxy());
            s.lists().categories().forEach((id, sources) -> out.println("lists.category." + id + " = "
                    + String.join(", ", sources)));
            out.println("lists.services = " + String.join(", ", s.lists().services()));
            out.println("lists.reload-interval = " + s.lists().reloadInterval());
            out.println("dhcp = " + s.dhcp());
            out.println("stats = " + s.stats());
            out.println("log.format = " + s.logFormat().label());
        }
    }
}
