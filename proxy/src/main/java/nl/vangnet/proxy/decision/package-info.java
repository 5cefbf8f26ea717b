/**
 * The decision engine: {@link nl.vangnet.proxy.decision.RequestFacts} in, a sealed
 * {@link nl.vangnet.proxy.decision.Decision} out, through an ordered chain of named checks. No Netty types, no
 * knowledge of care law beyond what the {@link nl.vangnet.config.policy.PolicySnapshot} says.
 */
package nl.vangnet.proxy.decision;
