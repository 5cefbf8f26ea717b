/**
 * Adapter for the explicit HTTP/CONNECT proxy built on LittleProxy. The only package of the proxy module that uses
 * LittleProxy types.
 */
package nl.vangnet.proxy.littleproxy;
