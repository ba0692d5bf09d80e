import type { TAuditRow } from "../../platform/audit";
import { Pagination } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { AuditDiff, diffRows, type TDiffContext } from "./audit-diff";
import { actionLabel, entityLabel, objectHref } from "./audit-labels";

export type TAuditFilterForm = {
  actorId?: number;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
};

export type TAuditFacets = {
  entities: string[];
  actions: string[];
  actors: { id: number; name: string }[];
};

// Above this many changed fields the table starts folded, so one import does not fill the page.
const OPEN_ROWS = 6;

const shanghai = (d: Date) =>
  d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }).replace(/\//g, "-");

/** A name the object had when the entry was written (title, name), to recognise it without its number. */
function objectName(r: TAuditRow): string {
  for (const v of [r.after, r.before]) {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const name = o.title ?? o.name ?? o.displayName ?? o.receiptNo;
      if (typeof name === "string" && name) return name.length > 40 ? `${name.slice(0, 40)}…` : name;
    }
  }
  return "";
}

function ObjectCell(props: { row: TAuditRow; mayOpenUsers: boolean }) {
  const r = props.row;
  const label = `${entityLabel(r.entity)}${r.entityId ? ` ${r.entityId}` : ""}`;
  const name = objectName(r);
  const href = r.entity === "user" && !props.mayOpenUsers ? null : objectHref(r);
  return (
    <>
      {href ? <a href={href}>{label}</a> : label}
      {name && <div class="muted">{name}</div>}
    </>
  );
}

function Select(props: {
  id: string;
  label: string;
  options: { value: string; label: string }[];
  selected?: string;
}) {
  return (
    <div class="field">
      <label for={`q-${props.id}`}>{props.label}</label>
      <select id={`q-${props.id}`} name={props.id}>
        <option value="">全部</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.selected}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, "zh-CN");

/** The log for the office head and administrators: who did what to which object, and what changed. */
export function AuditPage(props: {
  ctx: TPageCtx;
  rows: TAuditRow[];
  total: number;
  filter: TAuditFilterForm;
  facets: TAuditFacets;
  query: URLSearchParams;
  diff: TDiffContext;
  mayOpenUsers: boolean;
}) {
  const f = props.filter;
  return (
    <AdminLayout ctx={props.ctx} title="操作日志">
      <h1>操作日志</h1>
      <p>
        记录所有工作人员的写操作，只可追加，逐条以哈希值链接；可用命令 npm run gongkai -- audit:verify 校验。
      </p>
      <form method="get" action="/admin/audit" class="filters">
        <Select
          id="actorId"
          label="操作人"
          options={props.facets.actors.map((a) => ({ value: String(a.id), label: a.name }))}
          selected={f.actorId ? String(f.actorId) : undefined}
        />
        <Select
          id="action"
          label="操作"
          options={props.facets.actions.map((a) => ({ value: a, label: actionLabel(a) })).sort(byLabel)}
          selected={f.action}
        />
        <Select
          id="entity"
          label="对象类型"
          options={props.facets.entities.map((e) => ({ value: e, label: entityLabel(e) })).sort(byLabel)}
          selected={f.entity}
        />
        <div class="field">
          <label for="q-entityId">对象编号</label>
          <input id="q-entityId" name="entityId" value={f.entityId ?? ""} />
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
        <a href="/admin/audit">清除筛选</a>
      </form>
      <p>共 {props.total} 条记录。</p>
      <ol class="audit-entries">
        {props.rows.map((r) => (
          <li class="audit-entry">
            <div class="audit-head">
              <time datetime={r.at.toISOString()}>{shanghai(r.at)}</time>
              <span class="audit-actor">{r.actorName}</span>
              <strong class="audit-action">{actionLabel(r.action)}</strong>
              <span class="audit-object">
                <ObjectCell row={r} mayOpenUsers={props.mayOpenUsers} />
              </span>
            </div>
            {diffRows(r.before, r.after).length > OPEN_ROWS ? (
              <details>
                <summary>查看内容（{diffRows(r.before, r.after).length} 项）</summary>
                <AuditDiff before={r.before} after={r.after} ctx={props.diff} />
              </details>
            ) : (
              <AuditDiff before={r.before} after={r.after} ctx={props.diff} />
            )}
          </li>
        ))}
      </ol>
      <Pagination total={props.total} page={f.page} pageSize={50} baseQuery={props.query} />
    </AdminLayout>
  );
}
