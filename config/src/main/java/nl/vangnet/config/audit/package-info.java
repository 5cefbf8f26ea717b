/**
 * The tamper-evident audit log: an append-only, hash-chained table written in the same transaction as the change
 * it records, and a verifier that reports the first broken link. The audit log observes; it never decides.
 */
package nl.vangnet.config.audit;
