import { Hono } from "hono";
import { z } from "zod";
import { auditFacets, listAudit, type TAuditRow } from "../../platform/audit";
import type { TAppEnv, TDeps } from "../../platform/http/context";
import { requirePermission } from "../../platform/http/guards";
import { Pagination } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import { pageCtx, type TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import { zIdText } from "../../platform/validation";

const ZFilter = z.object({
  actorId: zIdText.optional().catch(undefined),
  entity: z.string().max(40).optional().catch(undefined),
  entityId: z.string().max(40).optional().catch(undefined),
  action: z.string().max(60).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

const shanghai = (d: Date) =>
  d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }).replace(/\//g, "-");

function AuditPage(props: {
  ctx: TPageCtx;
  rows: TAuditRow[];
  total: number;
  filter: z.infer<typeof ZFilter>;
  facets: { entities: string[]; actions: string[] };
  query: URLSearchParams;
}) {
  const f = props.filter;
  return (
    <AdminLayout ctx={props.ctx} title="操作日志">
      <h1>操作日志</h1>
      <p>
        记录所有工作人员的写操作，只可追加，逐条以哈希值链接；可用命令 npm run gongkai -- audit:verify 校验。
      </p>
      <form method="get" action="/admin/audit" class="filters">
        <div class="field">
          <label for="q-entity">对象类型</label>
          <select id="q-entity" name="entity">
            <option value="">全部</option>
            {props.facets.entities.map((e) => (
              <option value={e} selected={e === f.entity}>
                {e}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="q-action">操作</label>
          <select id="q-action" name="action">
            <option value="">全部</option>
            {props.facets.actions.map((a) => (
              <option value={a} selected={a === f.action}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="q-entityId">对象编号</label>
          <input id="q-entityId" name="entityId" value={f.entityId ?? ""} />
        </div>
        <div class="field">
          <label for="q-actorId">操作人编号</label>
          <input
            id="q-actorId"
            name="actorId"
            inputmode="numeric"
            value={f.actorId ? String(f.actorId) : ""}
          />
        </div>
        <div class="field">
          <label for="q-from">起始日期</label>
          <input id="q-from" name="from" type="date" value={f.from ?? ""} />
        </div>
        <div class="field">
          <label for="q-to">截止日期</label>
          <input id="q-to" name="to" type="date" value={f.to ?? ""} />
        </div>
        <button type="submit" class="button">
          筛选
        </button>
      </form>
      <p>共 {props.total} 条记录。</p>
      <DataTable
        caption="操作日志，按时间倒序"
        columns={["序号", "时间", "操作人", "操作", "对象", "变更"]}
        className="audit"
      >
        {props.rows.map((r) => (
          <tr>
            <td>{r.id}</td>
            <td>{shanghai(r.at)}</td>
            <td>{r.actorName}</td>
            <td>{r.action}</td>
            <td>
              {r.entity} {r.entityId}
            </td>
            <td>
              <details>
                <summary>前后内容</summary>
                <pre>{JSON.stringify({ before: r.before, after: r.after }, null, 2)}</pre>
              </details>
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination total={props.total} page={f.page} pageSize={50} baseQuery={props.query} />
    </AdminLayout>
  );
}

/** Administrators browse the audit log with filters. */
export function auditRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  app.get("/admin/audit", async (c) => {
    requirePermission(c, "audit.read");
    const filter = ZFilter.parse(c.req.query());
    const toDate = (d: string | undefined, plusDays = 0) =>
      d ? new Date(new Date(`${d}T00:00:00+08:00`).getTime() + plusDays * 86400000) : undefined;
    const { total, items } = await listAudit(
      deps.db,
      { ...filter, from: toDate(filter.from), to: toDate(filter.to, 1) },
      filter.page,
      50,
    );
    const query = new URLSearchParams(c.req.query());
    return c.html(
      <AuditPage
        ctx={await pageCtx(c)}
        rows={items}
        total={total}
        filter={filter}
        facets={await auditFacets(deps.db)}
        query={query}
      />,
    );
  });
  return app;
}
