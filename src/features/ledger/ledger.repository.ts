import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import type { Db } from "../../platform/db";
import {
  ledgerPlans,
  ledgerReportEvidence,
  ledgerReports,
  ledgerTasks,
  ledgerTaskUnits,
} from "./ledger.tables";

// The documents a report may cite: read-only, published ones only.
const documents = pgTable("documents", {
  id: integer("id").notNull(),
  title: text("title").notNull(),
  status: text("status").notNull(),
});

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
  return db
    .select({ e: ledgerReportEvidence, documentTitle: documents.title })
    .from(ledgerReportEvidence)
    .leftJoin(documents, eq(documents.id, ledgerReportEvidence.documentId))
    .where(inArray(ledgerReportEvidence.reportId, reportIds))
    .orderBy(asc(ledgerReportEvidence.id))
    .then((rows) => rows.map((x) => ({ ...x.e, documentTitle: x.documentTitle })));
}

/** Which of these documents are published, with their titles. */
export async function publishedDocuments(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: documents.id, title: documents.title })
    .from(documents)
    .where(and(inArray(documents.id, ids), eq(documents.status, "published")));
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
