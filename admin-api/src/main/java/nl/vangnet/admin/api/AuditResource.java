package nl.vangnet.admin.api;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import nl.vangnet.admin.http.ApiParam;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.Page;
import nl.vangnet.admin.http.Paging;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.admin.http.QueryParams;
import nl.vangnet.admin.http.RouteTable;
import nl.vangnet.admin.http.Types;
import nl.vangnet.config.audit.AuditAction;
import nl.vangnet.config.audit.AuditEvent;
import nl.vangnet.config.audit.AuditQuery;
import nl.vangnet.config.audit.AuditVerification;
import nl.vangnet.config.store.VangnetStore;

/**
 * {@code /api/v1/audit}: the hash-chained audit log, filtered and paged by sequence ({@code afterSeq} cursor), and
 * its verification. Auditors only. Thread-safe.
 */
final class AuditResource {
    static final String BASE = "/api/v1/audit";

    /** One audit event as stored; {@code before}/{@code after} are the canonical JSON the hash covers. */
    record AuditEventResponse(long seq, Instant at, String actorAccount, String actorRole, AuditAction action,
            String entityType, long entityId, String before, String after, String reason, String prevHash,
            String hash) {
        static AuditEventResponse of(AuditEvent e) {
            return new AuditEventResponse(e.seq(), e.at(), e.actorAccount(), e.actorRole(), e.action(),
                    e.entityType(), e.entityId(), e.before(), e.after(), e.reason(), e.prevHash(), e.hash());
        }
    }

    /** The result of walking the chain. */
    record VerifyResponse(boolean ok, long checked, Long firstBrokenSeq, String problem) {
        static VerifyResponse of(AuditVerification v) {
            return new VerifyResponse(v.ok(), v.checked(), v.firstBrokenSeq(), v.problem());
        }
    }

    private final VangnetStore store;

    AuditResource(VangnetStore store) {
        this.store = store;
    }

    void addTo(RouteTable.Builder b) {
        b.add(new Endpoint(GET, BASE, Roles.AUDIT, Endpoint.Surface.API,
                "Audit events in sequence order, filtered; page on with afterSeq (the next link)", null,
                Types.pageOf(AuditEventResponse.class), 200, this::list),
                ApiParam.string("entityType", "e.g. registration, client, device, profile, account"),
                ApiParam.integer("entityId", "the entity's id"),
                ApiParam.string("action", "an audit action, e.g. EVALUATION_RECORDED"),
                ApiParam.string("account", "the acting account"),
                ApiParam.instant("from", "at or after this instant"),
                ApiParam.instant("to", "before this instant"),
                ApiParam.integer("afterSeq", "only events after this sequence number (cursor; default 0)"),
                ApiParam.paging()[0]);
        b.add(new Endpoint(GET, BASE + "/verify", Roles.AUDIT, Endpoint.Surface.API,
                "Walk the hash chain and report the first edited, deleted or reordered event", null,
                VerifyResponse.class, 200, (ctx, p) -> ctx.json(VerifyResponse.of(store.verifyAudit()))));
    }

    private void list(Context ctx, Principal p) {
        int limit = QueryParams.intParam(ctx, "limit", Paging.DEFAULT_LIMIT, 1, Paging.MAX_LIMIT);
        Long after = QueryParams.longParam(ctx, "afterSeq");
        if (after != null && after < 0) {
            throw nl.vangnet.admin.http.ApiException.badParameter("afterSeq", "must be 0 or more");
        }
        String account = ctx.queryParam("account");
        AuditQuery q = new AuditQuery(blankToNull(ctx.queryParam("entityType")),
                QueryParams.longParam(ctx, "entityId"), QueryParams.enumParam(ctx, "action", AuditAction.class),
                blankToNull(account), QueryParams.instant(ctx, "from"), QueryParams.instant(ctx, "to"),
                after == null ? 0 : after, limit);
        List<AuditEventResponse> items = store.audit(q).stream().map(AuditEventResponse::of).toList();
        Paging paging = new Paging(limit, 0, ctx.path(), ctx.queryParamMap());
        String next = items.size() < limit ? null
                : paging.linkTo("afterSeq", Long.toString(items.get(items.size() - 1).seq()));
        ctx.json(new Page<>(items, null, limit, 0, next));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
