import { and, asc, eq, getTableColumns, inArray, isNull, or, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../platform/db";
import {
  catalogueAreas,
  catalogueItems,
  cataloguePostings,
  catalogueRectifications,
  documentCatalogueItems,
} from "./catalogues.tables";
import type { TTimeRule } from "./parse-time-limit";

// The only place with SQL for the standard catalogues, their tags, postings and rectifications.

export type TAreaRow = typeof catalogueAreas.$inferSelect;
export type TItemRow = typeof catalogueItems.$inferSelect & { areaName: string };

/** The areas a unit's catalogue may use: the State Council's, the city's and the unit's own. */
export function areasFor(db: Db, unitId: number | null, opts: { isActiveOnly?: boolean } = {}) {
  const scope =
    unitId === null ? sql`true` : or(isNull(catalogueAreas.unitId), eq(catalogueAreas.unitId, unitId));
  return db
    .select()
    .from(catalogueAreas)
    .where(and(scope, opts.isActiveOnly ? eq(catalogueAreas.isActive, true) : sql`true`))
    .orderBy(
      sql`case ${catalogueAreas.tier} when 'state' then 0 when 'city' then 1 else 2 end`,
      asc(catalogueAreas.sortOrder),
      asc(catalogueAreas.id),
    );
}

export async function findArea(db: Db, id: number) {
  const [row] = await db.select().from(catalogueAreas).where(eq(catalogueAreas.id, id));
  return row;
}

export async function insertArea(tx: Db, v: typeof catalogueAreas.$inferInsert) {
  const [row] = await tx.insert(catalogueAreas).values(v).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function setAreaActive(tx: Db, id: number, isActive: boolean) {
  const [row] = await tx
    .update(catalogueAreas)
    .set({ isActive })
    .where(eq(catalogueAreas.id, id))
    .returning();
  return row;
}

export async function insertItems(tx: Db, rows: (typeof catalogueItems.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(catalogueItems).values(rows).returning();
}

const itemColumns = { ...getTableColumns(catalogueItems), areaName: catalogueAreas.name };

/** A unit's active items (or every unit's), in catalogue order: area, then as entered. */
export function itemsOf(db: Db, unitId: number | null): Promise<TItemRow[]> {
  return db
    .select(itemColumns)
    .from(catalogueItems)
    .innerJoin(catalogueAreas, eq(catalogueAreas.id, catalogueItems.areaId))
    .where(
      and(eq(catalogueItems.isActive, true), unitId === null ? sql`true` : eq(catalogueItems.unitId, unitId)),
    )
    .orderBy(
      asc(catalogueItems.unitId),
      sql`case ${catalogueAreas.tier} when 'state' then 0 when 'city' then 1 else 2 end`,
      asc(catalogueAreas.sortOrder),
      asc(catalogueAreas.id),
      asc(catalogueItems.sortOrder),
      asc(catalogueItems.id),
    );
}

export async function findItem(db: Db, id: number): Promise<TItemRow | undefined> {
  const [row] = await db
    .select(itemColumns)
    .from(catalogueItems)
    .innerJoin(catalogueAreas, eq(catalogueAreas.id, catalogueItems.areaId))
    .where(eq(catalogueItems.id, id));
  return row;
}

export async function setItemActive(tx: Db, id: number, isActive: boolean) {
  await tx.update(catalogueItems).set({ isActive, updatedAt: new Date() }).where(eq(catalogueItems.id, id));
}

/** The largest sort order of a unit's items, so that new ones come after. */
export async function lastSortOrder(db: Db, unitId: number) {
  const [row] = await selectRows<{ n: number }>(
    db,
    sql`select coalesce(max(sort_order), 0)::int as n from catalogue_items where unit_id = ${unitId}`,
  );
  return row?.n ?? 0;
}

export const timeRuleOf = (row: {
  timeRuleKind: string | null;
  timeRuleDays: number | null;
}): TTimeRule | null =>
  row.timeRuleKind === "workdays_after_event" && row.timeRuleDays !== null
    ? { kind: "workdays_after_event", days: row.timeRuleDays }
    : null;

export type TDocumentFacts = {
  id: number;
  unit_id: number;
  status: string;
  title: string;
  topics: string[];
  keywords: string[];
};

/** The few facts about a document the tagging needs (documents are another feature's; read only). */
export async function documentFacts(db: Db, id: number): Promise<TDocumentFacts | undefined> {
  const [row] = await selectRows<TDocumentFacts>(
    db,
    sql`select id, unit_id, status, title, topics, keywords from documents where id = ${id}`,
  );
  return row;
}

export async function itemIdsOfDocument(db: Db, documentId: number): Promise<number[]> {
  const rows = await db
    .select({ itemId: documentCatalogueItems.itemId })
    .from(documentCatalogueItems)
    .where(eq(documentCatalogueItems.documentId, documentId))
    .orderBy(asc(documentCatalogueItems.itemId));
  return rows.map((r) => r.itemId);
}

/** Replaces a document's tags, in the caller's transaction. */
export async function replaceDocumentItems(tx: Db, documentId: number, itemIds: number[], by: string) {
  await tx.delete(documentCatalogueItems).where(eq(documentCatalogueItems.documentId, documentId));
  if (itemIds.length)
    await tx
      .insert(documentCatalogueItems)
      .values(itemIds.map((itemId) => ({ documentId, itemId, taggedBy: by })))
      .onConflictDoNothing();
}

export type TPublicationRow = {
  item_id: number;
  document_id: number | null;
  posting_id: number | null;
  title: string;
  formed_on: string | null;
  published_on: string;
  channels: string[];
};

/**
 * Every publication of the unit's items (or every unit's) in [from, to]: published documents tagged
 * with the item, with the channels of postings recorded for them, and postings that stand alone.
 * Two grouped scans, however many items: the check costs the same for one unit or the district.
 */
export function publicationsInPeriod(db: Db, unitId: number | null, from: string, to: string) {
  const ofUnit = unitId === null ? sql`true` : sql`i.unit_id = ${unitId}`;
  return selectRows<TPublicationRow>(
    db,
    sql`with extra as (
          select p.item_id, p.document_id, array_agg(distinct p.channel order by p.channel) as channels
            from catalogue_postings p join catalogue_items i on i.id = p.item_id
           where ${ofUnit} and p.document_id is not null group by 1, 2)
      select t.item_id, d.id as document_id, null::int as posting_id, d.title,
          to_char(d.written_at, 'YYYY-MM-DD') as formed_on,
          to_char(d.published_at, 'YYYY-MM-DD') as published_on,
          coalesce(e.channels, '{}') as channels
        from document_catalogue_items t
        join catalogue_items i on i.id = t.item_id
        join documents d on d.id = t.document_id
        left join extra e on e.item_id = t.item_id and e.document_id = d.id
        where ${ofUnit} and i.is_active and d.status = 'published'
          and d.published_at between ${from}::date and ${to}::date
      union all
      select p.item_id, null, p.id, p.title, to_char(p.formed_on, 'YYYY-MM-DD'),
          to_char(p.posted_on, 'YYYY-MM-DD'), array[p.channel]
        from catalogue_postings p
        join catalogue_items i on i.id = p.item_id
        where ${ofUnit} and i.is_active and p.document_id is null
          and p.posted_on between ${from}::date and ${to}::date
      order by 1, 6, 2, 3`,
  );
}

export async function insertPosting(tx: Db, v: typeof cataloguePostings.$inferInsert) {
  const [row] = await tx.insert(cataloguePostings).values(v).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export function postingsOfItems(db: Db, itemIds: number[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(cataloguePostings)
    .where(inArray(cataloguePostings.itemId, itemIds))
    .orderBy(asc(cataloguePostings.postedOn), asc(cataloguePostings.id));
}

export type TRectificationRow = typeof catalogueRectifications.$inferSelect;

export async function insertRectifications(tx: Db, rows: (typeof catalogueRectifications.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(catalogueRectifications).values(rows).returning();
}

/** The rectification list (of one unit, or all), open ones first, by deadline. */
export function rectificationsOf(db: Db, unitId: number | null) {
  return db
    .select({
      r: catalogueRectifications,
      level1: catalogueItems.level1,
      level2: catalogueItems.level2,
      areaName: catalogueAreas.name,
    })
    .from(catalogueRectifications)
    .innerJoin(catalogueItems, eq(catalogueItems.id, catalogueRectifications.itemId))
    .innerJoin(catalogueAreas, eq(catalogueAreas.id, catalogueItems.areaId))
    .where(unitId === null ? sql`true` : eq(catalogueRectifications.unitId, unitId))
    .orderBy(
      sql`case ${catalogueRectifications.status} when 'open' then 0 else 1 end`,
      asc(catalogueRectifications.deadline),
      asc(catalogueRectifications.id),
    );
}

export async function findRectification(db: Db, id: number) {
  const [row] = await db.select().from(catalogueRectifications).where(eq(catalogueRectifications.id, id));
  return row;
}

export async function updateRectification(
  tx: Db,
  id: number,
  v: Partial<typeof catalogueRectifications.$inferInsert>,
) {
  const [row] = await tx
    .update(catalogueRectifications)
    .set(v)
    .where(eq(catalogueRectifications.id, id))
    .returning();
  return row;
}

/** Open rectifications with the same unit, item, problem and period, so a second run adds none twice. */
export async function openRectificationKeys(db: Db, from: string, to: string) {
  const rows = await db
    .select({ itemId: catalogueRectifications.itemId, problem: catalogueRectifications.problem })
    .from(catalogueRectifications)
    .where(
      and(
        eq(catalogueRectifications.periodFrom, from),
        eq(catalogueRectifications.periodTo, to),
        eq(catalogueRectifications.status, "open"),
      ),
    );
  return new Set(rows.map((r) => `${r.itemId}:${r.problem}`));
}

export type TItemDocumentRow = { item_id: number; document_id: number; title: string; published_on: string };

/** The latest published documents (up to `perItem`) tagged with each of a unit's items, for the public page. */
export function latestDocumentsOfUnit(db: Db, unitId: number, perItem = 3) {
  return selectRows<TItemDocumentRow>(
    db,
    sql`select item_id, document_id, title, published_on from (
          select t.item_id, d.id as document_id, d.title, to_char(d.published_at, 'YYYY-MM-DD') as published_on,
                 row_number() over (partition by t.item_id order by d.published_at desc nulls last, d.id desc) as n
            from document_catalogue_items t
            join catalogue_items i on i.id = t.item_id
            join documents d on d.id = t.document_id
           where i.unit_id = ${unitId} and i.is_active and d.status = 'published') x
        where n <= ${perItem} order by item_id, n`,
  );
}

/** Each unit's count of active items: which units have a catalogue to show. */
export function itemCountsByUnit(db: Db) {
  return selectRows<{ unit_id: number; items: number }>(
    db,
    sql`select unit_id, count(*)::int as items from catalogue_items where is_active group by unit_id`,
  );
}
