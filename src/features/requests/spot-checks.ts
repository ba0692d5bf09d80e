import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { zId } from "../../platform/validation";
import {
  concludedRequestIds,
  findSpotCheck,
  insertSpotCheck,
  itemsOf,
  sampleOf,
  scoresByUnit,
  updateItemScore,
} from "./spot-checks.repository";

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
    unitId: zId.optional(),
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

/** Draws and records a spot check of concluded requests; the seed is kept so anyone can redo the draw. */
export async function drawSpotCheck(db: Db, actor: TActor, body: z.infer<typeof ZDrawBody>) {
  const seed = body.seed ?? randomBytes(8).toString("hex");
  return db.transaction(async (tx) => {
    const ids = await concludedRequestIds(tx, body.closedFrom, body.closedTo, body.unitId);
    if (ids.length === 0) throw new AppError("unprocessable", "该期间没有已办结的申请可供抽查。");
    const sample = drawSample(ids, body.sampleSize, seed);
    const check = await insertSpotCheck(
      tx,
      { ...body, unitId: body.unitId ?? null, seed, populationCount: ids.length, drawnBy: actor.name },
      sample,
    );
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
  const check = await findSpotCheck(db, id);
  if (!check) throw new AppError("not_found", MSG.notFound);
  const again = drawSample(
    await concludedRequestIds(db, check.closedFrom, check.closedTo, check.unitId ?? undefined),
    check.sampleSize,
    check.seed,
  );
  return JSON.stringify(again) === JSON.stringify(await sampleOf(db, id));
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
    const after = await updateItemScore(tx, id, requestId, {
      checklist: body.checklist,
      score,
      comment: body.comment,
      scoredBy: actor.name,
      scoredAt: new Date(),
    });
    if (!after) throw new AppError("not_found", MSG.notFound);
    await recordAudit(tx, actor, { action: "spot_check.score", entity: "spot_check", entityId: id, after });
    return after;
  });
}

/** A spot check with its cases and the average score per unit. */
export async function readSpotCheck(db: Db, id: number) {
  const check = await findSpotCheck(db, id);
  if (!check) throw new AppError("not_found", MSG.notFound);
  return { ...check, items: await itemsOf(db, id), byUnit: await scoresByUnit(db, id) };
}

export { listSpotChecks } from "./spot-checks.repository";
