import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../platform/db";
import { annualReports, type TAnnualReportRow } from "./reports.tables";

// The only place with SQL for the reports feature. The statistics read the requests, appeals,
// documents and ledger tables directly: a count over them is this feature's whole purpose, and one
// aggregate query is what keeps a unit with 100,000 requests under a second.

/** The year as the first and last calendar day, for comparisons with `date` columns. */
export const yearBounds = (year: number) => ({ start: `${year}-01-01`, end: `${year}-12-31` });

/** Requests of one unit (the assigned unit), or of every unit when `unitId` is null. */
const ownedBy = (unitId: number | null): SQL => (unitId === null ? sql`true` : sql`r.unit_id = ${unitId}`);

export type TRequestCountRow = {
  kind: string;
  outcome: string | null;
  new_this_year: number;
  carried_over: number;
  concluded: number;
  carried_forward: number;
};

/**
 * One pass over the requests that matter to the year (received by its end and not concluded before
 * its start), grouped by applicant kind and, for those concluded in the year, by outcome.
 */
export function requestCounts(db: Db, year: number, unitId: number | null): Promise<TRequestCountRow[]> {
  const { start, end } = yearBounds(year);
  return selectRows<TRequestCountRow>(
    db,
    sql`select r.applicant_kind as kind,
          case when r.closed_at between ${start}::date and ${end}::date then r.outcome end as outcome,
          (count(*) filter (where r.received_at >= ${start}::date))::int as new_this_year,
          (count(*) filter (where r.received_at < ${start}::date))::int as carried_over,
          (count(*) filter (where r.closed_at <= ${end}::date))::int as concluded,
          (count(*) filter (where r.closed_at is null or r.closed_at > ${end}::date))::int as carried_forward
        from requests r
        where ${ownedBy(unitId)}
          and r.received_at <= ${end}::date
          and (r.closed_at is null or r.closed_at >= ${start}::date)
        group by 1, 2`,
  );
}

export type TListedRow = {
  request_id: number;
  receipt_no: string;
  unit_name: string | null;
  date: string | null;
};

/** Requests concluded in the year whose outcome is missing or not one of the codes of the report. */
export function concludedWithoutOutcome(
  db: Db,
  year: number,
  unitId: number | null,
  codes: readonly string[],
): Promise<TListedRow[]> {
  const { start, end } = yearBounds(year);
  return selectRows<TListedRow>(
    db,
    sql`select r.id as request_id, r.receipt_no, u.name as unit_name, r.closed_at::text as date
        from requests r left join units u on u.id = r.unit_id
        where ${ownedBy(unitId)}
          and r.closed_at between ${start}::date and ${end}::date
          and (r.outcome is null or not (r.outcome = any(${sql.raw(arrayLiteral(codes))})))
        order by r.closed_at, r.id
        limit 500`,
  );
}

/**
 * Requests received by the year's end, still open, and past their due date on `asOf` (the year's
 * last day, or today while the year runs): the report cannot be final while they stay open.
 */
export function overdueOpenRequests(
  db: Db,
  year: number,
  unitId: number | null,
  asOf: string,
): Promise<TListedRow[]> {
  const { end } = yearBounds(year);
  return selectRows<TListedRow>(
    db,
    sql`select r.id as request_id, r.receipt_no, u.name as unit_name, r.due_date::text as date
        from requests r left join units u on u.id = r.unit_id
        where ${ownedBy(unitId)}
          and r.received_at <= ${end}::date
          and r.closed_at is null
          and r.due_date < ${asOf}::date
        order by r.due_date, r.id
        limit 500`,
  );
}

/** A SQL text[] literal of known, fixed codes (never user input). */
function arrayLiteral(codes: readonly string[]): string {
  if (codes.some((c) => !/^[a-z_.]+$/.test(c))) throw new Error("unexpected outcome code");
  return `array[${codes.map((c) => `'${c}'`).join(",")}]::text[]`;
}

export type TAppealCountRow = { kind: string; result: string; n: number };

/** Appeals filed in the year against the unit's replies, by kind and by the result known at its end. */
export function appealCounts(db: Db, year: number, unitId: number | null): Promise<TAppealCountRow[]> {
  const { start, end } = yearBounds(year);
  return selectRows<TAppealCountRow>(
    db,
    sql`select a.kind,
          case when a.decided_at <= ${end}::date then a.result else 'pending' end as result,
          count(*)::int as n
        from request_appeals a join requests r on r.id = a.request_id
        where ${ownedBy(unitId)} and a.filed_at between ${start}::date and ${end}::date
        group by 1, 2`,
  );
}

export type TDocumentCountRow = {
  rules_made: number;
  rules_repealed: number;
  rules_valid: number;
  normative_made: number;
  normative_repealed: number;
  normative_valid: number;
};

/**
 * 效力级别 that only national organs, provincial or municipal people's congresses and the courts make
 * (立法法): a document of these levels in the catalogue is a reprint of someone else's text (the law
 * library, demo/documents), however it is filed, and never the reporting government's own 规章 or
 * 规范性文件. 部门规章 are the State Council departments' rules, so they are among them.
 */
export const REPRINTED_LEVELS = ["宪法", "法律", "行政法规", "部门规章", "司法解释", "地方性法规"] as const;

/**
 * 规章 and 行政规范性文件 that the unit (every unit when null) made itself, in the published
 * catalogue: made in the year by 成文日期, repealed in the year by 废止日期, and valid on the year's
 * last day by the documents' own rule (from its 废止日期 a document reads as what it ends as).
 * Reprints (REPRINTED_LEVELS, and whatever the legal-text import brought in) are left out whatever their kind.
 */
export async function documentCounts(
  db: Db,
  year: number,
  unitId: number | null,
): Promise<TDocumentCountRow> {
  const { start, end } = yearBounds(year);
  const owner = unitId === null ? sql`true` : sql`d.unit_id = ${unitId}`;
  // A text brought in by the legal-text import (it has a source key) is a reprint whatever its level:
  // a city's 规章 has the level of a rule the reporting government might make itself.
  const isOwn = sql`(d.source_key is null and d.level not in (${sql.join(
    REPRINTED_LEVELS.map((l) => sql`${l}`),
    sql`, `,
  )}))`;
  const isRule = sql`d.level = '地方政府规章'`;
  const isNormative = sql`(d.kind = 'normative' and not ${isRule})`;
  const madeIn = sql`d.written_at between ${start}::date and ${end}::date`;
  // 本年废止: only real endings (失效, 废止) have a 废止日期; an amendment has its 修改日期 instead.
  const repealedIn = sql`(d.repealed_at between ${start}::date and ${end}::date and d.ends_as in ('invalid', 'repealed'))`;
  // 现行有效: in force at the end of Y. 已修改 is in force as amended (only 失效 and 废止 end a
  // document), so it counts, whether the amendment came from an amending document or was entered.
  const validAtEnd = sql`(coalesce(d.written_at, d.published_at) <= ${end}::date
    and (case when d.repealed_at is not null and d.repealed_at <= ${end}::date then d.ends_as else d.validity end)
      in ('valid', 'amended'))`;
  const [row] = await selectRows<TDocumentCountRow>(
    db,
    sql`select
          (count(*) filter (where ${isRule} and ${madeIn}))::int as rules_made,
          (count(*) filter (where ${isRule} and ${repealedIn}))::int as rules_repealed,
          (count(*) filter (where ${isRule} and ${validAtEnd}))::int as rules_valid,
          (count(*) filter (where ${isNormative} and ${madeIn}))::int as normative_made,
          (count(*) filter (where ${isNormative} and ${repealedIn}))::int as normative_repealed,
          (count(*) filter (where ${isNormative} and ${validAtEnd}))::int as normative_valid
        from documents d
        where ${owner} and ${isOwn} and d.status = 'published' and (d.kind = 'normative' or ${isRule})`,
  );
  return (
    row ?? {
      rules_made: 0,
      rules_repealed: 0,
      rules_valid: 0,
      normative_made: 0,
      normative_repealed: 0,
      normative_valid: 0,
    }
  );
}

export type TPlanTaskRow = {
  plan_id: number;
  title: string;
  status: string;
  due_date: string | null;
  ongoing: boolean;
};

/** The tasks of the year's latest work plan; for a unit, only the tasks it is named in. */
export function planTasks(db: Db, year: number, unitId: number | null): Promise<TPlanTaskRow[]> {
  const named =
    unitId === null
      ? sql`true`
      : sql`exists (select 1 from ledger_task_units tu where tu.task_id = t.id and tu.unit_id = ${unitId})`;
  return selectRows<TPlanTaskRow>(
    db,
    sql`select p.id as plan_id, p.title, t.status, t.due_date::text as due_date, t.ongoing
        from ledger_tasks t join ledger_plans p on p.id = t.plan_id
        where p.id = (select id from ledger_plans where year = ${year} order by issued_at desc, id desc limit 1)
          and ${named}`,
  );
}

const reportKey = (year: number, unitId: number | null) =>
  and(
    eq(annualReports.year, year),
    unitId === null ? isNull(annualReports.unitId) : eq(annualReports.unitId, unitId),
  );

/** The stored report of a year and unit (null: the district government's own). */
export async function findReport(
  db: Db,
  year: number,
  unitId: number | null,
): Promise<TAnnualReportRow | undefined> {
  const [row] = await db.select().from(annualReports).where(reportKey(year, unitId));
  return row;
}

/** The same, locked for a change in the caller's transaction. */
export async function lockReport(
  db: Db,
  year: number,
  unitId: number | null,
): Promise<TAnnualReportRow | undefined> {
  const [row] = await db.select().from(annualReports).where(reportKey(year, unitId)).for("update");
  return row;
}

export async function insertReport(db: Db, v: typeof annualReports.$inferInsert): Promise<TAnnualReportRow> {
  const [row] = await db.insert(annualReports).values(v).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateReport(
  db: Db,
  id: number,
  v: Partial<typeof annualReports.$inferInsert>,
): Promise<TAnnualReportRow> {
  const [row] = await db
    .update(annualReports)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(annualReports.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

/** Every stored report of a year, for the overview of units. */
export function reportsOfYear(db: Db, year: number): Promise<TAnnualReportRow[]> {
  return db.select().from(annualReports).where(eq(annualReports.year, year));
}
