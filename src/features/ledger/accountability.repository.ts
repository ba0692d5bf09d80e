// SQL of the public accountability of the plan: which plans or sections the office made public.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../platform/db";
import { ledgerPlans, ledgerPublicParts } from "./ledger.tables";

export type TPublicPart = typeof ledgerPublicParts.$inferSelect;

export async function publicPartsOf(db: Db, planId: number): Promise<TPublicPart[]> {
  return db
    .select()
    .from(ledgerPublicParts)
    .where(eq(ledgerPublicParts.planId, planId))
    .orderBy(asc(ledgerPublicParts.id));
}

/** Every public part, with its plan's title and year. */
export async function allPublicParts(db: Db) {
  return db
    .select({ part: ledgerPublicParts, title: ledgerPlans.title, year: ledgerPlans.year })
    .from(ledgerPublicParts)
    .innerJoin(ledgerPlans, eq(ledgerPlans.id, ledgerPublicParts.planId))
    .orderBy(asc(ledgerPlans.year), asc(ledgerPublicParts.planId), asc(ledgerPublicParts.id));
}

export async function insertPublicPart(db: Db, planId: number, section: string | null, by: string) {
  const [row] = await db
    .insert(ledgerPublicParts)
    .values({ planId, section, publishedBy: by })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function deletePublicPart(db: Db, planId: number, section: string | null) {
  const rows = await db
    .delete(ledgerPublicParts)
    .where(
      and(
        eq(ledgerPublicParts.planId, planId),
        section === null ? isNull(ledgerPublicParts.section) : eq(ledgerPublicParts.section, section),
      ),
    )
    .returning();
  return rows[0];
}
