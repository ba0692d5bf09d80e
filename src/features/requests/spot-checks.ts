import { createHash, randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, gte, lte, sql } from "drizzle-orm";
import { integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { day, jsonValue } from "../../platform/db/columns";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
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

/** What a checker looks at in each drawn case; the score is the share of items met. */
export const CHECKLIST = {
  onTime: "在法定期限内答复",
  letterComplete: "告知书要素齐全（决定、理由、依据、救济途径）",
  outcomeRight: "处理结果定性准确",
  deliveryRecorded: "送达记录完整",
  contactRecorded: "与申请人的沟通有记录",
} as const;
type TChecklistKey = keyof typeof CHECKLIST;

export const ZDrawBody = z
  .object({
    closedFrom: z.iso.date(),
    closedTo: z.iso.date(),
    sampleSize: z.number().int().min(1).max(500),
    unitId: z.number().int().positive().optional(),
    seed: z.string().trim().min(4).max(64).optional(),
  })
  .refine((v) => v.closedTo >= v.closedFrom, { path: ["closedTo"], message: "截止日期不能早于起始日期。" });

export const ZScoreBody = z.object({
  checklist: z.record(z.enum(Object.keys(CHECKLIST) as [TChecklistKey]), z.boolean()),
  comment: z.string().trim().max(2000).optional().default(""),
});

/** A deterministic generator from a seed (mulberry32 over the seed's SHA-256), so a draw can be repeated. */
function seededRandom(seed: string): () => number {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws `size` of the ids (kept in ascending order as the population) with a seeded partial shuffle. */
export function drawSample(population: number[], size: number, seed: string): number[] {
  const pool = [...population].sort((a, b) => a - b);
  const random = seededRandom(seed);
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
  }
  return pool.slice(0, n);
}

async function population(db: Db, from: string, to: string, unitId?: number): Promise<number[]> {
  const cond = [eq(requests.status, "concluded"), gte(requests.closedAt, from), lte(requests.closedAt, to)];
  if (unitId) cond.push(eq(requests.unitId, unitId));
  const rows = await db
    .select({ id: requests.id })
    .from(requests)
    .where(and(...cond))
    .orderBy(asc(requests.id));
  return rows.map((r) => r.id);
}

/** Draws and records a spot check of concluded requests; the seed is kept so anyone can redo the draw. */
export async function drawSpotCheck(db: Db, actor: TActor, body: z.infer<typeof ZDrawBody>) {
  const seed = body.seed ?? randomBytes(8).toString("hex");
  return db.transaction(async (tx) => {
    const ids = await population(tx, body.closedFrom, body.closedTo, body.unitId);
    if (ids.length === 0) throw new AppError("unprocessable", "该期间没有已办结的申请可供抽查。");
    const sample = drawSample(ids, body.sampleSize, seed);
    const [check] = await tx
      .insert(spotChecks)
      .values({
        ...body,
        unitId: body.unitId ?? null,
        seed,
        populationCount: ids.length,
        drawnBy: actor.name,
      })
      .returning();
    if (!check) throw new Error("insert returned no row");
    await tx
      .insert(spotCheckItems)
      .values(sample.map((requestId, position) => ({ spotCheckId: check.id, requestId, position })));
    await recordAudit(tx, actor, {
      action: "spot_check.draw",
      entity: "spot_check",
      entityId: check.id,
      after: { ...check, sample },
    });
    return { ...check, sample };
  });
}

/** Draws again from the recorded seed and period: true when the recorded sample is what the seed gives. */
export async function verifyDraw(db: Db, id: number): Promise<boolean> {
  const [check] = await db.select().from(spotChecks).where(eq(spotChecks.id, id));
  if (!check) throw new AppError("not_found", MSG.notFound);
  const items = await db
    .select()
    .from(spotCheckItems)
    .where(eq(spotCheckItems.spotCheckId, id))
    .orderBy(asc(spotCheckItems.position));
  const again = drawSample(
    await population(db, check.closedFrom, check.closedTo, check.unitId ?? undefined),
    check.sampleSize,
    check.seed,
  );
  return JSON.stringify(again) === JSON.stringify(items.map((i) => i.requestId));
}

/** Scores one drawn case by the checklist; audited. */
export async function scoreItem(
  db: Db,
  actor: TActor,
  id: number,
  requestId: number,
  body: z.infer<typeof ZScoreBody>,
) {
  const keys = Object.keys(CHECKLIST) as TChecklistKey[];
  const missing = keys.filter((k) => body.checklist[k] === undefined);
  if (missing.length)
    throw new AppError("validation_failed", MSG.validation, {
      issues: missing.map((k) => ({ path: `checklist.${k}`, message: `请判断：${CHECKLIST[k]}。` })),
    });
  const score = Math.round((keys.filter((k) => body.checklist[k]).length / keys.length) * 100);
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(spotCheckItems)
      .set({
        checklist: body.checklist,
        score,
        comment: body.comment,
        scoredBy: actor.name,
        scoredAt: new Date(),
      })
      .where(and(eq(spotCheckItems.spotCheckId, id), eq(spotCheckItems.requestId, requestId)))
      .returning();
    if (!after) throw new AppError("not_found", MSG.notFound);
    await recordAudit(tx, actor, { action: "spot_check.score", entity: "spot_check", entityId: id, after });
    return after;
  });
}

/** A spot check with its cases and the average score per unit. */
export async function readSpotCheck(db: Db, id: number) {
  const [check] = await db.select().from(spotChecks).where(eq(spotChecks.id, id));
  if (!check) throw new AppError("not_found", MSG.notFound);
  const items = await db
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
  const byUnit = await db
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
  return { ...check, items, byUnit };
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
