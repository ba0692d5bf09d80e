import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findUnit, findUnitsNamed, insertUnit, type TUnitRow, updateUnitRow } from "./org.repository";
import type { TCreateUnitBody, TUpdateUnitBody } from "./org.schemas";
import { invalidateActiveUnits } from "./public-units";

/** A name or alias may belong to one unit only, so that every reference resolves unambiguously. */
async function assertNamesFree(tx: Db, body: TCreateUnitBody, exceptId?: number) {
  const names = [body.name, ...body.aliases];
  if (new Set(names).size !== names.length)
    throw new AppError("validation_failed", MSG.validation, {
      issues: [{ path: "aliases", message: "别名不能与名称或其他别名重复。" }],
    });
  const clash = await findUnitsNamed(tx, names, exceptId);
  if (clash.length)
    throw new AppError("conflict", `${MSG.unitNameTaken}（${clash.map((u) => u.name).join("、")}）`);
}

/** Creates a unit (机构) and audits it. */
export async function createUnit(db: Db, actor: TActor, body: TCreateUnitBody): Promise<TUnitRow> {
  const unit = await db.transaction(async (tx) => {
    await assertNamesFree(tx, body);
    const row = await insertUnit(tx, body);
    await recordAudit(tx, actor, {
      action: "unit.create",
      entity: "unit",
      entityId: row.id,
      unitId: row.id,
      after: row,
    });
    return row;
  });
  invalidateActiveUnits(db);
  return unit;
}

/** Updates a unit's name, kind, aliases and public contact details, and audits the change. */
export async function updateUnit(
  db: Db,
  actor: TActor,
  id: number,
  body: TUpdateUnitBody,
): Promise<TUnitRow> {
  const unit = await db.transaction(async (tx) => {
    const before = await findUnit(tx, id);
    if (!before) throw new AppError("not_found", MSG.unknownUnit);
    await assertNamesFree(tx, body, id);
    const after = await updateUnitRow(tx, id, body);
    await recordAudit(tx, actor, {
      action: "unit.update",
      entity: "unit",
      entityId: id,
      unitId: id,
      before,
      after,
    });
    return after;
  });
  invalidateActiveUnits(db);
  return unit;
}
