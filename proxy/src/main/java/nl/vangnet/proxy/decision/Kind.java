package nl.vangnet.proxy.decision;

/** How a request reached the proxy; decides what a block can look like. */
public enum Kind {
    /**
     * A plain HTTP request (explicit proxy, absolute-form; or transparent port 80, Host header): a block page can
     * be shown.
     */
    HTTP,
    /** An explicit-proxy {@code CONNECT host:port}: only a refusal (403) is possible, nothing is decrypted. */
    CONNECT,
    /** A transparent TLS connection identified by its SNI: only a closed handshake is possible. */
    TLS,
    /**
     * A transparent connection whose destination name cannot be read: a TLS ClientHello without SNI or with
     * Encrypted Client Hello, or bytes on the TLS port that are not TLS. The host is the original destination's IP
     * address. Restricted clients are refused unless their profile allows such connections
     * ({@link nl.vangnet.config.model.Profile#allowOpaqueConnections()}); only a closed connection is possible.
     */
    OPAQUE;

    /** Whether a block can be answered with the block page (plain HTTP only). */
    public boolean canShowPage() {
        return this == HTTP;
    }
}
