import type { WorkCalendar } from "./working-days";

/**
 * What staff are told about a statutory date that has passed, so it never reads as one still to
 * come: how many working days ago (the days counted after it), or, when none has run yet (the date
 * fell on a Friday and today is Saturday), the day it fell due. Null for today and later dates.
 */
export function passedDateNote(date: string, today: string, calendar: WorkCalendar): string | null {
  if (date >= today) return null;
  const late = calendar.workdaysBetween(date, today);
  return late > 0 ? `已过期 ${late} 个工作日` : `已于 ${date} 到期`;
}
