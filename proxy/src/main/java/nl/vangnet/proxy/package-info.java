/**
 * The proxy node: listeners that relay clients' traffic and, for clients whose registration is in effect, apply the
 * decision of the policy. The proxy core knows nothing about care law; it asks the
 * {@link nl.vangnet.config.policy.PolicySnapshot}. Netty and LittleProxy types stay in adapter sub-packages.
 */
package nl.vangnet.proxy;
