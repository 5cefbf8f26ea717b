/**
 * JMH benchmarks of the proxy's hot paths, run by hand ({@code java -jar benchmarks/target/benchmarks.jar}); see
 * {@code docs/performance.md} for the commands and the recorded numbers. List benchmarks use the real data in
 * {@code ../shared/data} (system property {@code vangnet.shared.data}) and a synthetic index of 1,000,000 names.
 */
package nl.vangnet.benchmarks;
