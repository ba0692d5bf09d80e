import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findUnit } from "../org";
import { itemsOf, type TItemRow, timeRuleOf } from "./catalogues.repository";

/** An item as the API shows it (nothing in a catalogue is personal). */
export function presentItem(row: TItemRow | (Omit<TItemRow, "areaName"> & { area: string })) {
  return {
    id: row.id,
    unitId: row.unitId,
    areaId: row.areaId,
    area: "areaName" in row ? row.areaName : row.area,
    level1: row.level1,
    level2: row.level2,
    content: row.content,
    basis: row.basis,
    timeLimit: row.timeLimit,
    timeRule: timeRuleOf(row),
    subject: row.subject,
    channels: row.channels,
    audience: row.audience,
    mode: row.mode,
    levels: row.levels,
  };
}

/** A unit's published catalogue; a unit that does not exist or was closed is not found. */
export async function publicCatalogue(db: Db, unitId: number) {
  const unit = await findUnit(db, unitId);
  if (!unit?.isActive) throw new AppError("not_found", MSG.notFound);
  return { unit, items: await itemsOf(db, unitId) };
}
