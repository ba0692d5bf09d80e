import { and, asc, desc, eq, gte, inArray, lte } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import {
  caseEntries,
  newMediaAccounts,
  newMediaInspections,
  publicEnterprises,
  readingRooms,
  trainingSessions,
} from "./registries.tables";

export type TNewMediaAccount = typeof newMediaAccounts.$inferSelect;
export type TInspection = typeof newMediaInspections.$inferSelect;
export type TTrainingSession = typeof trainingSessions.$inferSelect;
export type TCaseEntry = typeof caseEntries.$inferSelect;
export type TEnterprise = typeof publicEnterprises.$inferSelect;
export type TReadingRoom = typeof readingRooms.$inferSelect;

const one = <T>(rows: T[]): T => {
  const [row] = rows;
  if (!row) throw new Error("write returned no row");
  return row;
};

// ---- new media

export function accountsIn(db: Db, scope: TUnitScope): Promise<TNewMediaAccount[]> {
  return db
    .select()
    .from(newMediaAccounts)
    .where(inUnitScope(newMediaAccounts.unitId, scope))
    .orderBy(asc(newMediaAccounts.unitId), asc(newMediaAccounts.platform), asc(newMediaAccounts.name));
}

export async function findAccount(db: Db, id: number): Promise<TNewMediaAccount | undefined> {
  return (await db.select().from(newMediaAccounts).where(eq(newMediaAccounts.id, id)))[0];
}

export async function findAccountNamed(
  db: Db,
  platform: string,
  name: string,
): Promise<TNewMediaAccount | undefined> {
  return (
    await db
      .select()
      .from(newMediaAccounts)
      .where(and(eq(newMediaAccounts.platform, platform), eq(newMediaAccounts.name, name)))
  )[0];
}

export async function insertAccount(
  db: Db,
  v: typeof newMediaAccounts.$inferInsert,
): Promise<TNewMediaAccount> {
  return one(await db.insert(newMediaAccounts).values(v).returning());
}

export async function updateAccountRow(
  db: Db,
  id: number,
  v: Partial<typeof newMediaAccounts.$inferInsert>,
): Promise<TNewMediaAccount> {
  return one(
    await db
      .update(newMediaAccounts)
      .set({ ...v, updatedAt: new Date() })
      .where(eq(newMediaAccounts.id, id))
      .returning(),
  );
}

export async function insertInspection(
  db: Db,
  v: typeof newMediaInspections.$inferInsert,
): Promise<TInspection> {
  return one(await db.insert(newMediaInspections).values(v).returning());
}

export function inspectionsOf(db: Db, accountIds: number[], year?: number): Promise<TInspection[]> {
  if (accountIds.length === 0) return Promise.resolve([]);
  const cond = [inArray(newMediaInspections.accountId, accountIds)];
  if (year !== undefined)
    cond.push(
      gte(newMediaInspections.inspectedOn, `${year}-01-01`),
      lte(newMediaInspections.inspectedOn, `${year}-12-31`),
    );
  return db
    .select()
    .from(newMediaInspections)
    .where(and(...cond))
    .orderBy(desc(newMediaInspections.inspectedOn), desc(newMediaInspections.id));
}

// ---- training

export async function insertTraining(
  db: Db,
  v: typeof trainingSessions.$inferInsert,
): Promise<TTrainingSession> {
  return one(await db.insert(trainingSessions).values(v).returning());
}

export function trainingIn(
  db: Db,
  scope: TUnitScope,
  year: number,
  unitId?: number,
): Promise<TTrainingSession[]> {
  const cond = [
    inUnitScope(trainingSessions.unitId, scope),
    gte(trainingSessions.heldOn, `${year}-01-01`),
    lte(trainingSessions.heldOn, `${year}-12-31`),
  ];
  if (unitId !== undefined) cond.push(eq(trainingSessions.unitId, unitId));
  return db
    .select()
    .from(trainingSessions)
    .where(and(...cond))
    .orderBy(desc(trainingSessions.heldOn), desc(trainingSessions.id));
}

// ---- cases

export async function insertCase(db: Db, v: typeof caseEntries.$inferInsert): Promise<TCaseEntry> {
  return one(await db.insert(caseEntries).values(v).returning());
}

export function listCases(db: Db): Promise<TCaseEntry[]> {
  return db.select().from(caseEntries).orderBy(desc(caseEntries.createdAt), desc(caseEntries.id));
}

export async function findCase(db: Db, id: number): Promise<TCaseEntry | undefined> {
  return (await db.select().from(caseEntries).where(eq(caseEntries.id, id)))[0];
}

// ---- public enterprises and reading rooms

export function listEnterprises(
  db: Db,
  opts: { sector?: string; isActiveOnly?: boolean } = {},
): Promise<TEnterprise[]> {
  const cond = [];
  if (opts.sector) cond.push(eq(publicEnterprises.sector, opts.sector));
  if (opts.isActiveOnly) cond.push(eq(publicEnterprises.isActive, true));
  return db
    .select()
    .from(publicEnterprises)
    .where(cond.length ? and(...cond) : undefined)
    .orderBy(asc(publicEnterprises.sector), asc(publicEnterprises.name));
}

export async function findEnterprise(db: Db, id: number): Promise<TEnterprise | undefined> {
  return (await db.select().from(publicEnterprises).where(eq(publicEnterprises.id, id)))[0];
}

export async function findEnterpriseNamed(db: Db, name: string): Promise<TEnterprise | undefined> {
  return (await db.select().from(publicEnterprises).where(eq(publicEnterprises.name, name)))[0];
}

export async function insertEnterprise(
  db: Db,
  v: typeof publicEnterprises.$inferInsert,
): Promise<TEnterprise> {
  return one(await db.insert(publicEnterprises).values(v).returning());
}

export async function updateEnterpriseRow(
  db: Db,
  id: number,
  v: Partial<typeof publicEnterprises.$inferInsert>,
): Promise<TEnterprise> {
  return one(
    await db
      .update(publicEnterprises)
      .set({ ...v, updatedAt: new Date() })
      .where(eq(publicEnterprises.id, id))
      .returning(),
  );
}

export function listReadingRooms(db: Db, isActiveOnly = false): Promise<TReadingRoom[]> {
  return db
    .select()
    .from(readingRooms)
    .where(isActiveOnly ? eq(readingRooms.isActive, true) : undefined)
    .orderBy(asc(readingRooms.sortOrder), asc(readingRooms.id));
}

export async function findReadingRoom(db: Db, id: number): Promise<TReadingRoom | undefined> {
  return (await db.select().from(readingRooms).where(eq(readingRooms.id, id)))[0];
}

export async function findReadingRoomNamed(db: Db, name: string): Promise<TReadingRoom | undefined> {
  return (await db.select().from(readingRooms).where(eq(readingRooms.name, name)))[0];
}

export async function insertReadingRoom(db: Db, v: typeof readingRooms.$inferInsert): Promise<TReadingRoom> {
  return one(await db.insert(readingRooms).values(v).returning());
}

export async function updateReadingRoomRow(
  db: Db,
  id: number,
  v: Partial<typeof readingRooms.$inferInsert>,
): Promise<TReadingRoom> {
  return one(
    await db
      .update(readingRooms)
      .set({ ...v, updatedAt: new Date() })
      .where(eq(readingRooms.id, id))
      .returning(),
  );
}
