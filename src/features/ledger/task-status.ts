// Who is responsible for a task and how far it has come. Pure: the caller passes the task's unit
// references, the current units and the reports. Collective references ("区政府各部门") are expanded
// against the units of today, so a unit created after the plan was imported is still covered.

import { expandCollective, isCollective } from "./resolve-units";

export type TTaskRef = { role: string; unitId: number | null; collective: string | null };
export type TUnitLike = { id: number; kind: string; isActive: boolean };
export type TReportLike = { unitId: number; status: string; isComplete: boolean };
export type TStoredStatus = "not_started" | "in_progress" | "done";
export type TTaskStatus = TStoredStatus | "overdue" | "ongoing";

export const STATUS_LABELS: Record<TTaskStatus, string> = {
  not_started: "未开始",
  in_progress: "推进中",
  done: "已完成",
  overdue: "已逾期",
  ongoing: "长期坚持",
};

export const STATUS_ORDER: TTaskStatus[] = ["not_started", "in_progress", "done", "overdue", "ongoing"];

/** The units responsible for a task, each with its role; a unit named as lead and in a support collective leads. */
export function responsibleUnits(refs: TTaskRef[], units: TUnitLike[]): Map<number, "lead" | "support"> {
  const out = new Map<number, "lead" | "support">();
  const add = (id: number, role: string) => {
    if (out.get(id) !== "lead") out.set(id, role === "lead" ? "lead" : "support");
  };
  for (const r of refs) {
    if (r.unitId !== null) add(r.unitId, r.role);
    if (isCollective(r.collective)) for (const id of expandCollective(r.collective, units)) add(id, r.role);
  }
  return out;
}

/** Whether this unit's work on the task is finished: the office accepted its report marked complete. */
export const isUnitDone = (unitId: number, reports: TReportLike[]) =>
  reports.some((r) => r.unitId === unitId && r.status === "accepted" && r.isComplete);

/**
 * The stored status after a report or a review: not started without reports, done once every lead
 * unit (every responsible unit when none leads) has a completion report the office accepted.
 */
export function progressStatus(
  responsible: Map<number, "lead" | "support">,
  reports: TReportLike[],
): TStoredStatus {
  if (reports.length === 0) return "not_started";
  const leads = [...responsible].filter(([, role]) => role === "lead").map(([id]) => id);
  const owners = leads.length ? leads : [...responsible.keys()];
  const isDone = owners.length
    ? owners.every((id) => isUnitDone(id, reports))
    : reports.some((r) => r.status === "accepted" && r.isComplete);
  return isDone ? "done" : "in_progress";
}

/**
 * A task's status as shown. Overdue is derived from the due date, never stored; a 长期坚持 task
 * whose date has passed is ongoing rather than overdue.
 */
export function taskStatus(
  t: { status: string; dueDate: string | null; ongoing?: boolean },
  today: string,
): TTaskStatus {
  const stored = (t.status === "ongoing" ? "in_progress" : t.status) as TStoredStatus;
  if (stored === "done") return "done";
  if (t.dueDate && t.dueDate < today) return t.ongoing ? "ongoing" : "overdue";
  return stored;
}

/** One unit's standing on one task, for the board by unit. */
export function unitStanding(
  unitId: number,
  task: { dueDate: string | null; ongoing: boolean },
  reports: TReportLike[],
  today: string,
) {
  const own = reports.filter((r) => r.unitId === unitId);
  const isDone = isUnitDone(unitId, own);
  return {
    isDone,
    isAwaitingReview: own.some((r) => r.status === "submitted"),
    isOverdue: !isDone && !task.ongoing && task.dueDate !== null && task.dueDate < today,
    hasReport: own.length > 0,
  };
}
