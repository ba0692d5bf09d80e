import { and, eq, sql } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import { type Db, selectRows } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import { proposalCoUnits, proposalReplies, proposals } from "./proposals.tables";

// The only place with SQL for proposals. Public reads select only published replies and never the
// submitters' names.

export type TProposalRow = typeof proposals.$inferSelect;
export type TReplyRow = typeof proposalReplies.$inferSelect;
export type TCoUnitRow = typeof proposalCoUnits.$inferSelect & { unitName: string };

export async function insertProposal(
  tx: Db,
  row: typeof proposals.$inferInsert,
  coUnitIds: number[],
): Promise<TProposalRow> {
  const [created] = await tx.insert(proposals).values(row).returning();
  if (!created) throw new Error("insert returned nothing");
  if (coUnitIds.length > 0)
    await tx.insert(proposalCoUnits).values(coUnitIds.map((unitId) => ({ proposalId: created.id, unitId })));
  return created;
}

/** The proposal, locked for the rest of the transaction so that two replies cannot both pass the checks. */
export async function lockProposal(tx: Db, id: number): Promise<TProposalRow | undefined> {
  const [row] = await tx.select().from(proposals).where(eq(proposals.id, id)).for("update");
  return row;
}

export async function findProposal(db: Db, id: number): Promise<TProposalRow | undefined> {
  const [row] = await db.select().from(proposals).where(eq(proposals.id, id));
  return row;
}

export async function updateProposal(tx: Db, id: number, set: Partial<typeof proposals.$inferInsert>) {
  await tx
    .update(proposals)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(proposals.id, id));
}

export function coUnitsOf(db: Db, proposalId: number): Promise<TCoUnitRow[]> {
  return selectRows<TCoUnitRow>(
    db,
    sql`select c.proposal_id as "proposalId", c.unit_id as "unitId", c.opinion, c.opinion_at::text as "opinionAt",
          u.name as "unitName"
        from proposal_co_units c join units u on u.id = c.unit_id
        where c.proposal_id = ${proposalId} order by u.sort_order, u.id`,
  );
}

export async function repliesOf(db: Db, proposalId: number): Promise<TReplyRow[]> {
  return db
    .select()
    .from(proposalReplies)
    .where(eq(proposalReplies.proposalId, proposalId))
    .orderBy(proposalReplies.round);
}

export async function insertReply(tx: Db, row: typeof proposalReplies.$inferInsert): Promise<TReplyRow> {
  const [created] = await tx.insert(proposalReplies).values(row).returning();
  if (!created) throw new Error("insert returned nothing");
  return created;
}

export async function setSatisfaction(tx: Db, proposalId: number, round: number, result: string, on: string) {
  await tx
    .update(proposalReplies)
    .set({ satisfaction: result as TReplyRow["satisfaction"], satisfactionAt: on })
    .where(and(eq(proposalReplies.proposalId, proposalId), eq(proposalReplies.round, round)));
}

export async function setCoOpinion(tx: Db, proposalId: number, unitId: number, text: string, on: string) {
  await tx
    .update(proposalCoUnits)
    .set({ opinion: text, opinionAt: on })
    .where(and(eq(proposalCoUnits.proposalId, proposalId), eq(proposalCoUnits.unitId, unitId)));
}

/** A proposal is the business of its lead unit and its co-units. */
const visibleTo = (scope: TUnitScope) =>
  scope === "all"
    ? sql`true`
    : sql`(${inUnitScope(sql`p.lead_unit_id`, scope)} or exists (select 1 from proposal_co_units c
          where c.proposal_id = p.id and ${inUnitScope(sql`c.unit_id`, scope)}))`;

export async function isVisible(db: Db, id: number, scope: TUnitScope): Promise<boolean> {
  const rows = await selectRows<{ id: number }>(
    db,
    sql`select p.id from proposals p where p.id = ${id} and ${visibleTo(scope)}`,
  );
  return rows.length > 0;
}

export type TStaffListRow = {
  id: number;
  kind: TProposalRow["kind"];
  year: number;
  number: string;
  title: string;
  leadUnitName: string;
  assignedAt: string;
  dueDate: string;
  dueDateProvisional: boolean;
  status: TProposalRow["status"];
  round: number;
};

/** The proposals of the caller's units (lead or co-unit) for one year, newest number last. */
export async function listForStaff(
  db: Db,
  scope: TUnitScope,
  f: { year: number; status?: string },
): Promise<TStaffListRow[]> {
  return selectRows<TStaffListRow>(
    db,
    sql`select p.id, p.kind, p.year, p.number, p.title, u.name as "leadUnitName", p.assigned_at::text as "assignedAt",
          p.due_date::text as "dueDate", p.due_date_provisional as "dueDateProvisional", p.status, p.round
        from proposals p join units u on u.id = p.lead_unit_id
        where p.year = ${f.year} and ${visibleTo(scope)} ${f.status ? sql`and p.status = ${f.status}` : sql``}
        order by p.kind, length(p.number), p.number`,
  );
}

export type TPublicReplyRow = {
  id: number;
  kind: TProposalRow["kind"];
  year: number;
  number: string;
  title: string;
  leadUnitId: number;
  leadUnitName: string;
  assignedAt: string;
  round: number;
  repliedAt: string;
  category: string;
  body: string;
};

/**
 * Proposals with at least one published reply, a page at a time, and those replies. Counted and
 * paged over proposals (one query each), then the replies of that page only.
 */
export async function listPublished(
  db: Db,
  f: { year?: number; kind?: string; page: number; pageSize: number },
): Promise<{
  total: number;
  items: (Omit<TPublicReplyRow, "round" | "repliedAt" | "category" | "body"> & {
    replies: Pick<TPublicReplyRow, "round" | "repliedAt" | "category" | "body">[];
  })[];
}> {
  const where = sql`exists (select 1 from proposal_replies r where r.proposal_id = p.id and r.is_public)
    ${f.year ? sql`and p.year = ${f.year}` : sql``} ${f.kind ? sql`and p.kind = ${f.kind}` : sql``}`;
  const [counted] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from proposals p where ${where}`,
  );
  const rows = await selectRows<Omit<TPublicReplyRow, "round" | "repliedAt" | "category" | "body">>(
    db,
    sql`select p.id, p.kind, p.year, p.number, p.title, p.lead_unit_id as "leadUnitId", u.name as "leadUnitName",
          p.assigned_at::text as "assignedAt"
        from proposals p join units u on u.id = p.lead_unit_id
        where ${where}
        order by p.year desc, p.kind, length(p.number), p.number
        limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const ids = rows.map((r) => r.id);
  const replies =
    ids.length === 0
      ? []
      : await selectRows<TPublicReplyRow & { proposalId: number }>(
          db,
          sql`select r.proposal_id as "proposalId", r.round, r.replied_at::text as "repliedAt", r.category, r.body
              from proposal_replies r
              where r.is_public and r.proposal_id in (${sql.join(
                ids.map((id) => sql`${id}`),
                sql`, `,
              )})
              order by r.proposal_id, r.round`,
        );
  return {
    total: counted?.n ?? 0,
    items: rows.map((r) => ({
      ...r,
      replies: replies
        .filter((x) => x.proposalId === r.id)
        .map(({ round, repliedAt, category, body }) => ({ round, repliedAt, category, body })),
    })),
  };
}

/** One proposal with its published replies, or nothing when none of its replies is published. */
export async function findPublished(db: Db, id: number) {
  const rows = await selectRows<Omit<TPublicReplyRow, "round" | "repliedAt" | "category" | "body">>(
    db,
    sql`select p.id, p.kind, p.year, p.number, p.title, p.lead_unit_id as "leadUnitId", u.name as "leadUnitName",
          p.assigned_at::text as "assignedAt"
        from proposals p join units u on u.id = p.lead_unit_id
        where p.id = ${id} and exists (select 1 from proposal_replies r where r.proposal_id = p.id and r.is_public)`,
  );
  const [row] = rows;
  if (!row) return null;
  const replies = (await repliesOf(db, id)).filter((r) => r.isPublic);
  return { ...row, replies };
}

export type TUnitStatsRow = {
  unitId: number;
  unitName: string;
  total: number;
  A: number;
  B: number;
  C: number;
  pending: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
};

/**
 * Per lead unit for one year: proposals assigned, the category of each one's latest reply (A/B/C),
 * those not yet replied to, and the deputy's latest view. One grouped query.
 */
export function statsByUnit(db: Db, year: number, kind?: string): Promise<TUnitStatsRow[]> {
  return selectRows<TUnitStatsRow>(
    db,
    sql`with latest as (
          select distinct on (r.proposal_id) r.proposal_id, r.category, r.satisfaction
          from proposal_replies r order by r.proposal_id, r.round desc)
        select u.id as "unitId", u.name as "unitName", count(*)::int as total,
          (count(*) filter (where l.category = 'A'))::int as "A",
          (count(*) filter (where l.category = 'B'))::int as "B",
          (count(*) filter (where l.category = 'C'))::int as "C",
          (count(*) filter (where l.category is null))::int as pending,
          (count(*) filter (where l.satisfaction = 'satisfied'))::int as satisfied,
          (count(*) filter (where l.satisfaction = 'basically_satisfied'))::int as "basicallySatisfied",
          (count(*) filter (where l.satisfaction = 'dissatisfied'))::int as dissatisfied
        from proposals p join units u on u.id = p.lead_unit_id left join latest l on l.proposal_id = p.id
        where p.year = ${year} ${kind ? sql`and p.kind = ${kind}` : sql``}
        group by u.id, u.name, u.sort_order order by u.sort_order, u.id`,
  );
}

export type TDueRow = {
  id: number;
  kind: TProposalRow["kind"];
  number: string;
  title: string;
  dueDate: string;
  leadUnitName: string;
};

/** Proposals still waiting for their lead unit's reply, due by `until`, for the units in scope. */
export function proposalsDueBy(db: Db, scope: TUnitScope, until: string): Promise<TDueRow[]> {
  return selectRows<TDueRow>(
    db,
    sql`select p.id, p.kind, p.number, p.title, p.due_date::text as "dueDate", u.name as "leadUnitName"
        from proposals p join units u on u.id = p.lead_unit_id
        where p.status = 'handling' and p.due_date <= ${until}::date and ${inUnitScope(sql`p.lead_unit_id`, scope)}
        order by p.due_date, p.id limit 50`,
  );
}
