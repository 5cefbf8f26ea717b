/**
 * The inspection export over HTTP: {@code GET /api/v1/reports/wzd} renders the
 * {@link nl.vangnet.config.report.WzdReport} of a period as JSON ({@link nl.vangnet.admin.report.WzdReportResponse})
 * or as CSV for a spreadsheet ({@link nl.vangnet.admin.report.WzdReportCsv}: UTF-8 with BOM, formula injection
 * neutralised). {@link nl.vangnet.admin.report.WzdReportEndpoints} declares the route for the admin app's route
 * table. See {@code docs/igj-export.md}.
 */
package nl.vangnet.admin.report;
