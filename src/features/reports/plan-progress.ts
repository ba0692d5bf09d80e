import type { Db } from "../../platform/db";
import { TASK_STATUS_LABELS as STATUS_LABELS, type TTaskStatus, taskStatus } from "../ledger";
import { planTasks } from "./reports.repository";
import type { TPlanProgress } from "./reports.schemas";

const STATUS_ORDER: TTaskStatus[] = ["done", "in_progress", "not_started", "ongoing", "overdue"];

/**
 * How far the year's work plan has come (task 64), counted by status on `asOf`; null when no plan of
 * that year was imported into the ledger.
 */
export async function planProgress(
  db: Db,
  year: number,
  unitId: number | null,
  asOf: string,
): Promise<TPlanProgress | null> {
  const tasks = await planTasks(db, year, unitId);
  const first = tasks[0];
  if (!first) return null;
  const counts = new Map<string, number>();
  for (const t of tasks) {
    const s = taskStatus({ status: t.status, dueDate: t.due_date, ongoing: t.ongoing }, asOf);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return {
    planId: first.plan_id,
    title: first.title,
    total: tasks.length,
    byStatus: STATUS_ORDER.filter((s) => counts.has(s)).map((s) => ({
      status: s,
      label: STATUS_LABELS[s],
      count: counts.get(s) ?? 0,
    })),
  };
}

/** The sentence a report prints in 六 about the plan's progress. */
export function planProgressText(year: number, p: TPlanProgress): string {
  const parts = p.byStatus.map((s) => `${s.label} ${s.count} 项`).join("，");
  return `${year}年政务公开工作要点（${p.title}）共分解任务 ${p.total} 项：${parts}。`;
}
