/**
 * The launcher: one runnable jar that runs Vangnet all-in-one (store, proxy and admin API in one JVM), reads the
 * settings file with environment overrides, seeds demo data on request, and offers operator commands such as
 * {@code audit verify}.
 */
package nl.vangnet.app;
