package nl.vangnet.app.admintls;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;

/** The {@code admin.tls} setting: whether the admin API speaks TLS. Immutable. */
public enum AdminTlsMode {
    /** TLS unless {@code admin.bind} is a loopback address (the default). */
    AUTO,
    /** Always TLS, also on loopback. */
    ON,
    /** Plain HTTP; refused unless {@code admin.bind} is a loopback address. */
    OFF;

    /**
     * Parses {@code auto}, {@code on} or {@code off} (any case).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static AdminTlsMode parse(String value) {
        for (AdminTlsMode m : values()) {
            if (m.label().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be auto, on or off, got '" + value + "'");
    }

    /** The value as written in the settings. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the admin API bound to {@code bind} speaks TLS.
     *
     * @throws AdminTlsException for {@link #OFF} on an address that is not loopback (message: {@link #refusal})
     */
    public boolean tlsFor(InetSocketAddress bind) {
        return switch (this) {
            case ON -> true;
            case AUTO -> !isLoopback(bind.getAddress());
            case OFF -> {
                if (!isLoopback(bind.getAddress())) {
                    throw new AdminTlsException("admin.tls " + refusal(bind));
                }
                yield false;
            }
        };
    }

    /**
     * Why {@code admin.tls=off} is refused for {@code bind}, or {@code null} when it is allowed; the text follows the
     * setting's name.
     */
    public static String refusal(InetSocketAddress bind) {
        if (isLoopback(bind.getAddress())) {
            return null;
        }
        return "is off, but admin.bind " + bind.getAddress().getHostAddress() + " is not a loopback address: plain"
                + " HTTP would carry tokens and passwords over the network; use admin.tls=auto (TLS, with a"
                + " self-signed certificate unless admin.tls-keystore is set) or bind to 127.0.0.1";
    }

    private static boolean isLoopback(InetAddress address) {
        return address != null && address.isLoopbackAddress();
    }
}
