import type { Db } from "../../platform/db";
import { loadWorkCalendar, todayInChina } from "../calendar";
import { clockOf } from "./compute-due-date";
import { actionsOf, requestsInState, updateRequestRow } from "./requests.repository";

/**
 * A paused request's stored due date is the one it would have if the pause ended that day, so it
 * moves on with every paused working day; lists, the board and the report read the stored date.
 * Brings them up to `today`. Returns how many changed. Nothing a person did, so nothing is audited.
 */
export async function refreshPausedDueDates(db: Db, today = todayInChina()): Promise<number> {
  const calendar = await loadWorkCalendar(db);
  let changed = 0;
  for (const r of await requestsInState(db, "paused")) {
    const clock = clockOf(r, await actionsOf(db, r.id), calendar, today);
    if (clock.dueDate === r.dueDate && clock.isProvisional === r.dueDateProvisional) continue;
    await updateRequestRow(db, r.id, { dueDate: clock.dueDate, dueDateProvisional: clock.isProvisional });
    changed++;
  }
  return changed;
}
