import { and, asc, count, eq, or, type SQL, sql } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import {
  requestActions,
  requestAppeals,
  requestAttachments,
  requestCohandlers,
  requestContacts,
  requestReminders,
  requests,
} from "./requests.tables";

export type TRequestRow = typeof requests.$inferSelect;
export type TActionRow = typeof requestActions.$inferSelect;

export async function nextReceiptNo(db: Db, year: number): Promise<string> {
  const rows = await db.execute<{ n: string }>(sql`select nextval('request_receipt_seq')::text as n`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: { n: string }[] }).rows) as { n: string }[];
  return `YSQ${year}${String(list[0]?.n ?? "0").padStart(6, "0")}`;
}

export async function insertRequest(db: Db, v: typeof requests.$inferInsert): Promise<TRequestRow> {
  const [row] = await db.insert(requests).values(v).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function findRequest(db: Db, id: number): Promise<TRequestRow | undefined> {
  const [row] = await db.select().from(requests).where(eq(requests.id, id));
  return row;
}

/** The row locked for the rest of the transaction, so two actions on one request run one after the other. */
export async function lockRequest(db: Db, id: number): Promise<TRequestRow | undefined> {
  const [row] = await db.select().from(requests).where(eq(requests.id, id)).for("update");
  return row;
}

export async function requestsInState(db: Db, status: TRequestRow["status"]): Promise<TRequestRow[]> {
  return db.select().from(requests).where(eq(requests.status, status));
}

export async function findByReceiptNo(db: Db, receiptNo: string): Promise<TRequestRow | undefined> {
  const [row] = await db.select().from(requests).where(eq(requests.receiptNo, receiptNo));
  return row;
}

export async function updateRequestRow(
  db: Db,
  id: number,
  v: Partial<typeof requests.$inferInsert>,
): Promise<TRequestRow> {
  const [row] = await db
    .update(requests)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(requests.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

export async function actionsOf(db: Db, requestId: number): Promise<TActionRow[]> {
  return db
    .select()
    .from(requestActions)
    .where(eq(requestActions.requestId, requestId))
    .orderBy(asc(requestActions.id));
}

export async function insertAction(db: Db, v: typeof requestActions.$inferInsert): Promise<TActionRow> {
  const [row] = await db.insert(requestActions).values(v).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function cohandlersOf(db: Db, requestId: number): Promise<number[]> {
  const rows = await db.select().from(requestCohandlers).where(eq(requestCohandlers.requestId, requestId));
  return rows.map((r) => r.unitId);
}

export async function addCohandlers(db: Db, requestId: number, unitIds: number[]): Promise<void> {
  await db
    .insert(requestCohandlers)
    .values(unitIds.map((unitId) => ({ requestId, unitId })))
    .onConflictDoNothing();
}

/**
 * The 行政机关 a request was made to, as a key: each agency charges by its own count (109号). The
 * district government's requests are handled by its office (区政府办公室), so both units are one agency;
 * every other unit is its own; unassigned requests count together.
 */
const agencyOf = (unitId: SQL | number | null) =>
  sql`coalesce((select case when u.kind in ('government', 'office') then 0 else u.id end from units u where u.id = ${unitId}), -1)`;

/**
 * 按件: the rank of this request among the applicant's requests to the same agency received in the
 * same calendar month.
 */
export async function monthlyRank(db: Db, r: TRequestRow): Promise<number> {
  if (!r.receivedAt) return 1;
  const monthStart = `${r.receivedAt.slice(0, 7)}-01`;
  const [row] = await db
    .select({ n: count() })
    .from(requests)
    .where(
      and(
        eq(requests.applicantKey, r.applicantKey),
        sql`${agencyOf(sql`${requests.unitId}`)} = ${agencyOf(r.unitId)}`,
        sql`${requests.receivedAt} >= ${monthStart}::date`,
        sql`(${requests.receivedAt} < ${r.receivedAt}::date or (${requests.receivedAt} = ${r.receivedAt}::date and ${requests.id} <= ${r.id}))`,
      ),
    );
  return row?.n ?? 1;
}

export type TRequestFilter = {
  /** "all" for district roles, otherwise the units whose requests the caller may see. */
  scope: TUnitScope;
  status?: string;
  unitId?: number;
  isOverdueOnly?: boolean;
  dueBefore?: string;
  q?: string;
};

/** The caller's units' requests: those they lead and those they help with (协查). */
function scopeCondition(scope: TUnitScope): SQL | undefined {
  if (scope === "all") return undefined;
  return or(
    inUnitScope(requests.unitId, scope),
    sql`exists (select 1 from request_cohandlers c where c.request_id = ${requests.id} and ${inUnitScope(sql`c.unit_id`, scope)})`,
  );
}

/** One page of requests the caller may see, most urgent first. */
export async function listRequests(db: Db, f: TRequestFilter, page: number, pageSize: number, today: string) {
  const cond: (SQL | undefined)[] = [scopeCondition(f.scope)];
  if (f.status === "open") cond.push(sql`${requests.status} <> 'concluded'`);
  // Any text from the query string: an unknown status simply matches nothing.
  else if (f.status) cond.push(sql`${requests.status} = ${f.status}`);
  if (f.unitId) cond.push(eq(requests.unitId, f.unitId));
  if (f.isOverdueOnly)
    cond.push(sql`${requests.status} <> 'concluded' and ${requests.dueDate} < ${today}::date`);
  if (f.dueBefore)
    cond.push(sql`${requests.status} <> 'concluded' and ${requests.dueDate} <= ${f.dueBefore}::date`);
  if (f.q)
    cond.push(
      or(eq(requests.receiptNo, f.q.toUpperCase()), sql`${requests.description} ilike ${`%${f.q}%`}`),
    );
  const where = and(...cond.filter((c): c is SQL => c !== undefined));
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(requests).where(where);
  // Open requests first; when the filter already leaves out concluded ones, that sort key would only
  // keep the planner from reading the due-date index in order.
  const onlyOpen =
    f.status === "open" || f.isOverdueOnly || f.dueBefore || (f.status && f.status !== "concluded");
  const items = await db
    .select()
    .from(requests)
    .where(where)
    .orderBy(
      ...(onlyOpen ? [] : [sql`(${requests.status} = 'concluded')`]),
      sql`${requests.dueDate} asc nulls last`,
      asc(requests.id),
    )
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total, items };
}

export type TBoardRow = {
  unitId: number | null;
  open: number;
  dueSoon: number;
  overdue: number;
  paused: number;
  /** Open consultations past the consulted party's 15 working days (Art. 32). */
  consultationsOverdue: number;
  unconfirmed: number;
};

/** Open requests by unit: how many, due within `soon` (a date), overdue on `today`. */
export async function boardByUnit(
  db: Db,
  scope: TUnitScope,
  today: string,
  soon: string,
): Promise<TBoardRow[]> {
  const where = and(sql`${requests.status} <> 'concluded'`, scopeCondition(scope));
  return db
    .select({
      unitId: requests.unitId,
      open: count(),
      dueSoon: sql<number>`count(*) filter (where ${requests.dueDate} >= ${today}::date and ${requests.dueDate} <= ${soon}::date)::int`,
      overdue: sql<number>`count(*) filter (where ${requests.dueDate} < ${today}::date)::int`,
      paused: sql<number>`count(*) filter (where ${requests.status} in ('paused', 'awaiting_correction'))::int`,
      consultationsOverdue: sql<number>`count(*) filter (where ${requests.consultationAnswerBy} < ${today}::date)::int`,
      unconfirmed: sql<number>`count(*) filter (where ${requests.status} = 'awaiting_confirmation')::int`,
    })
    .from(requests)
    .where(where)
    .groupBy(requests.unitId);
}

// ---- appeals, contacts, attachments, reminders

export type TAppealRow = typeof requestAppeals.$inferSelect;

export async function insertAppeal(tx: Db, v: typeof requestAppeals.$inferInsert): Promise<TAppealRow> {
  const [row] = await tx.insert(requestAppeals).values(v).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** The request's appeal, locked for the rest of the transaction so it is decided once. */
export async function lockAppeal(
  tx: Db,
  requestId: number,
  appealId: number,
): Promise<TAppealRow | undefined> {
  const [row] = await tx
    .select()
    .from(requestAppeals)
    .where(and(eq(requestAppeals.id, appealId), eq(requestAppeals.requestId, requestId)))
    .for("update");
  return row;
}

export async function updateAppeal(
  tx: Db,
  id: number,
  v: Partial<typeof requestAppeals.$inferInsert>,
): Promise<TAppealRow> {
  const [row] = await tx
    .update(requestAppeals)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(requestAppeals.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

export async function appealsOf(db: Db, requestId: number): Promise<TAppealRow[]> {
  return db
    .select()
    .from(requestAppeals)
    .where(eq(requestAppeals.requestId, requestId))
    .orderBy(asc(requestAppeals.id));
}

/**
 * Per unit and kind, the appeals filed in `year` in the caller's units: how many, how many decided
 * by the end of that year, and how many of those corrected the reply.
 */
export async function appealCountsOfYear(db: Db, year: number, scope: TUnitScope) {
  const yearEnd = `${year}-12-31`;
  return db
    .select({
      unitId: requests.unitId,
      kind: requestAppeals.kind,
      total: sql<number>`count(*)::int`,
      decided: sql<number>`count(*) filter (where ${requestAppeals.decidedAt} <= ${yearEnd}::date)::int`,
      corrected: sql<number>`count(*) filter (where ${requestAppeals.result} = 'corrected' and ${requestAppeals.decidedAt} <= ${yearEnd}::date)::int`,
    })
    .from(requestAppeals)
    .innerJoin(requests, eq(requests.id, requestAppeals.requestId))
    .where(
      and(sql`extract(year from ${requestAppeals.filedAt}) = ${year}`, inUnitScope(requests.unitId, scope)),
    )
    .groupBy(requests.unitId, requestAppeals.kind);
}

export async function insertContact(tx: Db, v: typeof requestContacts.$inferInsert) {
  const [row] = await tx.insert(requestContacts).values(v).returning();
  return row;
}

export async function contactsOf(db: Db, requestId: number) {
  return db
    .select()
    .from(requestContacts)
    .where(eq(requestContacts.requestId, requestId))
    .orderBy(asc(requestContacts.id));
}

export async function insertAttachments(tx: Db, rows: (typeof requestAttachments.$inferInsert)[]) {
  if (rows.length) await tx.insert(requestAttachments).values(rows);
}

export async function attachmentsOf(db: Db, requestId: number) {
  return db
    .select()
    .from(requestAttachments)
    .where(eq(requestAttachments.requestId, requestId))
    .orderBy(asc(requestAttachments.id));
}

export async function findAttachment(db: Db, requestId: number, attachmentId: number) {
  const [row] = await db
    .select()
    .from(requestAttachments)
    .where(and(eq(requestAttachments.id, attachmentId), eq(requestAttachments.requestId, requestId)));
  return row;
}

/**
 * Open requests in the caller's units due by `horizon`; a paused request's due date is a lower
 * bound that moves on daily, so it is listed only once overdue.
 */
export async function openRequestsDueBy(db: Db, today: string, horizon: string, scope: TUnitScope) {
  return db
    .select()
    .from(requests)
    .where(
      and(
        sql`${requests.status} <> 'concluded'`,
        sql`${requests.dueDate} <= ${horizon}::date`,
        sql`(${requests.status} <> 'paused' or ${requests.dueDate} < ${today}::date)`,
        inUnitScope(requests.unitId, scope),
      ),
    )
    .orderBy(requests.dueDate);
}

type TReminderKey = { requestId: number; kind: string; dueDate: string };

/** Records a reminder before it is sent; false when another run already claimed it. */
export async function claimReminder(db: Db, key: TReminderKey, recipients: string[]): Promise<boolean> {
  const claimed = await db
    .insert(requestReminders)
    .values({ ...key, recipients })
    .onConflictDoNothing()
    .returning();
  return claimed.length > 0;
}

export async function dropReminderClaim(db: Db, key: TReminderKey): Promise<void> {
  await db
    .delete(requestReminders)
    .where(
      and(
        eq(requestReminders.requestId, key.requestId),
        eq(requestReminders.kind, key.kind),
        eq(requestReminders.dueDate, key.dueDate),
      ),
    );
}
