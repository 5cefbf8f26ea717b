/**
 * Vangnet's configuration core: the care-law policy model, its rules, the store, the audit log and the compiled
 * {@link nl.vangnet.config.policy.PolicySnapshot}. No Netty, no HTTP.
 */
package nl.vangnet.config;
