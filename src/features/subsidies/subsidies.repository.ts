import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, sql } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import { subsidyNotices, subsidyRows, villageTerminals } from "./subsidies.tables";
import type { TMaskedRow } from "./subsidy-rows";

export type TSubsidyNotice = typeof subsidyNotices.$inferSelect;
export type TSubsidyRow = typeof subsidyRows.$inferSelect;

export async function insertNotice(
  db: Db,
  v: { unitId: number; title: string; startsOn: string; endsOn: string; createdBy: number | null },
  rows: TMaskedRow[],
): Promise<TSubsidyNotice> {
  const [notice] = await db
    .insert(subsidyNotices)
    .values({
      ...v,
      rowCount: rows.length,
      totalFen: rows.reduce((s, r) => s + r.amountFen, 0),
    })
    .returning();
  if (!notice) throw new Error("insert returned no row");
  // In slices: one statement's parameters are limited (7 columns × 2000 rows would exceed it).
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insert(subsidyRows)
      .values(rows.slice(i, i + 500).map((r, j) => ({ ...r, noticeId: notice.id, position: i + j + 1 })));
  return notice;
}

/** Notices public on `today`: inside their period (both days inclusive), of the given units. */
export function noticesPublicOn(db: Db, today: string, unitId?: number): Promise<TSubsidyNotice[]> {
  const cond = [lte(subsidyNotices.startsOn, today), gte(subsidyNotices.endsOn, today)];
  if (unitId !== undefined) cond.push(eq(subsidyNotices.unitId, unitId));
  return db
    .select()
    .from(subsidyNotices)
    .where(and(...cond))
    .orderBy(desc(subsidyNotices.startsOn), desc(subsidyNotices.id));
}

/** Every notice on file for the units in scope (staff), newest first. */
export function noticesOnFile(
  db: Db,
  scope: TUnitScope,
  opts: { unitId?: number; payee?: string } = {},
): Promise<TSubsidyNotice[]> {
  const cond = [inUnitScope(subsidyNotices.unitId, scope)];
  if (opts.unitId !== undefined) cond.push(eq(subsidyNotices.unitId, opts.unitId));
  if (opts.payee)
    cond.push(
      inArray(
        subsidyNotices.id,
        db
          .select({ id: subsidyRows.noticeId })
          .from(subsidyRows)
          .where(ilike(subsidyRows.name, `%${opts.payee.replace(/[\\%_]/g, "\\$&")}%`)),
      ),
    );
  return db
    .select()
    .from(subsidyNotices)
    .where(and(...cond))
    .orderBy(desc(subsidyNotices.startsOn), desc(subsidyNotices.id))
    .limit(500);
}

export async function findNotice(db: Db, id: number): Promise<TSubsidyNotice | undefined> {
  const [row] = await db.select().from(subsidyNotices).where(eq(subsidyNotices.id, id));
  return row;
}

export function rowsOf(db: Db, noticeIds: number[]): Promise<TSubsidyRow[]> {
  if (noticeIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(subsidyRows)
    .where(inArray(subsidyRows.noticeId, noticeIds))
    .orderBy(asc(subsidyRows.noticeId), asc(subsidyRows.position));
}

/** Notices whose last day is before `cutoff`: past the retention period. */
export function noticesEndedBefore(db: Db, cutoff: string): Promise<TSubsidyNotice[]> {
  return db.select().from(subsidyNotices).where(lt(subsidyNotices.endsOn, cutoff));
}

export async function deleteNotices(db: Db, ids: number[]): Promise<void> {
  if (ids.length) await db.delete(subsidyNotices).where(inArray(subsidyNotices.id, ids));
}

/** How many notices each unit has public today (for the portal's village list). */
export async function publicCounts(db: Db, today: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ unitId: subsidyNotices.unitId, n: sql<number>`count(*)::int` })
    .from(subsidyNotices)
    .where(and(lte(subsidyNotices.startsOn, today), gte(subsidyNotices.endsOn, today)))
    .groupBy(subsidyNotices.unitId);
  return new Map(rows.map((r) => [r.unitId, Number(r.n)]));
}

export async function saveTerminalKey(db: Db, unitId: number, keyHash: string): Promise<void> {
  await db
    .insert(villageTerminals)
    .values({ unitId, keyHash })
    .onConflictDoUpdate({ target: villageTerminals.unitId, set: { keyHash, createdAt: new Date() } });
}

export async function terminalUnit(db: Db, keyHash: string): Promise<number | undefined> {
  const [row] = await db.select().from(villageTerminals).where(eq(villageTerminals.keyHash, keyHash));
  return row?.unitId;
}

export async function terminalUnits(db: Db): Promise<Set<number>> {
  const rows = await db.select({ unitId: villageTerminals.unitId }).from(villageTerminals);
  return new Set(rows.map((r) => r.unitId));
}
