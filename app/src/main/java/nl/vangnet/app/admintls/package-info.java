/**
 * TLS for the admin API: whether it runs ({@code admin.tls} against the bind address), the server certificate (a
 * PKCS#12 keystore, or a self-signed certificate generated with Bouncy Castle and kept in {@code admin.tls-dir}), and
 * the Jetty connector that serves the Javalin app with it (TLS 1.2 and 1.3 only, no plain port next to it). Plain
 * HTTP is only ever served on a loopback address.
 */
package nl.vangnet.app.admintls;
