import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../platform/db";
import { ledgerPlans, ledgerTasks, ledgerTaskUnits } from "./ledger.tables";

export async function findPlan(db: Db, id: number) {
  const [row] = await db.select().from(ledgerPlans).where(eq(ledgerPlans.id, id));
  return row;
}

export async function listPlans(db: Db) {
  return db.select().from(ledgerPlans).orderBy(asc(ledgerPlans.id));
}

/** A plan's tasks in order, each with its responsible units. */
export async function tasksOf(db: Db, planId: number) {
  const tasks = await db
    .select()
    .from(ledgerTasks)
    .where(eq(ledgerTasks.planId, planId))
    .orderBy(asc(ledgerTasks.no));
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
