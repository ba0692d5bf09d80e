import { and, asc, eq, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../platform/db";
import { consultationComments, consultations, decisionStages, decisions } from "./consultations.tables";

// The only place with SQL for decisions, consultations and comments. Public reads select no name or
// contact column at all, so a public page cannot show one by mistake.

export type TDecisionRow = typeof decisions.$inferSelect;
export type TStageRow = typeof decisionStages.$inferSelect;
export type TConsultationRow = typeof consultations.$inferSelect;
export type TCommentRow = typeof consultationComments.$inferSelect;

export async function insertDecision(db: Db, values: typeof decisions.$inferInsert) {
  const [row] = await db.insert(decisions).values(values).returning();
  return row as TDecisionRow;
}

export async function findDecision(db: Db, id: number): Promise<TDecisionRow | undefined> {
  const [row] = await db.select().from(decisions).where(eq(decisions.id, id));
  return row;
}

/** Decisions of a year (and unit), in unit and id order, with their unit's name. */
export function listDecisions(db: Db, filter: { year?: number; unitId?: number; unitIds?: number[] }) {
  const conds = [sql`true`];
  if (filter.year !== undefined) conds.push(sql`d.year = ${filter.year}`);
  if (filter.unitId !== undefined) conds.push(sql`d.unit_id = ${filter.unitId}`);
  if (filter.unitIds) conds.push(filter.unitIds.length ? sql`d.unit_id in ${filter.unitIds}` : sql`false`);
  return selectRows<{
    id: number;
    unitId: number;
    unitName: string;
    year: number;
    title: string;
    summary: string;
  }>(
    db,
    sql`select d.id, d.unit_id as "unitId", u.name as "unitName", d.year, d.title, d.summary
        from decisions d join units u on u.id = d.unit_id
        where ${sql.join(conds, sql` and `)}
        order by d.year desc, u.sort_order, u.id, d.id`,
  );
}

/** The years that have decisions, newest first (for the catalogue's year links). */
export async function decisionYears(db: Db): Promise<number[]> {
  const rows = await selectRows<{ year: number }>(
    db,
    sql`select distinct year from decisions order by year desc`,
  );
  return rows.map((r) => r.year);
}

export function stagesOf(db: Db, decisionIds: number[]) {
  if (decisionIds.length === 0)
    return Promise.resolve([] as (TStageRow & { documentTitle: string | null })[]);
  return selectRows<TStageRow & { documentTitle: string | null }>(
    db,
    sql`select s.id, s.decision_id as "decisionId", s.stage, to_char(s.date, 'YYYY-MM-DD') as date,
          s.document_id as "documentId", s.note, s.warnings, s.recorded_at as "recordedAt",
          case when doc.status = 'published' then doc.title end as "documentTitle"
        from decision_stages s left join documents doc on doc.id = s.document_id
        where s.decision_id in ${decisionIds}
        order by s.decision_id, s.date, s.id`,
  );
}

/** Records a stage, replacing the same stage recorded before; returns the row as it was before. */
export async function upsertStage(db: Db, values: typeof decisionStages.$inferInsert) {
  const [before] = await db
    .select()
    .from(decisionStages)
    .where(and(eq(decisionStages.decisionId, values.decisionId), eq(decisionStages.stage, values.stage)));
  await db
    .insert(decisionStages)
    .values(values)
    .onConflictDoUpdate({
      target: [decisionStages.decisionId, decisionStages.stage],
      set: {
        date: values.date,
        documentId: values.documentId ?? null,
        note: values.note ?? "",
        warnings: values.warnings ?? [],
        recordedAt: sql`now()`,
      },
    });
  await db.update(decisions).set({ updatedAt: sql`now()` }).where(eq(decisions.id, values.decisionId));
  return before;
}

export async function documentExists(db: Db, id: number): Promise<boolean> {
  const rows = await selectRows<{ id: number }>(db, sql`select id from documents where id = ${id}`);
  return rows.length > 0;
}

export async function insertConsultation(db: Db, values: typeof consultations.$inferInsert) {
  const [row] = await db.insert(consultations).values(values).returning();
  return row as TConsultationRow;
}

export async function findConsultation(db: Db, id: number): Promise<TConsultationRow | undefined> {
  const [row] = await db.select().from(consultations).where(eq(consultations.id, id));
  return row;
}

/** Locks the consultation row for the rest of the transaction (publishing against a new disposition). */
export async function lockConsultation(db: Db, id: number): Promise<TConsultationRow | undefined> {
  const [row] = await db.select().from(consultations).where(eq(consultations.id, id)).for("update");
  return row;
}

export type TConsultationListRow = {
  id: number;
  unitId: number;
  unitName: string;
  decisionId: number | null;
  title: string;
  opensAt: string;
  closesAt: string;
  feedbackPublishedAt: Date | null;
  commentCount: number;
  pending: number;
};

/** Consultations, newest closing first, with their comment counts (one grouped count, no comment rows). */
export function listConsultations(db: Db, filter: { unitIds?: number[]; decisionId?: number } = {}) {
  const conds = [sql`true`];
  if (filter.unitIds) conds.push(filter.unitIds.length ? sql`c.unit_id in ${filter.unitIds}` : sql`false`);
  if (filter.decisionId !== undefined) conds.push(sql`c.decision_id = ${filter.decisionId}`);
  return selectRows<TConsultationListRow>(
    db,
    sql`select c.id, c.unit_id as "unitId", u.name as "unitName", c.decision_id as "decisionId", c.title,
          to_char(c.opens_at, 'YYYY-MM-DD') as "opensAt", to_char(c.closes_at, 'YYYY-MM-DD') as "closesAt",
          c.feedback_published_at as "feedbackPublishedAt",
          coalesce(n.total, 0)::int as "commentCount", coalesce(n.pending, 0)::int as pending
        from consultations c join units u on u.id = c.unit_id
        left join (
          select consultation_id, count(*) as total, count(*) filter (where disposition is null) as pending
          from consultation_comments group by consultation_id
        ) n on n.consultation_id = c.id
        where ${sql.join(conds, sql` and `)}
        order by c.closes_at desc, c.id desc`,
  );
}

export type TCommentCounts = {
  total: number;
  adopted: number;
  partlyAdopted: number;
  notAdopted: number;
  notRelevant: number;
  pending: number;
  hidden: number;
};

/** The counts behind the feedback report: one pass over the (consultation, disposition) index. */
export async function commentCounts(db: Db, consultationId: number): Promise<TCommentCounts> {
  const [row] = await selectRows<TCommentCounts>(
    db,
    sql`select count(*)::int as total,
          (count(*) filter (where disposition = 'adopted'))::int as adopted,
          (count(*) filter (where disposition = 'partly_adopted'))::int as "partlyAdopted",
          (count(*) filter (where disposition = 'not_adopted'))::int as "notAdopted",
          (count(*) filter (where disposition = 'not_relevant'))::int as "notRelevant",
          (count(*) filter (where disposition is null))::int as pending,
          (count(*) filter (where hidden_at is not null))::int as hidden
        from consultation_comments where consultation_id = ${consultationId}`,
  );
  return row as TCommentCounts;
}

export type TPublicComment = {
  id: number;
  body: string | null;
  clause: string | null;
  disposition: string | null;
  reason: string | null;
  isHidden: boolean;
  hiddenReason: string | null;
  createdAt: string;
};

/**
 * One page of comments as the public may see them: no name, no contact; a hidden comment's body is
 * null (it is still listed and counted, with its disposition).
 */
export function publicComments(db: Db, consultationId: number, limit: number, offset: number) {
  return selectRows<TPublicComment>(
    db,
    sql`select id, case when hidden_at is null then body end as body, clause, disposition, reason,
          hidden_at is not null as "isHidden", hidden_reason as "hiddenReason",
          to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "createdAt"
        from consultation_comments where consultation_id = ${consultationId}
        order by id limit ${limit} offset ${offset}`,
  );
}

/** Every public comment of a consultation, for the exports (same columns as the page). */
export function allPublicComments(db: Db, consultationId: number) {
  return publicComments(db, consultationId, 1_000_000, 0);
}

/** Comments with contacts, for staff; `pendingOnly` lists those still without a disposition. */
export async function staffComments(
  db: Db,
  consultationId: number,
  opts: { limit: number; offset: number; pendingOnly?: boolean },
) {
  const conds = [eq(consultationComments.consultationId, consultationId)];
  if (opts.pendingOnly) conds.push(sql`${consultationComments.disposition} is null`);
  const where = and(...conds);
  const items = await db
    .select()
    .from(consultationComments)
    .where(where)
    .orderBy(asc(consultationComments.id))
    .limit(opts.limit)
    .offset(opts.offset);
  const [n] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from consultation_comments where ${where}`,
  );
  return { total: n?.n ?? 0, items };
}

export async function insertComment(db: Db, values: typeof consultationComments.$inferInsert) {
  const [row] = await db
    .insert(consultationComments)
    .values(values)
    .returning({ id: consultationComments.id });
  return row as { id: number };
}

export async function findComment(db: Db, consultationId: number, commentId: number) {
  const [row] = await db
    .select()
    .from(consultationComments)
    .where(
      and(eq(consultationComments.id, commentId), eq(consultationComments.consultationId, consultationId)),
    );
  return row;
}

export async function updateComment(
  db: Db,
  id: number,
  set: Partial<typeof consultationComments.$inferInsert>,
) {
  await db.update(consultationComments).set(set).where(eq(consultationComments.id, id));
}

export async function markFeedbackPublished(db: Db, id: number) {
  await db
    .update(consultations)
    .set({ feedbackPublishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(consultations.id, id));
}

/** Consultations closing within the window and those with comments awaiting a disposition. */
export function consultationsNeedingWork(db: Db, unitIds: number[] | "all", today: string, until: string) {
  const scope = unitIds === "all" ? sql`true` : unitIds.length ? sql`c.unit_id in ${unitIds}` : sql`false`;
  return selectRows<{ id: number; title: string; closesAt: string; pending: number; isClosingSoon: boolean }>(
    db,
    sql`select c.id, c.title, to_char(c.closes_at, 'YYYY-MM-DD') as "closesAt",
          (select count(*) from consultation_comments m
            where m.consultation_id = c.id and m.disposition is null)::int as pending,
          (c.opens_at <= ${today}::date and c.closes_at between ${today}::date and ${until}::date) as "isClosingSoon"
        from consultations c
        where ${scope} and c.feedback_published_at is null
          and (c.closes_at between ${today}::date and ${until}::date
            or exists (select 1 from consultation_comments m where m.consultation_id = c.id and m.disposition is null))
        order by c.closes_at, c.id limit 20`,
  );
}
