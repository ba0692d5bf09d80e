import { asc, eq, sql } from "drizzle-orm";
import { integer, boolean as pgBoolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { Db } from "../../platform/db";
import type { TYearSchedule } from "./working-days";

const calendarYears = pgTable("calendar_years", {
  year: integer("year").primaryKey(),
  // Read as text so that both drivers hand back plain YYYY-MM-DD strings.
  holidays: text("holidays").array().notNull(),
  workdays: text("workdays").array().notNull(),
  official: pgBoolean("official").notNull(),
  source: text("source").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

export type TCalendarYear = TYearSchedule & { source: string };

export async function listYears(db: Db): Promise<TCalendarYear[]> {
  const rows = await db
    .select({
      year: calendarYears.year,
      holidays: sql<string[]>`${calendarYears.holidays}::text[]`,
      workdays: sql<string[]>`${calendarYears.workdays}::text[]`,
      official: calendarYears.official,
      source: calendarYears.source,
    })
    .from(calendarYears)
    .orderBy(asc(calendarYears.year));
  return rows.map((r) => ({ ...r, holidays: [...r.holidays].sort(), workdays: [...r.workdays].sort() }));
}

export async function findYear(db: Db, year: number): Promise<TCalendarYear | undefined> {
  return (await listYears(db)).find((y) => y.year === year);
}

export async function upsertYear(db: Db, y: TCalendarYear): Promise<void> {
  const holidays = sql`${`{${y.holidays.join(",")}}`}::date[]`;
  const workdays = sql`${`{${y.workdays.join(",")}}`}::date[]`;
  await db.execute(sql`
    insert into calendar_years (year, holidays, workdays, official, source, updated_at)
    values (${y.year}, ${holidays}, ${workdays}, ${y.official}, ${y.source}, now())
    on conflict (year) do update set holidays = excluded.holidays, workdays = excluded.workdays,
      official = excluded.official, source = excluded.source, updated_at = now()`);
}

export async function deleteYear(db: Db, year: number): Promise<void> {
  await db.delete(calendarYears).where(eq(calendarYears.year, year));
}
