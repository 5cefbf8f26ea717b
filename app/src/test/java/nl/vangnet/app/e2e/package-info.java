/**
 * Helpers of the network-namespace end-to-end suite ({@code scripts/transparent-e2e.sh}): the origin servers of
 * the "internet" namespace ({@link nl.vangnet.app.e2e.E2eOrigin}) and the store seed
 * ({@link nl.vangnet.app.e2e.E2eSeed}). They are {@code main} programs run by the script, not JUnit tests.
 */
package nl.vangnet.app.e2e;
