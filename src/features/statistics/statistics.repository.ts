import { type SQL, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../platform/db";

// The only place with SQL for the public statistics. Each figure is one grouped count over a year,
// so the page costs a handful of queries however many requests and documents there are. Nothing
// selected here names or identifies an applicant: only months, units, codes and counts.

const yearStart = (year: number) => `${year}-01-01`;
const yearEnd = (year: number) => `${year}-12-31`;

/** A unit filter on a unit id column; null means every unit. */
const ofUnit = (column: SQL, unitId: number | null): SQL =>
  unitId === null ? sql`true` : sql`${column} = ${unitId}`;

export type TRequestMonthRow = {
  month: number;
  received: number;
  on_time: number;
  late: number;
  open_overdue: number;
  open_in_time: number;
  untimed: number;
};

/**
 * Requests received in each month of the year (by the assigned unit), split by how they stand
 * against their statutory due date: the due date stored with each request is the one the clock
 * (computeClock) derived from its recorded actions, extensions and pauses included, so a reply on
 * or before it was in time. A request still open is judged against `asOf`. A request that ended
 * without its clock ever running (no due date, e.g. never corrected) is "untimed".
 */
export function requestsByMonth(db: Db, year: number, unitId: number | null, asOf: string) {
  return selectRows<TRequestMonthRow>(
    db,
    sql`select extract(month from r.received_at)::int as month,
          count(*)::int as received,
          (count(*) filter (where r.closed_at is not null and r.closed_at <= r.due_date))::int as on_time,
          (count(*) filter (where r.closed_at is not null and r.closed_at > r.due_date))::int as late,
          (count(*) filter (where r.closed_at is null and r.due_date < ${asOf}::date))::int as open_overdue,
          (count(*) filter (where r.closed_at is null and (r.due_date is null or r.due_date >= ${asOf}::date)))::int as open_in_time,
          (count(*) filter (where r.closed_at is not null and r.due_date is null))::int as untimed
        from requests r
        where ${ofUnit(sql`r.unit_id`, unitId)}
          and r.received_at between ${yearStart(year)}::date and ${yearEnd(year)}::date
        group by 1 order by 1`,
  );
}

export type TDocumentUnitMonthRow = {
  unit_id: number;
  month: number;
  published: number;
  late: number;
  undated: number;
};

/**
 * Documents published in the year (by 发布日期), per publishing unit and month, with those published
 * after their 应公开日期 (20 working days from 成文日期, Art. 26; stored as publish_due when the
 * document is saved or imported) and those without one (no 成文日期, so lateness cannot be judged).
 */
export function documentsByUnitMonth(db: Db, year: number, unitId: number | null) {
  return selectRows<TDocumentUnitMonthRow>(
    db,
    sql`select d.unit_id, extract(month from d.published_at)::int as month,
          count(*)::int as published,
          (count(*) filter (where d.published_at > d.publish_due))::int as late,
          (count(*) filter (where d.publish_due is null))::int as undated
        from documents d
        where d.status = 'published' and ${ofUnit(sql`d.unit_id`, unitId)}
          and d.published_at between ${yearStart(year)}::date and ${yearEnd(year)}::date
        group by 1, 2 order by 1, 2`,
  );
}
