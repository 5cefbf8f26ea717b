/**
 * The local certificate authority of the optional HTTPS block page (transparent mode, off by default), and the
 * per-host server contexts it issues. An adapter package: Netty's {@code SslContext} may appear here.
 *
 * <p>{@link nl.vangnet.proxy.tls.LocalCa} is created once on first use, kept on disk with the key readable by its
 * owner only, and exported as PEM for the organisation's managed devices. {@link
 * nl.vangnet.proxy.tls.BlockedHostCertificates} issues short-lived certificates from it, and is only ever asked for
 * hosts that the policy <em>blocks</em>: allowed traffic is never terminated or decrypted.
 *
 * <p>The trade-off: a device that trusts the local CA would also trust any certificate made with its key, so the
 * key is the organisation's responsibility (file permissions 0600, directory 0700, no copies). Without the CA
 * installed, a blocked HTTPS host shows a certificate warning instead of the block page; with it, the block page.
 */
package nl.vangnet.proxy.tls;
