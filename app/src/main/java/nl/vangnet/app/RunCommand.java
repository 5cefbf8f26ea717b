package nl.vangnet.app;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import nl.vangnet.proxy.transparent.TransparentListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vangnet run}: runs Vangnet all-in-one until interrupted (Ctrl-C or SIGTERM). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run Vangnet all-in-one: store, proxy and admin API in one process.",
            "On the first start with the admin API enabled, creates admin API account 'admin' (IT_ADMIN) with the"
                    + " token in environment variable VANGNET_ADMIN_TOKEN, or with a new token printed once."})
final class RunCommand implements Runnable {
    @Mixin
    SettingsOptions options;

    @Option(names = "--demo", description = "Seed demo data (clients, devices, profiles, registrations) into an "
            + "empty store, with dates relative to today, and one admin API account per role; their tokens are "
            + "printed once.")
    boolean demo;

    @Option(names = "--proxy-bind", paramLabel = "HOST:PORT", description = "Overrides proxy.bind.")
    String proxyBind;

    @Option(names = "--admin-bind", paramLabel = "HOST:PORT", description = "Overrides admin.bind.")
    String adminBind;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Map<Setting, String> more = new EnumMap<>(Setting.class);
        if (proxyBind != null) {
            more.put(Setting.PROXY_BIND, proxyBind);
        }
        if (adminBind != null) {
            more.put(Setting.ADMIN_BIND, adminBind);
        }
        Settings settings = options.load(more);
        CountDownLatch stopped = new CountDownLatch(1);
        Vangnet vangnet = Vangnet.start(settings, demo, Clock.systemUTC(), spec.commandLine().getOut());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vangnet.close();
            stopped.countDown();
        }, "vangnet-shutdown"));
        var out = spec.commandLine().getOut();
        out.println("Vangnet is running.");
        if (vangnet.proxyAddress() != null) {
            out.println("  proxy:     " + vangnet.proxyAddress().getHostString() + ":"
                    + vangnet.proxyAddress().getPort());
        }
        TransparentListener.Addresses t = vangnet.transparentAddresses();
        if (t != null && t.http() != null) {
            out.println("  transparent HTTP: " + t.http().getHostString() + ":" + t.http().getPort());
        }
        if (t != null && t.tls() != null) {
            out.println("  transparent TLS:  " + t.tls().getHostString() + ":" + t.tls().getPort());
        }
        if (vangnet.adminAddress() != null) {
            out.println("  admin API: " + vangnet.adminUrl() + "/health");
        }
        if (vangnet.adminCertificate() != null) {
            out.println("  admin TLS: " + vangnet.adminCertificate().source() + "; SHA-256 fingerprint "
                    + vangnet.adminCertificate().fingerprintSha256());
            out.println("             public key pin " + vangnet.adminCertificate().publicKeyPin()
                    + " ('vangnet admin-cert export' prints the certificate)");
        }
        out.println("  store:     " + settings.storeUrl().replaceAll("password=[^&;]*", "password=****"));
        out.println("  snapshot:  version " + vangnet.snapshot().version() + ", data version "
                + vangnet.snapshot().dataVersion());
        out.println("Stop with Ctrl-C.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
