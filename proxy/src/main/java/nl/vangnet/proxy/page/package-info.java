/**
 * What the proxy itself serves, as bytes: the {@link nl.vangnet.proxy.page.BlockPage} shown for a blocked plain-HTTP
 * request and the {@link nl.vangnet.proxy.page.PacFile} (also as {@code wpad.dat}) that hands the proxy to the
 * Wi-Fi's clients. No Netty types.
 */
package nl.vangnet.proxy.page;
