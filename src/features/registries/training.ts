import { recordAudit, type TActor } from "../../platform/audit";
import type { TUnitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { todayInChina } from "../calendar";
import type { TUnitRow } from "../org";
import { insertTraining, type TTrainingSession, trainingIn } from "./registries.repository";
import type { TTrainingForm } from "./registries.schemas";
import { type TBoardRow, TRAINED_UNIT_KINDS, trainingBoard } from "./training-board";

/** Records a training session held by a unit, with its attendees and hours. */
export async function recordTraining(db: Db, actor: TActor, input: TTrainingForm): Promise<TTrainingSession> {
  return db.transaction(async (tx) => {
    const row = await insertTraining(tx, { ...input, hours: input.hours.toFixed(1) });
    await recordAudit(tx, actor, {
      action: "training.create",
      entity: "training_session",
      entityId: row.id,
      unitId: row.unitId,
      after: { ...row, attendees: row.attendees.length },
    });
    return row;
  });
}

const facts = (rows: TTrainingSession[]) =>
  rows.map((s) => ({ unitId: s.unitId, kind: s.kind, heldOn: s.heldOn, hours: Number(s.hours) }));

/** The board of task 59 for the units in scope that the rule applies to. */
export async function boardFor(
  db: Db,
  scope: TUnitScope,
  units: TUnitRow[],
  year: number,
  today = todayInChina(),
): Promise<(TBoardRow & { unitName: string })[]> {
  const kinds: readonly string[] = TRAINED_UNIT_KINDS;
  const ruled = units.filter(
    (u) => u.isActive && kinds.includes(u.kind) && (scope === "all" || scope.includes(u.id)),
  );
  const rows = trainingBoard(
    ruled.map((u) => u.id),
    facts(await trainingIn(db, scope, year)),
    year,
    today,
  );
  const names = new Map(ruled.map((u) => [u.id, u.name]));
  return rows.map((r) => ({ ...r, unitName: names.get(r.unitId) ?? "" }));
}

/**
 * For the ledger's assessment: a unit's training in a year, and whether it met the rule of at least
 * one 政务公开通识培训 (judged on `today`).
 */
export async function trainingDone(
  db: Db,
  unitId: number,
  year: number,
  today = todayInChina(),
): Promise<TBoardRow> {
  const [row] = trainingBoard([unitId], facts(await trainingIn(db, [unitId], year)), year, today);
  if (!row) throw new Error("board has one row per unit");
  return row;
}
