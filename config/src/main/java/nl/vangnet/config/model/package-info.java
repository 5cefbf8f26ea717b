/**
 * The care-law policy model: clients, devices, profiles, registrations (the dossier record that makes a
 * restriction lawful), phase-out steps, evaluations and withdrawals.
 *
 * <p>Every type here is an immutable record. Constructors only normalise (null collections become empty,
 * collections are copied, text is trimmed); they do not reject input, so that one validator
 * ({@link nl.vangnet.config.rules.ModelValidator}) can report <em>every</em> problem at once with a field path.
 * Records carry a database {@code id} ({@code 0} while not yet stored) and an optimistic-concurrency
 * {@code version} ({@code 0} while not yet stored).
 */
package nl.vangnet.config.model;
