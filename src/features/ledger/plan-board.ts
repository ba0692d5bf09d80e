// The plan's boards: tasks counted by section and status, and each unit's standing (tasks, done,
// overdue, awaiting review). A unit user sees only the tasks and the rows of its own units.

import {
  can,
  isInUnitScope,
  type TPrincipal,
  type TUnitScope,
  unitScope,
} from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { listUnits, type TUnitRow } from "../org";
import { reportsOfPlan, type TReportRow, type TTaskWithUnits, tasksOf } from "./ledger.repository";
import { responsibleUnits, STATUS_ORDER, type TTaskStatus, taskStatus, unitStanding } from "./task-status";

export type TBoardTask = TTaskWithUnits & {
  shownStatus: TTaskStatus;
  responsible: Map<number, "lead" | "support">;
  reports: TReportRow[];
};

export type TUnitRowOfBoard = {
  unit: TUnitRow;
  tasks: number;
  done: number;
  overdue: number;
  awaitingReview: number;
  /** The tasks this unit has not finished although their date has passed. */
  overdueTasks: TBoardTask[];
};

/** Everything the plan's pages show, computed from the tasks, the current units and the reports. */
export async function planBoard(db: Db, planId: number, today: string, p?: TPrincipal) {
  const units = await listUnits(db);
  const reports = await reportsOfPlan(db, planId);
  const scope: TUnitScope = !p || can(p, "ledger.manage") ? "all" : unitScope(p, "ledger.report");
  const inScope = (id: number) => isInUnitScope(scope, id);
  const tasks: TBoardTask[] = (await tasksOf(db, planId))
    .map((t) => ({
      ...t,
      shownStatus: taskStatus(t, today),
      responsible: responsibleUnits(t.units, units),
      reports: reports.filter((r) => r.taskId === t.id),
    }))
    .filter((t) => scope === "all" || [...t.responsible.keys()].some(inScope));

  const sections = new Map<string, Record<TTaskStatus, number> & { total: number }>();
  for (const t of tasks) {
    const row =
      sections.get(t.section) ??
      (Object.fromEntries([...STATUS_ORDER.map((s) => [s, 0]), ["total", 0]]) as Record<
        TTaskStatus,
        number
      > & {
        total: number;
      });
    row[t.shownStatus]++;
    row.total++;
    sections.set(t.section, row);
  }

  const byUnit: TUnitRowOfBoard[] = [];
  for (const unit of units.filter((u) => inScope(u.id))) {
    const row: TUnitRowOfBoard = { unit, tasks: 0, done: 0, overdue: 0, awaitingReview: 0, overdueTasks: [] };
    for (const t of tasks) {
      if (!t.responsible.has(unit.id)) continue;
      const s = unitStanding(unit.id, t, t.reports, today);
      row.tasks++;
      if (s.isDone) row.done++;
      if (s.isAwaitingReview) row.awaitingReview++;
      if (s.isOverdue) {
        row.overdue++;
        row.overdueTasks.push(t);
      }
    }
    if (row.tasks > 0) byUnit.push(row);
  }
  return {
    tasks,
    units,
    bySection: [...sections].map(([section, counts]) => ({ section, ...counts })),
    byUnit,
  };
}

export type TPlanBoard = Awaited<ReturnType<typeof planBoard>>;
