import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findArea, insertArea, setAreaActive } from "./catalogues.repository";
import { requireUnit } from "./save-item";

/** Adds an area: the city's "+1" or a unit's "+n" (the 26 State Council areas ship with the platform). */
export async function createArea(
  db: Db,
  actor: TActor,
  v: { name: string; tier: "state" | "city" | "unit"; unitId?: number; source: string },
) {
  if (v.unitId !== undefined) await requireUnit(db, v.unitId);
  return db.transaction(async (tx) => {
    const row = await insertArea(tx, {
      name: v.name.replace(/领域$/, ""),
      tier: v.tier,
      unitId: v.unitId ?? null,
      source: v.source,
      sortOrder: 100,
    });
    await recordAudit(tx, actor, {
      action: "catalogue.area_create",
      entity: "catalogue_area",
      entityId: row.id,
      unitId: row.unitId,
      after: row,
    });
    return row;
  });
}

/** Retires (or restores) an area: its items stay, new items can no longer choose it. Audited. */
export async function setAreaRetired(db: Db, actor: TActor, id: number, isRetired: boolean) {
  const area = await findArea(db, id);
  if (!area) throw new AppError("not_found", MSG.notFound);
  await db.transaction(async (tx) => {
    await setAreaActive(tx, id, !isRetired);
    await recordAudit(tx, actor, {
      action: isRetired ? "catalogue.area_retire" : "catalogue.area_restore",
      entity: "catalogue_area",
      entityId: id,
      unitId: area.unitId,
      before: { isActive: area.isActive },
      after: { isActive: !isRetired },
    });
  });
  return area;
}
