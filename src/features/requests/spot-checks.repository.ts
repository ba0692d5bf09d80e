import { and, asc, count, desc, eq, gte, lte, sql } from "drizzle-orm";
import { integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import type { Db } from "../../platform/db";
import { day, jsonValue } from "../../platform/db/columns";
import { requests } from "./requests.tables";

const spotChecks = pgTable("spot_checks", {
  id: serial("id").primaryKey(),
  closedFrom: day("closed_from").notNull(),
  closedTo: day("closed_to").notNull(),
  unitId: integer("unit_id"),
  seed: text("seed").notNull(),
  sampleSize: integer("sample_size").notNull(),
  populationCount: integer("population_count").notNull(),
  drawnBy: text("drawn_by").notNull(),
  drawnAt: timestamp("drawn_at", { withTimezone: true }).notNull().defaultNow(),
});
const spotCheckItems = pgTable("spot_check_items", {
  spotCheckId: integer("spot_check_id").notNull(),
  requestId: integer("request_id").notNull(),
  position: integer("position").notNull(),
  checklist: jsonValue<Record<string, boolean>>("checklist"),
  score: integer("score"),
  comment: text("comment").notNull().default(""),
  scoredBy: text("scored_by"),
  scoredAt: timestamp("scored_at", { withTimezone: true }),
});

/** The ids of requests concluded in the period (and unit), ascending: the population of a draw. */
export async function concludedRequestIds(db: Db, from: string, to: string, unitId?: number) {
  const cond = [eq(requests.status, "concluded"), gte(requests.closedAt, from), lte(requests.closedAt, to)];
  if (unitId) cond.push(eq(requests.unitId, unitId));
  const rows = await db
    .select({ id: requests.id })
    .from(requests)
    .where(and(...cond))
    .orderBy(asc(requests.id));
  return rows.map((r) => r.id);
}

/** Records a draw and its sample, in the caller's transaction. */
export async function insertSpotCheck(
  tx: Db,
  v: typeof spotChecks.$inferInsert,
  sample: number[],
): Promise<typeof spotChecks.$inferSelect> {
  const [check] = await tx.insert(spotChecks).values(v).returning();
  if (!check) throw new Error("insert returned no row");
  await tx
    .insert(spotCheckItems)
    .values(sample.map((requestId, position) => ({ spotCheckId: check.id, requestId, position })));
  return check;
}

export async function findSpotCheck(db: Db, id: number) {
  const [check] = await db.select().from(spotChecks).where(eq(spotChecks.id, id));
  return check;
}

/** The drawn request ids in the order they were drawn. */
export async function sampleOf(db: Db, id: number): Promise<number[]> {
  const items = await db
    .select({ requestId: spotCheckItems.requestId })
    .from(spotCheckItems)
    .where(eq(spotCheckItems.spotCheckId, id))
    .orderBy(asc(spotCheckItems.position));
  return items.map((i) => i.requestId);
}

export async function updateItemScore(
  tx: Db,
  id: number,
  requestId: number,
  v: Partial<typeof spotCheckItems.$inferInsert>,
) {
  const [after] = await tx
    .update(spotCheckItems)
    .set(v)
    .where(and(eq(spotCheckItems.spotCheckId, id), eq(spotCheckItems.requestId, requestId)))
    .returning();
  return after;
}

/** A draw's cases in drawn order, with each request's receipt number and unit. */
export async function itemsOf(db: Db, id: number) {
  return db
    .select({
      requestId: spotCheckItems.requestId,
      receiptNo: requests.receiptNo,
      unitId: requests.unitId,
      score: spotCheckItems.score,
      checklist: spotCheckItems.checklist,
      comment: spotCheckItems.comment,
    })
    .from(spotCheckItems)
    .innerJoin(requests, eq(requests.id, spotCheckItems.requestId))
    .where(eq(spotCheckItems.spotCheckId, id))
    .orderBy(asc(spotCheckItems.position));
}

/** Per unit: the draw's cases, how many are scored and their average score. */
export async function scoresByUnit(db: Db, id: number) {
  return db
    .select({
      unitId: requests.unitId,
      cases: sql<number>`count(*)::int`,
      scored: sql<number>`count(${spotCheckItems.score})::int`,
      averageScore: sql<number | null>`round(avg(${spotCheckItems.score}), 1)::float`,
    })
    .from(spotCheckItems)
    .innerJoin(requests, eq(requests.id, spotCheckItems.requestId))
    .where(eq(spotCheckItems.spotCheckId, id))
    .groupBy(requests.unitId);
}

/** Every draw, newest first, with how many of its cases are scored. */
export async function listSpotChecks(db: Db) {
  return db
    .select({
      id: spotChecks.id,
      closedFrom: spotChecks.closedFrom,
      closedTo: spotChecks.closedTo,
      unitId: spotChecks.unitId,
      seed: spotChecks.seed,
      sampleSize: spotChecks.sampleSize,
      populationCount: spotChecks.populationCount,
      drawnBy: spotChecks.drawnBy,
      drawnAt: spotChecks.drawnAt,
      cases: count(spotCheckItems.spotCheckId),
      scored: count(spotCheckItems.score),
    })
    .from(spotChecks)
    .leftJoin(spotCheckItems, eq(spotCheckItems.spotCheckId, spotChecks.id))
    .groupBy(spotChecks.id)
    .orderBy(desc(spotChecks.id));
}
