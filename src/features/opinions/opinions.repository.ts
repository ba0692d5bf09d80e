// The only place with SQL for 政务舆情.

import { and, asc, desc, eq, inArray, isNotNull, or, type SQL, sql } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import { type Db, selectRows } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import type { TEventType } from "./opinions.schemas";
import {
  opinionEvents,
  opinionReminders,
  opinionSpikeAlerts,
  opinions,
  opinionTopics,
  type TOpinionRow,
  type TTopicRow,
} from "./opinions.tables";

export type TNewOpinion = typeof opinions.$inferInsert;

/** A timestamp as a raw SQL parameter: postgres.js takes no Date inside sql``, PGlite does; text works for both. */
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

export async function listTopics(db: Db, opts: { isActiveOnly?: boolean } = {}): Promise<TTopicRow[]> {
  return db
    .select()
    .from(opinionTopics)
    .where(opts.isActiveOnly ? eq(opinionTopics.isActive, true) : undefined)
    .orderBy(asc(opinionTopics.sortOrder), asc(opinionTopics.id));
}

/** A topic by its code or its exact name. */
export async function findTopicByKey(db: Db, key: string): Promise<TTopicRow | undefined> {
  const [row] = await db
    .select()
    .from(opinionTopics)
    .where(or(eq(opinionTopics.code, key), eq(opinionTopics.name, key)));
  return row;
}

export async function findTopic(db: Db, id: number): Promise<TTopicRow | undefined> {
  const [row] = await db.select().from(opinionTopics).where(eq(opinionTopics.id, id));
  return row;
}

export async function insertTopic(db: Db, values: typeof opinionTopics.$inferInsert): Promise<TTopicRow> {
  const [row] = await db.insert(opinionTopics).values(values).returning();
  return row as TTopicRow;
}

export async function updateTopic(
  db: Db,
  id: number,
  set: Partial<Pick<TTopicRow, "keywords" | "isActive" | "name">>,
): Promise<void> {
  await db.update(opinionTopics).set(set).where(eq(opinionTopics.id, id));
}

export async function insertOpinion(db: Db, values: TNewOpinion): Promise<TOpinionRow> {
  const [row] = await db.insert(opinions).values(values).returning();
  return row as TOpinionRow;
}

export async function findOpinion(db: Db, id: number): Promise<TOpinionRow | undefined> {
  const [row] = await db.select().from(opinions).where(eq(opinions.id, id));
  return row;
}

/** The row locked for the rest of the transaction, so that two events on one item queue up. */
export async function lockOpinion(db: Db, id: number): Promise<TOpinionRow | undefined> {
  const [row] = await db.select().from(opinions).where(eq(opinions.id, id)).for("update");
  return row;
}

export async function updateOpinion(db: Db, id: number, set: Partial<TNewOpinion>): Promise<void> {
  await db
    .update(opinions)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(opinions.id, id));
}

export async function insertEvent(
  db: Db,
  values: {
    opinionId: number;
    type: TEventType;
    at: Date;
    documentId: number | null;
    note: string;
    actorName: string;
  },
): Promise<number> {
  const [row] = await db.insert(opinionEvents).values(values).returning({ id: opinionEvents.id });
  return (row as { id: number }).id;
}

export async function listEvents(db: Db, opinionId: number) {
  return db
    .select()
    .from(opinionEvents)
    .where(eq(opinionEvents.opinionId, opinionId))
    .orderBy(asc(opinionEvents.at));
}

export type TBoardCounts = { unitId: number | null; open: number; dueWithinHour: number; overdue: number };

/**
 * Per unit: items with a clock still running, those whose next due time is within the hour, and
 * those past it. Reads only running items, through the partial index on next_due_at.
 */
export async function boardCounts(db: Db, scope: TUnitScope, now: Date): Promise<TBoardCounts[]> {
  const soon = new Date(now.getTime() + 3_600_000);
  const rows = await db
    .select({
      unitId: opinions.unitId,
      open: sql<number>`count(*)::int`,
      dueWithinHour: sql<number>`(count(*) filter (where ${opinions.nextDueAt} >= ${ts(now)} and ${opinions.nextDueAt} <= ${ts(soon)}))::int`,
      overdue: sql<number>`(count(*) filter (where ${opinions.nextDueAt} < ${ts(now)}))::int`,
    })
    .from(opinions)
    .where(and(isNotNull(opinions.nextDueAt), inUnitScope(opinions.unitId, scope)))
    .groupBy(opinions.unitId);
  return rows.map((r) => ({
    ...r,
    open: Number(r.open),
    dueWithinHour: Number(r.dueWithinHour),
    overdue: Number(r.overdue),
  }));
}

/** Running items in the caller's units, the most urgent first (the board's list). */
export async function listRunning(db: Db, scope: TUnitScope, opts: { unitId?: number; limit: number }) {
  return db
    .select()
    .from(opinions)
    .where(
      and(
        isNotNull(opinions.nextDueAt),
        inUnitScope(opinions.unitId, scope),
        opts.unitId ? eq(opinions.unitId, opts.unitId) : undefined,
      ),
    )
    .orderBy(asc(opinions.nextDueAt), asc(opinions.id))
    .limit(opts.limit);
}

export type TOpinionFilter = {
  scope: TUnitScope;
  unitId?: number;
  topicId?: number;
  source?: string;
  isOpenOnly?: boolean;
};

export async function listOpinions(db: Db, f: TOpinionFilter, page: number, pageSize: number) {
  const cond: (SQL | undefined)[] = [
    inUnitScope(opinions.unitId, f.scope),
    f.unitId ? eq(opinions.unitId, f.unitId) : undefined,
    f.topicId ? eq(opinions.topicId, f.topicId) : undefined,
    f.source ? eq(opinions.source, f.source as TOpinionRow["source"]) : undefined,
    f.isOpenOnly ? isNotNull(opinions.nextDueAt) : undefined,
  ];
  const where = and(...cond);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(opinions).where(where);
  const items = await db
    .select()
    .from(opinions)
    .where(where)
    .orderBy(desc(opinions.discoveredAt), desc(opinions.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: Number(count?.n ?? 0), items };
}

export type TWorkOrderRow = Pick<
  TOpinionRow,
  | "id"
  | "workOrderNo"
  | "title"
  | "body"
  | "unitId"
  | "discoveredAt"
  | "handledAt"
  | "satisfaction"
  | "respondedAt"
  | "isTopicConfirmed"
>;

/** The items already imported under these 工单编号. */
export async function findByWorkOrders(db: Db, numbers: string[]): Promise<TWorkOrderRow[]> {
  if (numbers.length === 0) return [];
  return db
    .select({
      id: opinions.id,
      workOrderNo: opinions.workOrderNo,
      title: opinions.title,
      body: opinions.body,
      unitId: opinions.unitId,
      discoveredAt: opinions.discoveredAt,
      handledAt: opinions.handledAt,
      satisfaction: opinions.satisfaction,
      respondedAt: opinions.respondedAt,
      isTopicConfirmed: opinions.isTopicConfirmed,
    })
    .from(opinions)
    .where(inArray(opinions.workOrderNo, numbers));
}

/** Many work orders at once: one statement per batch from a JSON array (one parameter, however many rows). */
export async function insertOpinions(db: Db, rows: TNewOpinion[]): Promise<void> {
  if (rows.length === 0) return;
  const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
  const payload = rows.map((r) => ({
    title: r.title,
    body: r.body ?? "",
    source: r.source,
    topic_id: r.topicId ?? null,
    suggested_topic_id: r.suggestedTopicId ?? null,
    unit_id: r.unitId ?? null,
    severity: r.severity,
    discovered_at: iso(r.discoveredAt),
    release_due_at: iso(r.releaseDueAt),
    press_conference_due_at: iso(r.pressConferenceDueAt),
    response_due_at: iso(r.responseDueAt),
    responded_at: iso(r.respondedAt),
    next_due_at: iso(r.nextDueAt),
    work_order_no: r.workOrderNo ?? null,
    handled_at: iso(r.handledAt),
    satisfaction: r.satisfaction ?? "",
  }));
  await db.execute(sql`
    insert into opinions (title, body, source, topic_id, suggested_topic_id, unit_id, severity, discovered_at,
      release_due_at, press_conference_due_at, response_due_at, responded_at, next_due_at, work_order_no,
      handled_at, satisfaction)
    select title, body, source, topic_id, suggested_topic_id, unit_id, severity, discovered_at,
      release_due_at, press_conference_due_at, response_due_at, responded_at, next_due_at, work_order_no,
      handled_at, satisfaction
    from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as v(title text, body text, source text,
      topic_id int, suggested_topic_id int, unit_id int, severity text, discovered_at timestamptz,
      release_due_at timestamptz, press_conference_due_at timestamptz, response_due_at timestamptz,
      responded_at timestamptz, next_due_at timestamptz, work_order_no text, handled_at timestamptz,
      satisfaction text)`);
}

export type TWorkOrderUpdate = {
  id: number;
  title: string;
  body: string;
  unitId: number;
  discoveredAt: string;
  responseDueAt: string;
  respondedAt: string | null;
  nextDueAt: string | null;
  handledAt: string | null;
  satisfaction: string;
  /** Only when staff have not confirmed a topic yet: the keyword rules' new suggestion. */
  topicId: number | null;
  isTopicKept: boolean;
};

/** Many re-imported work orders changed at once: one statement per batch, from a JSON array. */
export async function updateWorkOrders(db: Db, rows: TWorkOrderUpdate[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update opinions o set
      title = v.title, body = v.body, unit_id = v.unit_id, discovered_at = v.discovered_at,
      response_due_at = v.response_due_at, responded_at = v.responded_at, next_due_at = v.next_due_at,
      handled_at = v.handled_at, satisfaction = v.satisfaction,
      topic_id = case when v.is_topic_kept then o.topic_id else v.topic_id end,
      suggested_topic_id = v.topic_id,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(
      rows.map((r) => ({
        id: r.id,
        title: r.title,
        body: r.body,
        unit_id: r.unitId,
        discovered_at: r.discoveredAt,
        response_due_at: r.responseDueAt,
        responded_at: r.respondedAt,
        next_due_at: r.nextDueAt,
        handled_at: r.handledAt,
        satisfaction: r.satisfaction,
        topic_id: r.topicId,
        is_topic_kept: r.isTopicKept,
      })),
    )}::jsonb) as v(id int, title text, body text, unit_id int, discovered_at timestamptz,
      response_due_at timestamptz, responded_at timestamptz, next_due_at timestamptz,
      handled_at timestamptz, satisfaction text, topic_id int, is_topic_kept boolean)
    where o.id = v.id`);
}

/** Items per topic and Beijing calendar day between two days (inclusive). */
export async function countsPerTopicDay(db: Db, fromDay: string, toDay: string, scope: TUnitScope) {
  const rows = await selectRows<{ topic_id: number | null; day: string; n: number | string }>(
    db,
    sql`select topic_id, to_char(discovered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, count(*) as n
      from opinions
      where discovered_at >= (${fromDay}::date)::timestamp at time zone 'Asia/Shanghai'
        and discovered_at < ((${toDay}::date + 1)::timestamp at time zone 'Asia/Shanghai')
        and ${inUnitScope(opinions.unitId, scope)}
      group by 1, 2 order by 2, 1`,
  );
  return rows.map((r) => ({ topicId: r.topic_id, day: r.day, count: Number(r.n) }));
}

/** Items per source and per unit, and how many were answered on time, for a period. */
export async function periodSummary(db: Db, from: Date, to: Date, scope: TUnitScope) {
  const where = sql`discovered_at >= ${ts(from)} and discovered_at < ${ts(to)} and ${inUnitScope(opinions.unitId, scope)}`;
  const bySource = await selectRows<{ source: string; n: number | string }>(
    db,
    sql`select source, count(*) as n from opinions where ${where} group by 1 order by 2 desc`,
  );
  const byUnit = await selectRows<{
    unit_id: number | null;
    n: number | string;
    on_time: number | string;
    late: number | string;
    open_overdue: number | string;
  }>(
    db,
    sql`select unit_id, count(*) as n,
        count(*) filter (where next_due_at is null and coalesce(released_at <= release_due_at, true)
          and coalesce(press_conference_at <= press_conference_due_at, true)
          and coalesce(responded_at <= response_due_at, true)) as on_time,
        count(*) filter (where released_at > release_due_at or press_conference_at > press_conference_due_at
          or responded_at > response_due_at) as late,
        count(*) filter (where next_due_at < now()) as open_overdue
      from opinions where ${where} group by 1 order by 2 desc`,
  );
  return {
    bySource: bySource.map((r) => ({ source: r.source, count: Number(r.n) })),
    byUnit: byUnit.map((r) => ({
      unitId: r.unit_id,
      count: Number(r.n),
      onTime: Number(r.on_time),
      late: Number(r.late),
      openOverdue: Number(r.open_overdue),
    })),
  };
}

/**
 * For each given topic, every item discovered in [from − 24 h, to] with how many items of its topic
 * were discovered in the 24 hours up to and including it: one pass per topic over the topic index.
 */
export async function rollingTopicCounts(db: Db, topicIds: number[], from: Date, to: Date) {
  if (topicIds.length === 0) return [];
  const rows = await selectRows<{ topic_id: number; at: string; n: number | string }>(
    db,
    sql`select topic_id, to_char(discovered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, n from (
        select topic_id, discovered_at,
          count(*) over (partition by topic_id order by discovered_at
            range between interval '24 hours' preceding and current row) as n
        from opinions
        where topic_id in (${sql.join(
          topicIds.map((id) => sql`${id}`),
          sql`, `,
        )})
          and discovered_at >= ${ts(new Date(from.getTime() - 86_400_000))} and discovered_at <= ${ts(to)}
      ) w where discovered_at >= ${ts(from)}
      order by topic_id, discovered_at`,
  );
  return rows.map((r) => ({ topicId: r.topic_id, at: new Date(r.at), count: Number(r.n) }));
}

export async function latestAlertEnds(db: Db, topicIds: number[]) {
  if (topicIds.length === 0) return [];
  return db
    .select({
      topicId: opinionSpikeAlerts.topicId,
      windowEnd: sql<string>`to_char(max(${opinionSpikeAlerts.windowEnd}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    })
    .from(opinionSpikeAlerts)
    .where(inArray(opinionSpikeAlerts.topicId, topicIds))
    .groupBy(opinionSpikeAlerts.topicId);
}

export async function insertAlerts(db: Db, rows: (typeof opinionSpikeAlerts.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return db.insert(opinionSpikeAlerts).values(rows).returning();
}

export async function listAlerts(
  db: Db,
  opts: { isOpenOnly?: boolean; from?: Date; to?: Date; limit?: number },
) {
  return db
    .select({
      id: opinionSpikeAlerts.id,
      topicId: opinionSpikeAlerts.topicId,
      topicName: opinionTopics.name,
      windowStart: opinionSpikeAlerts.windowStart,
      windowEnd: opinionSpikeAlerts.windowEnd,
      itemCount: opinionSpikeAlerts.itemCount,
      threshold: opinionSpikeAlerts.threshold,
      acknowledgedAt: opinionSpikeAlerts.acknowledgedAt,
    })
    .from(opinionSpikeAlerts)
    .innerJoin(opinionTopics, eq(opinionTopics.id, opinionSpikeAlerts.topicId))
    .where(
      and(
        opts.isOpenOnly ? sql`${opinionSpikeAlerts.acknowledgedAt} is null` : undefined,
        opts.from ? sql`${opinionSpikeAlerts.windowEnd} >= ${ts(opts.from)}` : undefined,
        opts.to ? sql`${opinionSpikeAlerts.windowEnd} < ${ts(opts.to)}` : undefined,
      ),
    )
    .orderBy(desc(opinionSpikeAlerts.windowEnd))
    .limit(opts.limit ?? 50);
}

export async function acknowledgeAlert(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(opinionSpikeAlerts)
    .set({ acknowledgedAt: new Date() })
    .where(and(eq(opinionSpikeAlerts.id, id), sql`${opinionSpikeAlerts.acknowledgedAt} is null`))
    .returning({ id: opinionSpikeAlerts.id });
  return rows.length > 0;
}

/** Published responses, newest first, for the public 回应关切 column. */
export async function listPublished(db: Db, page: number, pageSize: number) {
  const where = isNotNull(opinions.publishedAt);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(opinions).where(where);
  const items = await db
    .select({
      id: opinions.id,
      title: opinions.title,
      source: opinions.source,
      topicId: opinions.topicId,
      unitId: opinions.unitId,
      publicQuestion: opinions.publicQuestion,
      responseText: opinions.responseText,
      publishedAt: opinions.publishedAt,
    })
    .from(opinions)
    .where(where)
    .orderBy(desc(opinions.publishedAt), desc(opinions.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: Number(count?.n ?? 0), items };
}

/** Documents linked to the events of these items. */
export async function eventDocuments(db: Db, opinionIds: number[]) {
  if (opinionIds.length === 0) return [];
  return db
    .select({
      opinionId: opinionEvents.opinionId,
      documentId: opinionEvents.documentId,
      type: opinionEvents.type,
    })
    .from(opinionEvents)
    .where(and(inArray(opinionEvents.opinionId, opinionIds), isNotNull(opinionEvents.documentId)));
}

/** Running items whose next due time is before `until`, with no reminder of this kind yet. */
export async function itemsToRemind(db: Db, kind: "due_soon" | "overdue", now: Date, until: Date) {
  return db
    .select({
      id: opinions.id,
      title: opinions.title,
      unitId: opinions.unitId,
      nextDueAt: opinions.nextDueAt,
    })
    .from(opinions)
    .where(
      and(
        isNotNull(opinions.nextDueAt),
        kind === "overdue"
          ? sql`${opinions.nextDueAt} < ${ts(now)}`
          : sql`${opinions.nextDueAt} >= ${ts(now)} and ${opinions.nextDueAt} <= ${ts(until)}`,
        sql`not exists (select 1 from opinion_reminders r where r.opinion_id = ${opinions.id} and r.kind = ${kind})`,
      ),
    )
    .orderBy(asc(opinions.nextDueAt))
    .limit(500);
}

/** Claims reminders; returns the items this run may send for (another run may have claimed others). */
export async function claimReminders(db: Db, kind: "due_soon" | "overdue", ids: number[], to: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .insert(opinionReminders)
    .values(ids.map((opinionId) => ({ opinionId, kind, sentTo: to })))
    .onConflictDoNothing()
    .returning({ id: opinionReminders.opinionId });
  return rows.map((r) => r.id);
}

export async function dropReminders(db: Db, kind: "due_soon" | "overdue", ids: number[]) {
  if (ids.length === 0) return;
  await db
    .delete(opinionReminders)
    .where(and(eq(opinionReminders.kind, kind), inArray(opinionReminders.opinionId, ids)));
}

export async function nextMailboxNo(db: Db, year: number): Promise<string> {
  const [row] = await selectRows<{ n: string }>(db, sql`select nextval('opinion_mailbox_seq')::text as n`);
  return `LDXX${year}${String(row?.n ?? "0").padStart(6, "0")}`;
}

/** Per clock: items where it runs, runs out within the hour, or has run out (the dashboard's cards). */
export async function clockCounts(db: Db, scope: TUnitScope, now: Date) {
  const soon = new Date(now.getTime() + 3_600_000);
  // Each count needs its own name: rows come back as objects keyed by column name.
  const per = (k: string, due: SQL, done: SQL) => sql`
    (count(*) filter (where ${due} is not null and ${done} is null))::int as ${sql.raw(`${k}_open`)},
    (count(*) filter (where ${done} is null and ${due} >= ${ts(now)} and ${due} <= ${ts(soon)}))::int as ${sql.raw(`${k}_soon`)},
    (count(*) filter (where ${done} is null and ${due} < ${ts(now)}))::int as ${sql.raw(`${k}_over`)}`;
  const [row] = await selectRows<Record<string, number | string>>(
    db,
    sql`select ${per("release", sql`release_due_at`, sql`released_at`)},
      ${per("press", sql`press_conference_due_at`, sql`press_conference_at`)},
      ${per("response", sql`response_due_at`, sql`responded_at`)}
      from opinions where next_due_at is not null and ${inUnitScope(opinions.unitId, scope)}`,
  );
  const at = (k: string) => ({
    open: Number(row?.[`${k}_open`] ?? 0),
    dueWithinHour: Number(row?.[`${k}_soon`] ?? 0),
    overdue: Number(row?.[`${k}_over`] ?? 0),
  });
  return { release: at("release"), press_conference: at("press"), response: at("response") };
}
