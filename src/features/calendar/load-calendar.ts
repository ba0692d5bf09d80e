import type { Db } from "../../platform/db";
import { listYears } from "./calendar.repository";
import { WorkCalendar } from "./working-days";

// Every deadline computation needs the calendar, and it changes a few times a year: keep it a
// minute per process (and drop it at once when this process saves a change).
const TTL_MS = 60_000;
const cache = new WeakMap<Db, { calendar: WorkCalendar; at: number }>();

/** The working-day calendar with every loaded year. */
export async function loadWorkCalendar(db: Db): Promise<WorkCalendar> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.calendar;
  const calendar = new WorkCalendar(await listYears(db));
  cache.set(db, { calendar, at: Date.now() });
  return calendar;
}

export function invalidateCalendar(db: Db): void {
  cache.delete(db);
}
