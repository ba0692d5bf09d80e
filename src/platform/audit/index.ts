import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, gte, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import { auditLog } from "../db/tables";

/** Who is acting: a signed-in user, or the command line (userId null). */
export type TActor = { userId: number | null; name: string; ip: string; requestId: string };

export type TAuditEntry = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
};

export type TAuditRow = typeof auditLog.$inferSelect;

const GENESIS = "0".repeat(64);
// Serialises appends across connections and processes so that the chain stays linear.
const AUDIT_LOCK = 7_100_002;

/** Channel of the NOTIFY sent, on commit, by every change that may show on a public page. */
export const PUBLIC_CHANGE_CHANNEL = "gongkai_public_change";

// Entities that never show on a public page: their changes leave the public page cache alone, so
// that neither an applicant's request nor a staff member's case work empties it.
const PRIVATE_ENTITIES = new Set([
  "request",
  "appeal",
  "spot_check",
  "api_token",
  "user",
  "village_terminal",
  "subsidy_setting",
  "new_media_inspection",
  "training_session",
  "case_entry",
  "consultation_comment",
  "webhook",
  "meeting_registration",
  "open_day_registration",
  // 政务舆情 items hold letters' writers and work orders; only published responses show publicly.
  "opinion",
  "opinion_alert",
  "policy_question",
  "policy_enquiry",
]);

/**
 * Marks, for the request that runs inside it, whether a public change was recorded: the process
 * that made it empties its own page cache as soon as the request is done, before it answers, instead
 * of waiting for its own NOTIFY to come back.
 */
export const publicChangeScope = new AsyncLocalStorage<{ isChanged: boolean }>();

/**
 * The one audit function. Call it inside the transaction that makes the change, so that a change
 * without its audit entry cannot be committed. Several entries (a batch) are chained in the order given.
 */
export async function recordAudit(tx: Db, actor: TActor, entry: TAuditEntry | TAuditEntry[]): Promise<void> {
  const entries = Array.isArray(entry) ? entry : [entry];
  if (entries.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS;
  const at = new Date();
  const rows = entries.map((e) => {
    const row = {
      at,
      actorId: actor.userId,
      actorName: actor.name,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId == null ? null : String(e.entityId),
      unitId: e.unitId ?? null,
      before: toJson(e.before),
      after: toJson(e.after),
      ip: actor.ip,
      requestId: actor.requestId,
      prevHash,
    };
    prevHash = hashEntry(row);
    return { ...row, hash: prevHash };
  });
  // One statement: its rows take their ids (the chain's order) in the order of the values.
  await tx.insert(auditLog).values(rows);
  // Every change to public content is audited, so this one place tells all processes' page caches.
  if (entries.some((e) => !PRIVATE_ENTITIES.has(e.entity))) {
    await tx.execute(sql`select pg_notify(${PUBLIC_CHANGE_CHANNEL}, '')`);
    const scope = publicChangeScope.getStore();
    if (scope) scope.isChanged = true;
  }
}

type THashed = Omit<TAuditRow, "id" | "hash">;

/**
 * The hash covers the canonical JSON of the row's values (one serialiser, `canonicalJson`, when
 * writing and when verifying). `before`/`after` are read back parsed exactly once (see `jsonValue`),
 * so a recorded string such as "-1" is verified as that string, not as the number -1.
 *
 * Entries written before that read fix need no version marker: writing always stored and hashed the
 * right values, only reading them back was wrong. With the same algorithm they verify again, and
 * any real change to a stored value still breaks its hash.
 */
function hashEntry(row: THashed): string {
  const material = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash("sha256").update(material).digest("hex");
}

/** Dates become ISO strings and undefined disappears, exactly as a jsonb round trip would. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** JSON with object keys sorted at every level, so the hash does not depend on jsonb's key order. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

export type TChainReport = { checked: number; firstBroken: { id: number; reason: string } | null };

/** Walks the whole log in order and names the first entry whose hash or link does not match. */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<TChainReport> {
  let prevHash = GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) return { checked, firstBroken: null };
    for (const { id, hash, ...rest } of rows) {
      if (rest.prevHash !== prevHash)
        return { checked, firstBroken: { id, reason: "与上一条记录的链接不符" } };
      if (hashEntry(rest) !== hash) return { checked, firstBroken: { id, reason: "记录内容与其哈希值不符" } };
      prevHash = hash;
      lastId = id;
      checked++;
    }
  }
}

export type TAuditFilter = {
  actorId?: number;
  entity?: string;
  entityId?: string;
  action?: string;
  unitId?: number;
  from?: Date;
  to?: Date;
};

/** One page of the log, newest first, for the administrators' browser. */
export async function listAudit(db: Db, filter: TAuditFilter, page: number, pageSize: number) {
  const where: SQL[] = [];
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
  if (filter.entity) where.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.unitId) where.push(eq(auditLog.unitId, filter.unitId));
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lt(auditLog.at, filter.to));
  const cond = where.length ? and(...where) : undefined;
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(cond);
  const items = await db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total, items };
}

/** Distinct values for the filter drop-downs. */
export async function auditFacets(db: Db) {
  const entities = await db.selectDistinct({ v: auditLog.entity }).from(auditLog).orderBy(auditLog.entity);
  const actions = await db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  // People by account; entries from the command line (no account) are not a person to filter by.
  const actors = await db
    .selectDistinctOn([auditLog.actorId], { id: auditLog.actorId, name: auditLog.actorName })
    .from(auditLog)
    .where(isNotNull(auditLog.actorId))
    .orderBy(auditLog.actorId, desc(auditLog.id));
  return {
    entities: entities.map((r) => r.v),
    actions: actions.map((r) => r.v),
    actors: actors.map((r) => ({ id: r.id as number, name: r.name })),
  };
}
