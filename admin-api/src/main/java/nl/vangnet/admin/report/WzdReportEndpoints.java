package nl.vangnet.admin.report;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import nl.vangnet.admin.http.ApiException;
import nl.vangnet.admin.http.ApiParam;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.FieldError;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.admin.http.RouteTable;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.report.WzdReport;
import nl.vangnet.config.report.WzdReportCompiler;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.PolicyData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route of the inspection export, {@code GET /api/v1/reports/wzd}, for the admin app's route table. Read-only;
 * for {@link AccountRole#AUDITOR} and {@link AccountRole#BEHAVIOURAL_EXPERT}. Query parameters: see
 * {@link WzdReportQuery}; bad ones are refused with 400 {@code application/problem+json} whose field errors
 * name the query parameter. The response is a download ({@code Content-Disposition: attachment}) and is
 * not cached ({@code Cache-Control: no-store}). Thread-safe.
 */
public final class WzdReportEndpoints {
    /** The route's path. */
    public static final String PATH = "/api/v1/reports/wzd";

    /** {@code text/csv} with the charset and the header row declared (RFC 4180, RFC 7111). */
    public static final String CSV_CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

    private static final Logger LOG = LoggerFactory.getLogger(WzdReportEndpoints.class);

    private WzdReportEndpoints() {
    }

    /**
     * The endpoints of the export.
     *
     * @param data   one consistent read of the clients and registrations (the integrator passes {@code store::load})
     * @param limits the organisation's limits (zone, lapse grace): the same as the proxy's
     * @param clock  the clock whose instant ends the observed window and is reported as {@code generatedAt}
     */
    public static RouteTable routes(Supplier<PolicyData> data, Limits limits, Clock clock) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        return RouteTable.builder().add(new Endpoint(HandlerType.GET, PATH,
                Set.of(AccountRole.AUDITOR, AccountRole.BEHAVIOURAL_EXPERT), Endpoint.Surface.API,
                "Wzd overview for the inspectorate (IGJ) of a period: per Wzd registration and per location, "
                        + "as JSON or CSV",
                null, WzdReportResponse.class, 200,
                (ctx, principal) -> export(ctx, principal, data, limits, clock)),
                ApiParam.string("period", "a half year, e.g. 2026H1 (January-June) or 2026H2; or give from and to"),
                ApiParam.date("from", "first day of the period (inclusive), with to"),
                ApiParam.date("to", "last day of the period (inclusive), with from; at most one year after from"),
                ApiParam.string("format", "json (default) or csv"),
                ApiParam.string("separator", "CSV separator: , (default) or ; (for spreadsheets in Dutch locale)"),
                ApiParam.string("table", "CSV table: registrations (default) or locations (totals per location)"))
                .build();
    }

    /** The endpoints of the export, without their parameter declarations (see {@link #routes}). */
    public static List<Endpoint> endpoints(Supplier<PolicyData> data, Limits limits, Clock clock) {
        return routes(data, limits, clock).endpoints();
    }

    private static void export(Context ctx, Principal principal, Supplier<PolicyData> data, Limits limits,
            Clock clock) {
        WzdReportQuery query;
        try {
            query = WzdReportQuery.parse(ctx::queryParam);
        } catch (ValidationException e) {
            throw new ApiException(400, "bad-request", "Bad request", e.getMessage(), e.problems().stream()
                    .map(p -> new FieldError(p.field(), p.message())).toList(), java.util.Map.of());
        }
        PolicyData d = data.get();
        WzdReport report = WzdReportCompiler.compile(query.period(), d.clients(), d.registrations(), limits,
                clock.instant());
        LOG.info("Wzd export {} ({} .. {}) as {} by {}: {} registrations at {} locations", query.period().label(),
                query.period().from(), query.period().to(), query.format(),
                principal == null ? "?" : principal.account(), report.rows().size(), report.locations().size());
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"" + query.fileName() + "\"");
        if (query.format() == WzdReportQuery.Format.CSV) {
            ctx.contentType(CSV_CONTENT_TYPE).result(WzdReportCsv.render(report, query.table(), query.separator()));
        } else {
            ctx.json(WzdReportResponse.of(report, limits.zone().getId()));
        }
    }
}
