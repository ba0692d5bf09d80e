import { and, eq, sql } from "drizzle-orm";
import type { TUnitScope } from "../../platform/auth/permissions";
import { type Db, selectRows } from "../../platform/db";
import { inUnitScope } from "../../platform/db/unit-scope";
import { documentSignoffs } from "./signoffs.tables";

// The only place with SQL for sign-offs. It reads a few columns of the documents table (unit,
// status, title, text) so that a signing unit's head, who may not open another unit's draft in the
// document library, can read what they sign; it never writes there.

export type TSignoffRow = {
  unitId: number;
  unitName: string;
  decision: "signed" | "returned" | null;
  comment: string;
  decidedAt: Date | null;
  decidedByName: string | null;
};

export function signoffsOf(db: Db, documentId: number): Promise<TSignoffRow[]> {
  return selectRows<TSignoffRow>(
    db,
    sql`select s.unit_id as "unitId", u.name as "unitName", s.decision, s.comment, s.decided_at as "decidedAt",
          us.display_name as "decidedByName"
        from document_signoffs s join units u on u.id = s.unit_id left join users us on us.id = s.decided_by
        where s.document_id = ${documentId} order by u.sort_order, u.id`,
  );
}

export type TDocumentBrief = {
  id: number;
  unitId: number;
  unitName: string;
  title: string;
  docNumber: string | null;
  status: string;
  body: string;
};

export async function documentBrief(db: Db, id: number): Promise<TDocumentBrief | undefined> {
  const [row] = await selectRows<TDocumentBrief>(
    db,
    sql`select d.id, d.unit_id as "unitId", u.name as "unitName", d.title, d.doc_number as "docNumber", d.status, d.body
        from documents d join units u on u.id = d.unit_id where d.id = ${id}`,
  );
  return row;
}

/** Locks the document's sign-off rows (and so orders two decisions on one document). */
export async function lockSignoffs(tx: Db, documentId: number) {
  await tx.execute(sql`select 1 from documents where id = ${documentId} for update`);
}

/** Replaces who must sign: units kept keep their decision, units added start unsigned. */
export async function replaceSignoffs(tx: Db, documentId: number, unitIds: number[]) {
  await tx.delete(documentSignoffs).where(
    unitIds.length === 0
      ? eq(documentSignoffs.documentId, documentId)
      : and(
          eq(documentSignoffs.documentId, documentId),
          sql`${documentSignoffs.unitId} not in (${sql.join(
            unitIds.map((u) => sql`${u}`),
            sql`, `,
          )})`,
        ),
  );
  if (unitIds.length > 0)
    await tx
      .insert(documentSignoffs)
      .values(unitIds.map((unitId) => ({ documentId, unitId })))
      .onConflictDoNothing();
}

export async function setDecision(
  tx: Db,
  documentId: number,
  unitId: number,
  set: { decision: "signed" | "returned"; comment: string; decidedBy: number | null },
) {
  await tx
    .update(documentSignoffs)
    .set({ ...set, decidedAt: new Date() })
    .where(and(eq(documentSignoffs.documentId, documentId), eq(documentSignoffs.unitId, unitId)));
}

/** Documents not yet published that wait for a decision of one of the units in scope. */
export function waitingFor(db: Db, scope: TUnitScope) {
  return selectRows<{
    documentId: number;
    title: string;
    unitId: number;
    unitName: string;
    ownerName: string;
    decision: string | null;
  }>(
    db,
    sql`select d.id as "documentId", d.title, s.unit_id as "unitId", u.name as "unitName", o.name as "ownerName", s.decision
        from document_signoffs s join documents d on d.id = s.document_id
          join units u on u.id = s.unit_id join units o on o.id = d.unit_id
        where s.decision is null and d.status <> 'published' and ${inUnitScope(sql`s.unit_id`, scope)}
        order by s.requested_at, d.id limit 50`,
  );
}

export async function unitsExist(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await selectRows<{ id: number }>(
    db,
    sql`select id from units where id in (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return rows.map((r) => r.id);
}
