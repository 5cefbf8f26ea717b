/**
 * The store: JDBC with Flyway migrations, embedded H2 file database by default, PostgreSQL for several nodes; one
 * code path for both. Every write of the dossier data is one transaction that validates, writes, and appends its
 * audit event, or writes nothing at all. Block statistics ({@link nl.vangnet.config.store.BlockBatch},
 * {@link nl.vangnet.config.store.BlockCount}, {@link nl.vangnet.config.store.BlockEvent}) are statistics, not
 * changes: they are written and purged without audit events (docs/block-statistics.md).
 */
package nl.vangnet.config.store;
