import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import {
  findUnit,
  findUnitsNamed,
  hasChildren,
  insertUnit,
  type TUnitRow,
  updateUnitRow,
} from "./org.repository";
import { isGrassrootsKind, type TCreateUnitBody, type TUpdateUnitBody } from "./org.schemas";
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

const parentIssue = (message: string) =>
  new AppError("validation_failed", MSG.validation, { issues: [{ path: "parentId", message }] });

/**
 * The parent a unit of this kind may have: a village or community must name an active 街道办事处;
 * every other kind has none (a parent left over from an earlier kind is dropped).
 */
async function resolveParent(
  tx: Db,
  kind: string,
  parentId: number | null | undefined,
  selfId?: number,
): Promise<number | null> {
  if (!isGrassrootsKind(kind)) {
    if (parentId) throw parentIssue("只有村、社区需要选择所属街道。");
    return null;
  }
  if (!parentId) throw parentIssue("请选择村、社区所属的街道办事处。");
  const parent = parentId === selfId ? undefined : await findUnit(tx, parentId);
  if (parent?.kind !== "subdistrict") throw parentIssue("所属单位应为一个街道办事处。");
  return parent.id;
}

/** Creates a unit (机构) and audits it. */
export async function createUnit(db: Db, actor: TActor, body: TCreateUnitBody): Promise<TUnitRow> {
  const unit = await db.transaction(async (tx) => {
    await assertNamesFree(tx, body);
    const parentId = await resolveParent(tx, body.kind, body.parentId);
    const row = await insertUnit(tx, { ...body, parentId });
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
    const parentId = await resolveParent(
      tx,
      body.kind,
      body.parentId !== undefined ? body.parentId : isGrassrootsKind(body.kind) ? before.parentId : null,
      id,
    );
    // A subdistrict with villages below it keeps its kind: they would be left without a 街道.
    if (before.kind === "subdistrict" && body.kind !== "subdistrict" && (await hasChildren(tx, id)))
      throw new AppError("conflict", "该街道下还有村、社区，不能改为其他类别。");
    const after = await updateUnitRow(tx, id, { ...body, parentId });
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
