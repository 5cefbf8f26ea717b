/**
 * The domain rules made executable: field-level validation of every model record
 * ({@link nl.vangnet.config.rules.ModelValidator}), the "less restrictive" partial order on profiles
 * ({@link nl.vangnet.config.rules.Restrictiveness}), the phase-out verifier and the configurable {@link
 * nl.vangnet.config.rules.Limits}. Everything is pure and thread-safe.
 */
package nl.vangnet.config.rules;
