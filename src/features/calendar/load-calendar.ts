import { createDbCache } from "../../platform/cache";
import type { Db } from "../../platform/db";
import { listYears } from "./calendar.repository";
import { WorkCalendar } from "./working-days";

// Every deadline computation needs the calendar, and it changes a few times a year.
const cache = createDbCache<WorkCalendar>(60_000);

/** The working-day calendar with every loaded year. */
export function loadWorkCalendar(db: Db): Promise<WorkCalendar> {
  return cache.get(db, async () => new WorkCalendar(await listYears(db)));
}

export function invalidateCalendar(db: Db): void {
  cache.invalidate(db);
}
