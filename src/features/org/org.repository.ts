import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { TRole, TRoleGrant, TUnitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { userRoles, users } from "../../platform/db/tables";
import { inUnitScope } from "../../platform/db/unit-scope";
import type { TUnitKind } from "./org.schemas";
import { liaisonTerms, units } from "./org.tables";

export type TUnitRow = typeof units.$inferSelect;
export type TUserRow = typeof users.$inferSelect;
export type TLiaisonTerm = typeof liaisonTerms.$inferSelect;

// ---- units

export async function listUnits(
  db: Db,
  opts: { scope?: TUnitScope; isActiveOnly?: boolean } = {},
): Promise<TUnitRow[]> {
  const cond = [];
  if (opts.scope) cond.push(inUnitScope(units.id, opts.scope));
  if (opts.isActiveOnly) cond.push(eq(units.isActive, true));
  return db
    .select()
    .from(units)
    .where(cond.length ? and(...cond) : undefined)
    .orderBy(
      sql`array_position(array['government','office','department','subdistrict','village','community','other'], ${units.kind})`,
      asc(units.sortOrder),
      asc(units.id),
    );
}

export async function findUnit(db: Db, id: number): Promise<TUnitRow | undefined> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  return row;
}

/** Whether any unit (a village or community) names this one as its parent. */
export async function hasChildren(db: Db, id: number): Promise<boolean> {
  const [row] = await db.select({ id: units.id }).from(units).where(eq(units.parentId, id)).limit(1);
  return row !== undefined;
}

/** Units whose name or an alias equals any of `names` (other than `exceptId`). */
export async function findUnitsNamed(db: Db, names: string[], exceptId?: number): Promise<TUnitRow[]> {
  if (names.length === 0) return [];
  const list = sql.join(
    names.map((n) => sql`${n}`),
    sql`, `,
  );
  const cond = or(inArray(units.name, names), sql`${units.aliases} && array[${list}]::text[]`);
  return db
    .select()
    .from(units)
    .where(exceptId ? and(cond, ne(units.id, exceptId)) : cond);
}

export async function insertUnit(
  db: Db,
  v: {
    name: string;
    kind: TUnitKind;
    aliases: string[];
    address?: string;
    phone?: string;
    duties?: string;
    sortOrder?: number;
    postedMailDays?: number;
    parentId?: number | null;
  },
): Promise<TUnitRow> {
  const [row] = await db.insert(units).values(v).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateUnitRow(
  db: Db,
  id: number,
  v: Partial<typeof units.$inferInsert>,
): Promise<TUnitRow> {
  const [row] = await db
    .update(units)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(units.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

// ---- users

export async function findUserByUsername(db: Db, username: string): Promise<TUserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row;
}

export async function findUser(db: Db, id: number): Promise<TUserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function listUsers(db: Db): Promise<(TUserRow & { roles: TRoleGrant[] })[]> {
  const rows = await db.select().from(users).orderBy(asc(users.username));
  const grants = await db.select().from(userRoles);
  return rows.map((u) => ({
    ...u,
    roles: grants.filter((g) => g.userId === u.id).map((g) => ({ role: g.role, unitId: g.unitId })),
  }));
}

export async function rolesOf(db: Db, userId: number): Promise<TRoleGrant[]> {
  const rows = await db.select().from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((g) => ({ role: g.role, unitId: g.unitId }));
}

export async function insertUser(
  db: Db,
  v: {
    username: string;
    displayName: string;
    email?: string;
    passwordHash: string;
    mustChangePassword?: boolean;
  },
): Promise<TUserRow> {
  const [row] = await db.insert(users).values(v).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateUserRow(
  db: Db,
  id: number,
  v: Partial<typeof users.$inferInsert>,
): Promise<void> {
  await db
    .update(users)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(users.id, id));
}

export async function replaceRoles(db: Db, userId: number, grants: TRoleGrant[]): Promise<void> {
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  if (grants.length)
    await db.insert(userRoles).values(grants.map((g) => ({ userId, role: g.role, unitId: g.unitId })));
}

/** The e-mail addresses of active users holding one of `roles` in the unit, or district-wide for null. */
export async function staffEmails(db: Db, unitId: number | null, roles: TRole[]): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(
        inArray(userRoles.role, roles),
        unitId ? eq(userRoles.unitId, unitId) : isNull(userRoles.unitId),
        eq(users.isActive, true),
      ),
    );
  return rows.flatMap((r) => (r.email ? [r.email] : []));
}

/** Users holding a unit role in `unitId` (for choosing a liaison). */
export async function usersOfUnit(db: Db, unitId: number): Promise<TUserRow[]> {
  return db
    .selectDistinct({ u: users })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(userRoles.unitId, unitId))
    .then((rows) => rows.map((r) => r.u));
}

// ---- liaison roster

export async function currentLiaisons(db: Db, scope: TUnitScope = "all"): Promise<TLiaisonTerm[]> {
  return db
    .select()
    .from(liaisonTerms)
    .where(and(isNull(liaisonTerms.endedOn), inUnitScope(liaisonTerms.unitId, scope)));
}

export async function liaisonHistory(db: Db, unitId: number): Promise<TLiaisonTerm[]> {
  return db
    .select()
    .from(liaisonTerms)
    .where(eq(liaisonTerms.unitId, unitId))
    .orderBy(sql`${liaisonTerms.startedOn} desc`, sql`${liaisonTerms.id} desc`);
}

export async function endTerm(db: Db, id: number, endedOn: string, handoverNote: string): Promise<void> {
  await db.update(liaisonTerms).set({ endedOn, handoverNote }).where(eq(liaisonTerms.id, id));
}

export async function insertTerm(db: Db, v: typeof liaisonTerms.$inferInsert): Promise<TLiaisonTerm> {
  const [row] = await db.insert(liaisonTerms).values(v).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}
