/**
 * The store: JDBC with Flyway migrations, embedded H2 file database by default, PostgreSQL for several nodes; one
 * code path for both. Every write is one transaction that validates, writes, and appends its audit event, or
 * writes nothing at all.
 */
package nl.vangnet.config.store;
