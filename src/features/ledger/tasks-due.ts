import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { listPlans } from "./ledger.repository";
import { planBoard } from "./plan-board";
import { unitStanding } from "./task-status";

export type TTaskDue = {
  taskId: number;
  planName: string;
  no: number;
  requirement: string;
  unitName: string;
  dueDate: string;
};

/**
 * Each of the caller's units' unfinished ledger tasks whose date has passed (overdue) or falls by
 * `soon`; 长期坚持 tasks and tasks closed at year end are left out, as on the board.
 */
export async function ledgerTasksDue(db: Db, p: TPrincipal, today: string, soon: string) {
  const overdue: TTaskDue[] = [];
  const dueSoon: TTaskDue[] = [];
  for (const plan of await listPlans(db)) {
    const board = await planBoard(db, plan.id, today, p);
    for (const row of board.byUnit)
      for (const t of board.tasks) {
        if (!t.responsible.has(row.unit.id) || !t.dueDate || t.ongoing || t.reviewOutcome !== null) continue;
        if (t.dueDate > soon || unitStanding(row.unit.id, t, t.reports, today).isDone) continue;
        const item = {
          taskId: t.id,
          planName: plan.title,
          no: t.no,
          requirement: t.requirement,
          unitName: row.unit.name,
          dueDate: t.dueDate,
        };
        (t.dueDate < today ? overdue : dueSoon).push(item);
      }
  }
  const byDate = (a: TTaskDue, b: TTaskDue) => a.dueDate.localeCompare(b.dueDate) || a.no - b.no;
  return { overdue: overdue.sort(byDate), dueSoon: dueSoon.sort(byDate) };
}
