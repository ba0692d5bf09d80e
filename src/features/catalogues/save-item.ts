import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { findUnit } from "../org";
import {
  areasFor,
  findItem,
  insertItems,
  lastSortOrder,
  setItemActive,
  type TAreaRow,
  timeRuleOf,
} from "./catalogues.repository";
import type { TCreateItemBody } from "./catalogues.schemas";
import { normalizeChannel } from "./channels";
import { parseTimeLimit } from "./parse-time-limit";

/** The area a catalogue row names (by id or name), among those the unit may use; null if none. */
export function resolveArea(areas: TAreaRow[], area: number | string): TAreaRow | null {
  if (typeof area === "number") return areas.find((a) => a.id === area && a.isActive) ?? null;
  const name = area.trim().replace(/领域$/, "");
  return areas.find((a) => a.isActive && a.name.replace(/领域$/, "") === name) ?? null;
}

/** The columns of a new item from its validated body; the time rule is parsed here, never typed in. */
export function itemValues(
  unitId: number,
  areaId: number,
  body: TCreateItemBody,
  by: string,
  sortOrder: number,
) {
  const rule = parseTimeLimit(body.timeLimit);
  return {
    unitId,
    areaId,
    level1: body.level1,
    level2: body.level2,
    content: body.content,
    basis: body.basis,
    timeLimit: body.timeLimit,
    timeRuleKind: rule?.kind ?? null,
    timeRuleDays: rule?.days ?? null,
    subject: body.subject,
    channels: [...new Set(body.channels.map(normalizeChannel))],
    audience: body.audience,
    mode: body.mode,
    levels: [...new Set(body.levels)],
    keywords: body.keywords,
    sortOrder,
    createdBy: by,
  };
}

/** 404 unless the unit exists. */
export async function requireUnit(db: Db, unitId: number) {
  const unit = await findUnit(db, unitId);
  if (!unit) throw new AppError("not_found", MSG.notFound);
  return unit;
}

/** Adds one item to a unit's catalogue; audited. */
export async function createItem(db: Db, actor: TActor, unitId: number, body: TCreateItemBody) {
  await requireUnit(db, unitId);
  const area = resolveArea(await areasFor(db, unitId), body.area);
  if (!area)
    throw new AppError("validation_failed", MSG.validation, {
      issues: [{ path: "area", message: `没有名为“${body.area}”的领域，请先在领域清单中添加。` }],
    });
  return db.transaction(async (tx) => {
    const [row] = await insertItems(tx, [
      itemValues(unitId, area.id, body, actor.name, (await lastSortOrder(tx, unitId)) + 1),
    ]);
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, {
      action: "catalogue.item_create",
      entity: "catalogue_item",
      entityId: row.id,
      unitId,
      after: { area: area.name, level1: row.level1, level2: row.level2, timeLimit: row.timeLimit },
    });
    return { ...row, timeRule: timeRuleOf(row), area: area.name };
  });
}

/** Takes an item off the catalogue (kept for past tags and checks); audited. */
export async function retireItem(db: Db, actor: TActor, itemId: number) {
  const item = await findItem(db, itemId);
  if (!item?.isActive) throw new AppError("not_found", MSG.notFound);
  await db.transaction(async (tx) => {
    await setItemActive(tx, itemId, false);
    await recordAudit(tx, actor, {
      action: "catalogue.item_retire",
      entity: "catalogue_item",
      entityId: itemId,
      unitId: item.unitId,
      before: { level1: item.level1, level2: item.level2 },
    });
  });
  return item;
}
