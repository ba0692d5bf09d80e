// The board: per unit, items with a clock running, due within the hour and overdue; and the running
// items themselves, most urgent first, each clock with its state and time left.

import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { listUnits } from "../org";
import { opinionScope } from "./access";
import { clockState, type TClockState } from "./compute-clocks";
import { boardCounts, listRunning } from "./opinions.repository";
import type { TOpinionRow } from "./opinions.tables";

export type TBoardUnit = {
  unitId: number | null;
  unitName: string;
  open: number;
  dueWithinHour: number;
  overdue: number;
};

/** Counts by unit in the caller's scope, the units with the most overdue first. */
export async function boardByUnit(db: Db, p: TPrincipal, now: Date): Promise<TBoardUnit[]> {
  const [counts, units] = await Promise.all([boardCounts(db, opinionScope(p), now), listUnits(db)]);
  const nameOf = new Map(units.map((u) => [u.id, u.name]));
  return counts
    .map((c) => ({ ...c, unitName: c.unitId ? (nameOf.get(c.unitId) ?? "") : "（未指定单位）" }))
    .sort(
      (a, b) =>
        b.overdue - a.overdue ||
        b.dueWithinHour - a.dueWithinHour ||
        b.open - a.open ||
        a.unitName.localeCompare(b.unitName, "zh"),
    );
}

export type TClockView = {
  kind: "release" | "press_conference" | "response";
  dueAt: Date;
  doneAt: Date | null;
  state: TClockState;
};

/** The clocks that apply to an item, with their state at `now`. */
export function clocksOf(row: TOpinionRow, now: Date): TClockView[] {
  const out: TClockView[] = [];
  const add = (kind: TClockView["kind"], dueAt: Date | null, doneAt: Date | null) => {
    if (dueAt) out.push({ kind, dueAt, doneAt, state: clockState(dueAt, doneAt, now) });
  };
  add("release", row.releaseDueAt, row.releasedAt);
  add("press_conference", row.pressConferenceDueAt, row.pressConferenceAt);
  add("response", row.responseDueAt, row.respondedAt);
  return out;
}

/** The running items of the caller's units (or one of them), most urgent first. */
export async function runningItems(db: Db, p: TPrincipal, opts: { unitId?: number; limit?: number } = {}) {
  return listRunning(db, opinionScope(p), { unitId: opts.unitId, limit: opts.limit ?? 200 });
}
