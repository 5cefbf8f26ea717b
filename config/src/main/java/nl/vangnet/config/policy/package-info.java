/**
 * Effective policy: the one pure function that decides whether a registration's restriction applies at an instant
 * ({@link nl.vangnet.config.policy.EffectivePolicy}), and the compiled, immutable, versioned
 * {@link nl.vangnet.config.policy.PolicySnapshot} that the proxy reads, published through an atomic reference and
 * recompiled when data changes and when the clock crosses a boundary.
 */
package nl.vangnet.config.policy;
