/**
 * Texts in plain Dutch, made from the policy model: a one-line summary of a profile for care staff
 * ({@link nl.vangnet.config.text.PlainDutch#profileSummary}) and easy-Dutch (B1, "makkelijk lezen") sentences for
 * clients about the agreement that applies to them ({@link nl.vangnet.config.text.ClientAgreement}). Pure functions of
 * their arguments, no I/O after class initialisation; thread-safe.
 */
package nl.vangnet.config.text;
