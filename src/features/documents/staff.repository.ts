import { type SQL, sql } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import { type Db, selectRows } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import { effectiveValiditySql } from "./documents.repository";
import { documents } from "./documents.tables";

/** The back office's status filter: the four states, with scheduled items apart from those already public. */
export const STAFF_STATUSES = ["draft", "review", "scheduled", "published", "withdrawn"] as const;
export type TStaffStatus = (typeof STAFF_STATUSES)[number];

export type TStaffListFilter = {
  units: TUnitScope;
  status?: TStaffStatus;
  kind?: string;
  /** Matched against title, 文号 and 索引号 as typed. */
  q?: string;
  /** The canonical 文号 of `q`, when `q` reads as one. */
  docNumberKey?: string | null;
};

export type TStaffListRow = {
  id: number;
  title: string;
  docNumber: string;
  indexNo: string;
  kind: string;
  unitName: string;
  status: string;
  isScheduled: boolean;
  publishAt: string | null;
  validity: string;
  updatedOn: string;
};

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, "\\$&")}%`;

function conditions(f: TStaffListFilter): SQL {
  const d = documents;
  const parts: SQL[] = [];
  parts.push(inUnitScope(d.unitId, f.units));
  if (f.status === "scheduled") parts.push(sql`${d.status} = 'published' and ${d.publishAt} > now()`);
  else if (f.status === "published") parts.push(sql`${d.status} = 'published' and ${d.publishAt} <= now()`);
  else if (f.status) parts.push(sql`${d.status} = ${f.status}`);
  if (f.kind) parts.push(sql`${d.kind} = ${f.kind}`);
  if (f.q) {
    const like = likePattern(f.q);
    const byKey = f.docNumberKey ? sql` or ${d.docNumberKey} = ${f.docNumberKey}` : sql``;
    parts.push(
      sql`(${d.title} ilike ${like} or ${d.docNumber} ilike ${like} or ${d.indexNo} ilike ${like}${byKey})`,
    );
  }
  return parts.length > 0 ? sql.join(parts, sql` and `) : sql`true`;
}

/** One page of the documents staff work on, most recently changed first, with the total. */
export async function listStaffDocuments(
  db: Db,
  f: TStaffListFilter,
  today: string,
  page: number,
  pageSize: number,
): Promise<{ total: number; items: TStaffListRow[] }> {
  const d = documents;
  const where = conditions(f);
  const [counted] = await selectRows<{ n: string }>(db, sql`select count(*) as n from ${d} where ${where}`);
  const items = await selectRows<TStaffListRow>(
    db,
    sql`select ${d.id} as id, ${d.title} as title, ${d.docNumber} as "docNumber", ${d.indexNo} as "indexNo",
          ${d.kind} as kind, u.name as "unitName", ${d.status} as status,
          (${d.status} = 'published' and ${d.publishAt} > now()) as "isScheduled",
          to_char(${d.publishAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "publishAt",
          ${effectiveValiditySql(today)} as validity,
          to_char(${d.updatedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "updatedOn"
        from ${d} join units u on u.id = ${d.unitId}
        where ${where}
        order by ${d.updatedAt} desc, ${d.id} desc
        limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  return { total: Number(counted?.n ?? 0), items };
}

export type TPickableDocument = {
  id: number;
  title: string;
  docNumber: string;
  unitName: string;
  status: string;
};

/**
 * Documents an editor may relate a draft to, by words of their title: published ones of any unit
 * (already public) and any of the editor's own units; best matches (shortest titles) first.
 */
export async function pickableDocuments(db: Db, units: TUnitScope, q: string, limit: number) {
  const d = documents;
  return selectRows<TPickableDocument>(
    db,
    sql`select ${d.id} as id, ${d.title} as title, ${d.docNumber} as "docNumber", u.name as "unitName",
          ${d.status} as status
        from ${d} join units u on u.id = ${d.unitId}
        where ${d.title} ilike ${likePattern(q)}
          and ((${d.status} = 'published' and ${d.publishAt} <= now()) or ${inUnitScope(d.unitId, units)})
        order by length(${d.title}), ${d.id} desc
        limit ${limit}`,
  );
}
