import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../platform/db";
import { documentTitles } from "../documents";
import {
  ledgerPlans,
  ledgerReminders,
  ledgerReportEvidence,
  ledgerReports,
  ledgerTasks,
  ledgerTaskUnits,
} from "./ledger.tables";

export type TTaskRow = typeof ledgerTasks.$inferSelect;
export type TTaskUnitRow = typeof ledgerTaskUnits.$inferSelect;
export type TReportRow = typeof ledgerReports.$inferSelect;
export type TEvidenceRow = typeof ledgerReportEvidence.$inferSelect;
export type TTaskWithUnits = TTaskRow & { units: TTaskUnitRow[] };

export async function findPlan(db: Db, id: number) {
  const [row] = await db.select().from(ledgerPlans).where(eq(ledgerPlans.id, id));
  return row;
}

export async function listPlans(db: Db) {
  return db.select().from(ledgerPlans).orderBy(asc(ledgerPlans.id));
}

async function withUnits(db: Db, tasks: TTaskRow[]): Promise<TTaskWithUnits[]> {
  const refs = tasks.length
    ? await db
        .select()
        .from(ledgerTaskUnits)
        .where(
          inArray(
            ledgerTaskUnits.taskId,
            tasks.map((t) => t.id),
          ),
        )
        .orderBy(asc(ledgerTaskUnits.id))
    : [];
  return tasks.map((t) => ({ ...t, units: refs.filter((r) => r.taskId === t.id) }));
}

/** A plan's tasks in order, each with its responsible units. */
export async function tasksOf(db: Db, planId: number): Promise<TTaskWithUnits[]> {
  const tasks = await db
    .select()
    .from(ledgerTasks)
    .where(eq(ledgerTasks.planId, planId))
    .orderBy(asc(ledgerTasks.no));
  return withUnits(db, tasks);
}

/** One task with its responsible units. */
export async function findTask(db: Db, id: number): Promise<TTaskWithUnits | undefined> {
  const [task] = await db.select().from(ledgerTasks).where(eq(ledgerTasks.id, id));
  return task ? (await withUnits(db, [task]))[0] : undefined;
}

/** Reports on the given tasks, oldest first. */
export async function reportsOf(db: Db, taskIds: number[]): Promise<TReportRow[]> {
  if (taskIds.length === 0) return [];
  return db
    .select()
    .from(ledgerReports)
    .where(inArray(ledgerReports.taskId, taskIds))
    .orderBy(asc(ledgerReports.id));
}

/** Every report on a plan's tasks. */
export async function reportsOfPlan(db: Db, planId: number): Promise<TReportRow[]> {
  return db
    .select({ r: ledgerReports })
    .from(ledgerReports)
    .innerJoin(ledgerTasks, eq(ledgerTasks.id, ledgerReports.taskId))
    .where(eq(ledgerTasks.planId, planId))
    .orderBy(asc(ledgerReports.id))
    .then((rows) => rows.map((x) => x.r));
}

export async function findReport(db: Db, id: number): Promise<TReportRow | undefined> {
  const [row] = await db.select().from(ledgerReports).where(eq(ledgerReports.id, id));
  return row;
}

/** Evidence of the given reports, with the title of each cited document. */
export async function evidenceOf(db: Db, reportIds: number[]) {
  if (reportIds.length === 0) return [];
  const rows = await db
    .select()
    .from(ledgerReportEvidence)
    .where(inArray(ledgerReportEvidence.reportId, reportIds))
    .orderBy(asc(ledgerReportEvidence.id));
  const cited = rows.flatMap((e) => (e.documentId === null ? [] : [e.documentId]));
  const titles = new Map((await documentTitles(db, [...new Set(cited)])).map((d) => [d.id, d.title]));
  return rows.map((e) => ({
    ...e,
    documentTitle: e.documentId === null ? null : (titles.get(e.documentId) ?? null),
  }));
}

/** Which of these documents are published (what a report may cite), with their titles. */
export async function publishedDocuments(db: Db, ids: number[]) {
  const found = await documentTitles(db, ids);
  return found.filter((d) => d.status === "published").map(({ id, title }) => ({ id, title }));
}

/** Reports waiting for the office, oldest first, with their task and plan. */
export async function submittedReports(db: Db) {
  return db
    .select({ report: ledgerReports, task: ledgerTasks, planTitle: ledgerPlans.title })
    .from(ledgerReports)
    .innerJoin(ledgerTasks, eq(ledgerTasks.id, ledgerReports.taskId))
    .innerJoin(ledgerPlans, eq(ledgerPlans.id, ledgerTasks.planId))
    .where(eq(ledgerReports.status, "submitted"))
    .orderBy(asc(ledgerReports.id));
}

export async function setTaskStatus(db: Db, taskId: number, status: string) {
  await db.update(ledgerTasks).set({ status }).where(eq(ledgerTasks.id, taskId));
}

/** How many tasks each plan has. */
export async function taskCounts(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .select({ planId: ledgerTasks.planId, n: sql<number>`count(*)::int` })
    .from(ledgerTasks)
    .groupBy(ledgerTasks.planId);
  return new Map(rows.map((r) => [r.planId, Number(r.n)]));
}

/** Claims the overdue reminders of these tasks for the unit before sending; returns the task ids claimed now. */
export async function claimOverdueReminders(
  db: Db,
  unitId: number,
  taskIds: number[],
  recipients: string[],
): Promise<number[]> {
  const claimed = await db
    .insert(ledgerReminders)
    .values(taskIds.map((taskId) => ({ taskId, unitId, kind: "overdue", recipients })))
    .onConflictDoNothing()
    .returning();
  return claimed.map((c) => c.taskId);
}

/** Drops claims whose message was not sent, so that the next run tries again. */
export async function dropOverdueReminders(db: Db, unitId: number, taskIds: number[]): Promise<void> {
  await db
    .delete(ledgerReminders)
    .where(
      and(
        eq(ledgerReminders.unitId, unitId),
        eq(ledgerReminders.kind, "overdue"),
        inArray(ledgerReminders.taskId, taskIds),
      ),
    );
}
