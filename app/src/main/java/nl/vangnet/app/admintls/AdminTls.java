package nl.vangnet.app.admintls;

import io.javalin.config.JavalinConfig;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the admin API listens: the outcome of {@code admin.tls} for the bind address, and the one Jetty connector that
 * serves it, added to the Javalin config by {@link #configure}. With TLS it is the only connector (no plain port),
 * speaks TLS 1.2 and 1.3 only and HTTP/1.1; without TLS it is a plain HTTP connector, which {@link #prepare} only
 * allows on a loopback address.
 *
 * <p>Immutable and thread-safe.
 */
public final class AdminTls {
    private static final Logger LOG = LoggerFactory.getLogger(AdminTls.class);
    /** The protocols the TLS connector accepts. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final String ALIAS = "admin";

    private final InetSocketAddress bind;
    private final AdminCertificate certificate;

    private AdminTls(InetSocketAddress bind, AdminCertificate certificate) {
        this.bind = Objects.requireNonNull(bind, "bind");
        this.certificate = certificate;
    }

    /**
     * Decides on TLS for {@code bind} and loads (or, for the self-signed certificate, creates or renews) the
     * certificate. Nothing is bound yet: a refusal happens before any socket is opened.
     *
     * @throws AdminTlsException for {@code admin.tls=off} on an address that is not loopback, or a certificate that
     *                           cannot be loaded or made (one line with the fix)
     */
    public static AdminTls prepare(AdminTlsOptions options, InetSocketAddress bind, Clock clock) {
        if (!options.mode().tlsFor(bind)) {
            return new AdminTls(bind, null);
        }
        return new AdminTls(bind, certificate(options, bind, clock, true));
    }

    /** A plain HTTP listener on {@code bind}, which must be a loopback address (for tests and {@code admin.tls=off}). */
    public static AdminTls plain(InetSocketAddress bind) {
        AdminTlsMode.OFF.tlsFor(bind);
        return new AdminTls(bind, null);
    }

    /** A TLS listener on {@code bind} with {@code certificate}. */
    public static AdminTls with(InetSocketAddress bind, AdminCertificate certificate) {
        return new AdminTls(bind, Objects.requireNonNull(certificate, "certificate"));
    }

    /**
     * The certificate the settings name: the keystore's, or the self-signed one in {@code admin.tls-dir}.
     *
     * @param create for the self-signed certificate: create it when missing and renew it when due (else only load)
     */
    public static AdminCertificate certificate(AdminTlsOptions options, InetSocketAddress bind, Clock clock,
            boolean create) {
        if (options.keystore() != null) {
            AdminCertificate c = KeystoreCertificate.load(options.keystore(), options.keystorePassword()
                    .toCharArray());
            if (clock.instant().isAfter(c.notAfter()) || clock.instant().isBefore(c.notBefore())) {
                LOG.warn("the admin API certificate in {} is not valid now (valid {} to {}); clients will refuse it"
                        + " until it is replaced", options.keystore(), c.notBefore(), c.notAfter());
            }
            return c;
        }
        if (!create) {
            return SelfSignedCertificate.load(options.dir(), clock);
        }
        List<String> names = options.hostnames().isEmpty()
                ? HostNames.defaults(bind.getAddress(), HostNames.machineName(), HostNames.interfaceAddresses())
                : options.hostnames();
        SelfSignedCertificate.Result r = SelfSignedCertificate.loadOrCreate(options.dir(), names, clock);
        switch (r.outcome()) {
            case CREATED -> LOG.info("admin API: created a self-signed certificate for {} in {} ({})", names,
                    options.dir(), r.reason());
            case RENEWED -> LOG.warn("admin API: issued a new self-signed certificate for {} in {} because {};"
                    + " its fingerprint changed (the public key pin stays)", names, options.dir(), r.reason());
            case LOADED -> { }
        }
        return r.certificate();
    }

    /** Whether the admin API speaks TLS. */
    public boolean enabled() {
        return certificate != null;
    }

    /** {@code https} or {@code http}. */
    public String scheme() {
        return enabled() ? "https" : "http";
    }

    /** The server certificate, when TLS is on. */
    public Optional<AdminCertificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** The base URL of the admin API bound at {@code bound} ({@code https://127.0.0.1:8443}, IPv6 in brackets). */
    public URI baseUri(InetSocketAddress bound) {
        String host = bound.getAddress().getHostAddress();
        int percent = host.indexOf('%');
        if (percent >= 0) {
            host = host.substring(0, percent);
        }
        if (bound.getAddress() instanceof Inet6Address) {
            host = "[" + host + "]";
        }
        return URI.create(scheme() + "://" + host + ":" + bound.getPort());
    }

    /**
     * Adds the admin API's connector on the bind address to a Javalin config; Javalin then adds no default
     * connector, so start the app with {@code start()} (host and port come from here).
     */
    public void configure(JavalinConfig cfg) {
        cfg.jetty.addConnector((server, http) -> {
            ServerConnector connector;
            if (certificate == null) {
                connector = new ServerConnector(server, new HttpConnectionFactory(http));
            } else {
                HttpConfiguration https = new HttpConfiguration(http);
                https.addCustomizer(new SecureRequestCustomizer());
                connector = new ServerConnector(server,
                        new SslConnectionFactory(sslContextFactory(), HttpVersion.HTTP_1_1.asString()),
                        new HttpConnectionFactory(https));
            }
            connector.setHost(bind.getAddress().getHostAddress());
            connector.setPort(bind.getPort());
            return connector;
        });
    }

    private SslContextFactory.Server sslContextFactory() {
        // The keystore only lives in memory; its password only protects it there.
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(certificate.keyStore(ALIAS, password.toCharArray()));
        ssl.setKeyStorePassword(password);
        ssl.setKeyManagerPassword(password);
        ssl.setCertAlias(ALIAS);
        ssl.setIncludeProtocols(PROTOCOLS.toArray(new String[0]));
        return ssl;
    }

    @Override
    public String toString() {
        return "AdminTls[" + scheme() + " on " + bind + (certificate == null ? "" : ", " + certificate) + "]";
    }
}
