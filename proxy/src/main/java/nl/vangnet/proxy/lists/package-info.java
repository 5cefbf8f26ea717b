/**
 * Block lists: importers for squidGuard/UT1 directories, hosts files, Adblock-style rules and AdGuard's
 * {@code services.json}; sources from paths or http(s) URLs (gzip accepted); a compact in-memory index of
 * hashed names; the catalog that loads and reloads configured lists in the background.
 */
package nl.vangnet.proxy.lists;
