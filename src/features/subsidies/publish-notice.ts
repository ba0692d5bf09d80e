import { createHash, randomBytes } from "node:crypto";
import { recordAudit, type TActor } from "../../platform/audit";
import {
  can,
  type TPermission,
  type TPrincipal,
  type TUnitScope,
  unitScope,
} from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { readSetting, writeSetting } from "../../platform/db/settings";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { todayInChina } from "../calendar";
import { findUnit, listUnits, type TUnitRow } from "../org";
import {
  deleteNotices,
  insertNotice,
  noticesEndedBefore,
  saveTerminalKey,
  type TSubsidyNotice,
} from "./subsidies.repository";
import type { TCreateSubsidyNoticeBody } from "./subsidies.schemas";
import { checkSubsidyRows } from "./subsidy-rows";

const GRASSROOTS = new Set(["village", "community"]);
export const isVillage = (u: TUnitRow | undefined): u is TUnitRow => !!u && GRASSROOTS.has(u.kind);

/**
 * Whether the principal acts for this village: through a role in the village itself, in its 街道
 * (which publishes for the villages below it), or district-wide.
 */
export function actsForVillage(p: TPrincipal, permission: TPermission, village: TUnitRow): boolean {
  return (
    can(p, permission, village.id) || (village.parentId !== null && can(p, permission, village.parentId))
  );
}

/** The villages and communities the principal acts for: "all", or those in (or below) its units. */
export async function villageScope(db: Db, p: TPrincipal, permission: TPermission): Promise<TUnitScope> {
  const scope = unitScope(p, permission);
  if (scope === "all") return "all";
  const units = await listUnits(db);
  return units
    .filter(
      (u) =>
        GRASSROOTS.has(u.kind) &&
        (scope.includes(u.id) || (u.parentId !== null && scope.includes(u.parentId))),
    )
    .map((u) => u.id);
}

/**
 * Publishes a village's subsidy notice: checks the village and the caller, runs the privacy check on
 * every row (refusing the whole notice if any row fails, so nothing half-checked is kept), masks
 * the ID numbers and stores the notice with its audit entry. The full ID numbers go no further.
 */
export async function publishSubsidyNotice(
  db: Db,
  p: TPrincipal,
  actor: TActor,
  body: TCreateSubsidyNoticeBody,
  today = todayInChina(),
): Promise<TSubsidyNotice> {
  const unit = await findUnit(db, body.unitId);
  if (!unit)
    throw new AppError("validation_failed", MSG.validation, {
      issues: [{ path: "unitId", message: MSG.unknownUnit }],
    });
  if (!actsForVillage(p, "subsidies.publish", unit)) throw new AppError("not_found", MSG.notFound);
  if (!isVillage(unit) || !unit.isActive)
    throw new AppError("validation_failed", MSG.validation, {
      issues: [{ path: "unitId", message: "补贴公示只能以村或社区的名义发布。" }],
    });
  if (body.endsAt < today)
    throw new AppError("validation_failed", MSG.validation, {
      issues: [{ path: "endsAt", message: "公示结束日期不能早于今天。" }],
    });
  const checked = checkSubsidyRows(body.rows);
  if (checked.issues.length)
    throw new AppError("validation_failed", "公示名单未通过隐私检查，请逐行修改后再发布。", {
      issues: checked.issues,
    });
  return db.transaction(async (tx) => {
    const notice = await insertNotice(
      tx,
      {
        unitId: unit.id,
        title: body.title,
        startsOn: body.startsAt,
        endsOn: body.endsAt,
        createdBy: p.userId || null,
      },
      checked.rows,
    );
    await recordAudit(tx, actor, {
      action: "subsidy_notice.publish",
      entity: "subsidy_notice",
      entityId: notice.id,
      unitId: unit.id,
      // The audit log is read by staff only; still, it gets the masked rows, never a full number.
      after: { ...notice, rows: checked.rows.length },
    });
    return notice;
  });
}

/** Whether a notice shows on the public portal on `today` (a Beijing calendar day). */
export const isPublicOn = (n: { startsOn: string; endsOn: string }, today: string): boolean =>
  n.startsOn <= today && today <= n.endsOn;

export const RETENTION_KEY = "subsidies.retention_years";
export const DEFAULT_RETENTION_YEARS = 5;

export async function retentionYears(db: Db): Promise<number> {
  return (await readSetting<number>(db, RETENTION_KEY)) ?? DEFAULT_RETENTION_YEARS;
}

export async function setRetentionYears(db: Db, actor: TActor, years: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await retentionYears(tx);
    await writeSetting(tx, RETENTION_KEY, years);
    await recordAudit(tx, actor, {
      action: "subsidy_notice.retention",
      entity: "subsidy_setting",
      entityId: null,
      before: { years: before },
      after: { years },
    });
  });
}

/**
 * The first day a notice ending on `endsOn` is no longer kept: `years` calendar years after its
 * last day (29 February falls back to 28 February). Example: ended 2021-03-10, kept 5 years →
 * on file through 2026-03-10, removed from 2026-03-11.
 */
export function keptThrough(endsOn: string, years: number): string {
  const [y, m, d] = endsOn.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** Deletes the notices kept past the retention period (a daily job); returns how many went. */
export async function purgeExpiredNotices(db: Db, actor: TActor, today = todayInChina()): Promise<number> {
  const years = await retentionYears(db);
  // ends_on < cutoff ⇔ keptThrough(ends_on) < today: the cutoff is today minus the years.
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const cut = new Date(Date.UTC(y - years, m - 1, d));
  const cutoff = cut.toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    const old = (await noticesEndedBefore(tx, cutoff)).filter((n) => keptThrough(n.endsOn, years) < today);
    if (old.length === 0) return 0;
    await deleteNotices(
      tx,
      old.map((n) => n.id),
    );
    await recordAudit(
      tx,
      actor,
      old.map((n) => ({
        action: "subsidy_notice.purge",
        entity: "subsidy_notice",
        entityId: n.id,
        unitId: n.unitId,
        before: { title: n.title, startsOn: n.startsOn, endsOn: n.endsOn, rowCount: n.rowCount },
      })),
    );
    return old.length;
  });
}

/** A new key for a village's query terminal; only its hash is kept, so it is shown once. */
export async function issueTerminalKey(db: Db, actor: TActor, village: TUnitRow): Promise<string> {
  const key = randomBytes(18).toString("base64url");
  await db.transaction(async (tx) => {
    await saveTerminalKey(tx, village.id, hashKey(key));
    await recordAudit(tx, actor, {
      action: "subsidy_terminal.issue",
      entity: "village_terminal",
      entityId: village.id,
      unitId: village.id,
    });
  });
  return key;
}

export const hashKey = (key: string): string => createHash("sha256").update(key).digest("hex");
