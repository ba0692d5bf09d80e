import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findYear, upsertYear } from "./calendar.repository";
import { invalidateCalendar } from "./load-calendar";
import { dayNumber } from "./working-days";

/** Saturday or Sunday; an invalid date is neither (its own issue is reported by the date check). */
function isWeekend(date: string): boolean {
  try {
    const weekday = new Date(dayNumber(date) * 86_400_000).getUTCDay();
    return weekday === 0 || weekday === 6;
  } catch {
    return false;
  }
}

const zDateList = z
  .array(z.iso.date())
  .max(60)
  .transform((list) => [...new Set(list)].sort());

/** A year's schedule: weekday holidays and worked weekend days, each inside that year. */
export const ZCalendarYearBody = z
  .object({
    year: z.number().int().min(2000).max(2100).optional(),
    holidays: zDateList,
    workdays: zDateList,
    official: z.boolean().default(true),
    source: z.string().trim().max(200).default(""),
  })
  .superRefine((v, ctx) => {
    v.holidays.forEach((d, i) => {
      if (!isWeekend(d)) return;
      ctx.addIssue({
        code: "custom",
        path: ["holidays", i],
        message: `${d} 是周末，只需登记落在工作日的假日。`,
      });
    });
    v.workdays.forEach((d, i) => {
      if (isWeekend(d) || !/^\d{4}-\d{2}-\d{2}$/.test(d)) return;
      ctx.addIssue({
        code: "custom",
        path: ["workdays", i],
        message: `${d} 不是周末，调休上班日应为周六或周日。`,
      });
    });
  });
export type TCalendarYearBody = z.infer<typeof ZCalendarYearBody>;

/** Replaces one year's schedule, checking every date belongs to that year; audited. */
export async function saveCalendarYear(db: Db, actor: TActor, year: number, body: TCalendarYearBody) {
  const issues = [
    ...body.holidays.map((d, i) => ["holidays", i, d] as const),
    ...body.workdays.map((d, i) => ["workdays", i, d] as const),
  ]
    .filter(([, , d]) => Number(d.slice(0, 4)) !== year)
    .map(([field, i, d]) => ({ path: `${field}.${i}`, message: `${d} 不在 ${year} 年。` }));
  if (body.year !== undefined && body.year !== year)
    issues.push({ path: "year", message: `与地址中的年份 ${year} 不一致。` });
  if (issues.length) throw new AppError("validation_failed", MSG.validation, { issues });
  const after = {
    year,
    holidays: body.holidays,
    workdays: body.workdays,
    official: body.official,
    source: body.source,
  };
  await db.transaction(async (tx) => {
    const before = await findYear(tx, year);
    await upsertYear(tx, after);
    await recordAudit(tx, actor, {
      action: "calendar.update",
      entity: "calendar",
      entityId: year,
      before: before ?? null,
      after,
    });
  });
  invalidateCalendar(db);
  return after;
}
