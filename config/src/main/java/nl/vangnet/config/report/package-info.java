/**
 * The inspection export (DESIGN §2 rule 9): the half-yearly overview of involuntary care under the Wzd that the
 * organisation feeds into its submission to the inspectorate (IGJ). {@link nl.vangnet.config.report.WzdReportCompiler}
 * computes, from the registrations, the clients and the limits, one {@link nl.vangnet.config.report.WzdReportRow}
 * per Wzd registration in effect during a {@link nl.vangnet.config.report.ReportPeriod} and the
 * {@link nl.vangnet.config.report.WzdLocationTotals} per location. Pure values and functions; no HTTP, no store, no
 * rendering (the admin API renders CSV and JSON). Clients appear only by their pseudonymous client code.
 */
package nl.vangnet.config.report;
