// The audit log browser (操作日志) for the office head and administrators.
import { Hono } from "hono";
import { z } from "zod";
import { auditFacets, listAudit } from "../../platform/audit";
import { can } from "../../platform/auth/permissions";
import type { TAppEnv, TDeps } from "../../platform/http/context";
import { requirePermission } from "../../platform/http/guards";
import { pageCtx } from "../../platform/ui/page-context";
import { zIdText } from "../../platform/validation";
import { listUnits } from "../org";
import { AuditPage } from "./audit.page";

export { AUDIT_ACTION_LABELS } from "./audit-labels";

const ZFilter = z.object({
  actorId: zIdText.optional().catch(undefined),
  entity: z.string().max(40).optional().catch(undefined),
  entityId: z.string().max(40).optional().catch(undefined),
  action: z.string().max(60).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

/** The log, filtered by person, action, object and date, newest first, 50 to a page. */
export function auditRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  app.get("/admin/audit", async (c) => {
    const p = requirePermission(c, "audit.read");
    const filter = ZFilter.parse(c.req.query());
    // Dates are days in Beijing; "to" includes its whole day.
    const toDate = (d: string | undefined, plusDays = 0) =>
      d ? new Date(new Date(`${d}T00:00:00+08:00`).getTime() + plusDays * 86400000) : undefined;
    const { total, items } = await listAudit(
      deps.db,
      { ...filter, from: toDate(filter.from), to: toDate(filter.to, 1) },
      filter.page,
      50,
    );
    const units = new Map((await listUnits(deps.db)).map((u) => [u.id, u.name]));
    return c.html(
      <AuditPage
        ctx={await pageCtx(c)}
        rows={items}
        total={total}
        filter={filter}
        facets={await auditFacets(deps.db)}
        query={new URLSearchParams(c.req.query())}
        diff={{ unitName: (id) => units.get(id) }}
        mayOpenUsers={can(p, "users.manage")}
      />,
    );
  });
  return app;
}
