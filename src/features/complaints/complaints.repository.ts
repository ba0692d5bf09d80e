import { and, eq, sql } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import { type Db, selectRows } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import { complaints } from "./complaints.tables";

// The only place with SQL for complaints. Public reads never select the description or the contact.

export type TComplaintRow = typeof complaints.$inferSelect;

/** Inserts with a receipt number made from the row's own id, so two parallel posts never share one. */
export async function insertComplaint(
  tx: Db,
  row: Omit<typeof complaints.$inferInsert, "id" | "receiptNo">,
): Promise<TComplaintRow> {
  const [next] = await selectRows<{ id: number }>(tx, sql`select nextval('complaints_id_seq')::int as id`);
  const id = next?.id ?? 0;
  const receiptNo = `TS${row.submittedOn.slice(0, 4)}${String(id).padStart(6, "0")}`;
  const [created] = await tx
    .insert(complaints)
    .values({ ...row, id, receiptNo })
    .returning();
  if (!created) throw new Error("insert returned nothing");
  return created;
}

export async function lockComplaint(tx: Db, id: number): Promise<TComplaintRow | undefined> {
  const [row] = await tx.select().from(complaints).where(eq(complaints.id, id)).for("update");
  return row;
}

export async function findComplaint(db: Db, id: number): Promise<TComplaintRow | undefined> {
  const [row] = await db.select().from(complaints).where(eq(complaints.id, id));
  return row;
}

export async function findByReceipt(db: Db, receiptNo: string, codeHash: string) {
  const [row] = await db
    .select()
    .from(complaints)
    .where(and(eq(complaints.receiptNo, receiptNo), eq(complaints.queryCodeHash, codeHash)));
  return row;
}

export async function updateComplaint(tx: Db, id: number, set: Partial<typeof complaints.$inferInsert>) {
  const [row] = await tx
    .update(complaints)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(complaints.id, id))
    .returning();
  return row;
}

/** Complaints the caller handles: the office sees all (also those not yet routed), a unit its own. */
export function listForStaff(db: Db, scope: TUnitScope, f: { status?: string }) {
  return selectRows<
    Pick<
      TComplaintRow,
      "id" | "receiptNo" | "organisation" | "sector" | "status" | "rectifyBy" | "submittedOn"
    > & {
      unitName: string | null;
    }
  >(
    db,
    sql`select c.id, c.receipt_no as "receiptNo", c.organisation, c.sector, c.status, c.rectify_by::text as "rectifyBy",
          c.submitted_on::text as "submittedOn", u.name as "unitName"
        from complaints c left join units u on u.id = c.unit_id
        where ${inUnitScope(sql`c.unit_id`, scope)} ${f.status ? sql`and c.status = ${f.status}` : sql``}
        order by c.id desc limit 500`,
  );
}

export type TPublishedRow = {
  receiptNo: string;
  organisation: string;
  sector: TComplaintRow["sector"];
  unitName: string;
  rectifyBy: string | null;
  finding: TComplaintRow["finding"];
  concludedOn: string;
  publicSummary: string;
};

/** Published outcomes of one year (by the date concluded), newest first. */
export function listPublished(db: Db, year: number) {
  return selectRows<TPublishedRow>(
    db,
    sql`select c.receipt_no as "receiptNo", c.organisation, c.sector, coalesce(u.name, '') as "unitName",
          c.rectify_by::text as "rectifyBy", c.finding, c.concluded_on::text as "concludedOn", c.public_summary as "publicSummary"
        from complaints c left join units u on u.id = c.unit_id
        where c.is_published and c.concluded_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date
        order by c.concluded_on desc, c.id desc limit 500`,
  );
}

export type TSectorCountRow = {
  sector: TComplaintRow["sector"];
  received: number;
  concluded: number;
  rectified: number;
  notRectified: number;
  unfounded: number;
  open: number;
};

/** Counts per sector of the complaints received in the year: one grouped query, no text. */
export function countsBySector(db: Db, year: number) {
  return selectRows<TSectorCountRow>(
    db,
    sql`select c.sector, count(*)::int as received,
          (count(*) filter (where c.status = 'concluded'))::int as concluded,
          (count(*) filter (where c.finding = 'rectified'))::int as rectified,
          (count(*) filter (where c.finding = 'not_rectified'))::int as "notRectified",
          (count(*) filter (where c.finding = 'unfounded'))::int as unfounded,
          (count(*) filter (where c.status <> 'concluded'))::int as open
        from complaints c
        where c.submitted_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date
        group by c.sector`,
  );
}

/** Complaints still under rectification after their deadline, for the units in scope. */
export function pastRectification(db: Db, scope: TUnitScope, today: string) {
  return selectRows<{
    id: number;
    receiptNo: string;
    organisation: string;
    rectifyBy: string;
    unitName: string;
  }>(
    db,
    sql`select c.id, c.receipt_no as "receiptNo", c.organisation, c.rectify_by::text as "rectifyBy", coalesce(u.name, '') as "unitName"
        from complaints c left join units u on u.id = c.unit_id
        where c.status = 'rectifying' and c.rectify_by < ${today}::date and ${inUnitScope(sql`c.unit_id`, scope)}
        order by c.rectify_by, c.id limit 50`,
  );
}

export async function countUnassigned(db: Db): Promise<number> {
  const [r] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from complaints where status = 'submitted'`,
  );
  return r?.n ?? 0;
}
