/**
 * The decision engine: {@link nl.vangnet.proxy.decision.RequestFacts} in, a sealed
 * {@link nl.vangnet.proxy.decision.Decision} out, through an ordered chain of named
 * {@link nl.vangnet.proxy.decision.Check checks} ({@code client, allow-rule, block-rule, category, service,
 * allow-list-only, internet-hours, safe-search, default}; first match wins), run by
 * {@link nl.vangnet.proxy.decision.PolicyEngine}. Hosts are compared in one normal form
 * ({@link nl.vangnet.proxy.decision.HostName}); SafeSearch rerouting is data
 * ({@link nl.vangnet.proxy.decision.SafeSearchTable}). No Netty types, no knowledge of care law beyond what the
 * {@link nl.vangnet.config.policy.PolicySnapshot} says, no logging.
 */
package nl.vangnet.proxy.decision;
