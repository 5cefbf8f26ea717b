/**
 * Block statistics of the proxy node (DESIGN §2 rule 7): {@link nl.vangnet.proxy.stats.BlockStatsRecorder} observes
 * the blocks of restricted clients, counts them per registration, local day and category in memory, keeps per-host
 * events only for registrations that record the need, and hands them to the store in batches
 * ({@link nl.vangnet.config.store.BlockBatch}). Nothing is recorded for clients without a restriction in effect; the
 * request thread never waits for the store.
 */
package nl.vangnet.proxy.stats;
