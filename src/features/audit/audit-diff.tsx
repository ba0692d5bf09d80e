// The before/after of an audit entry as a table a reader can follow: one row per field, Chinese
// field names, values formatted, long texts cut with the full text one click away.
import { fieldLabel, valueLabel } from "./audit-labels";

const LONG = 80;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
// Bookkeeping fields that change with every write and would only hide the real change.
const NOISE = new Set(["updatedAt", "version", "docNumberKey", "sourceKey"]);

export type TDiffContext = { unitName: (id: number) => string | undefined };

export type TDiffRow = {
  field: string;
  before?: unknown;
  after?: unknown;
  hasBefore: boolean;
  hasAfter: boolean;
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields to show: on a change, those that differ; on a creation or deletion, every field with a
 * value. A value that is not an object is one row named "内容".
 */
export function diffRows(before: unknown, after: unknown): TDiffRow[] {
  const b = before ?? undefined;
  const a = after ?? undefined;
  if (b === undefined && a === undefined) return [];
  if (!(isRecord(b) || b === undefined) || !(isRecord(a) || a === undefined))
    return [{ field: "内容", before: b, after: a, hasBefore: b !== undefined, hasAfter: a !== undefined }];
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return keys
    .filter((k) => !NOISE.has(k))
    .filter((k) => (b && a ? !same(b[k], a[k]) : !isEmpty((a ?? b)?.[k])))
    .map((k) => ({
      field: k,
      before: b?.[k],
      after: a?.[k],
      hasBefore: b !== undefined,
      hasAfter: a !== undefined,
    }));
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

/** A value as plain text: dates in Beijing time, yes/no, lists joined, units by name. */
export function formatValue(field: string, v: unknown, ctx: TDiffContext): string {
  if (isEmpty(v)) return "（空）";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (field === "unitId" && typeof v === "number") return ctx.unitName(v) ?? `单位 ${v}`;
  if (typeof v === "string" && valueLabel(field, v)) return valueLabel(field, v) as string;
  if (typeof v === "string" && ISO_TIME.test(v)) {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime()))
      return d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }).replace(/\//g, "-");
  }
  if (Array.isArray(v)) return v.map((x) => formatValue(field, x, ctx)).join("、");
  if (isRecord(v))
    return Object.entries(v)
      .filter(([, x]) => !isEmpty(x))
      .map(([k, x]) => `${fieldLabel(k)}：${formatValue(k, x, ctx)}`)
      .join("；");
  return String(v);
}

function Value(props: { field: string; value: unknown; ctx: TDiffContext }) {
  const text = formatValue(props.field, props.value, props.ctx);
  if (text.length <= LONG) return <>{text}</>;
  return (
    <details class="audit-more">
      <summary>
        {text.slice(0, LONG)}…<span class="visually-hidden">（展开全文）</span>
      </summary>
      <div class="audit-full">{text}</div>
    </details>
  );
}

/** The table itself; nothing when the entry has no recorded content. */
export function AuditDiff(props: { before: unknown; after: unknown; ctx: TDiffContext }) {
  const rows = diffRows(props.before, props.after);
  if (rows.length === 0) return null;
  const showBefore = rows.some((r) => r.hasBefore);
  const showAfter = rows.some((r) => r.hasAfter);
  return (
    <table class="audit-diff">
      <thead>
        <tr>
          <th scope="col">字段</th>
          {showBefore && <th scope="col">修改前</th>}
          {showAfter && <th scope="col">{showBefore ? "修改后" : "内容"}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{fieldLabel(r.field)}</th>
            {showBefore && (
              <td>
                <Value field={r.field} value={r.before} ctx={props.ctx} />
              </td>
            )}
            {showAfter && (
              <td>
                <Value field={r.field} value={r.after} ctx={props.ctx} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
