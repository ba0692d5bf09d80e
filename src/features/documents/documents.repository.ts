import { and, asc, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../platform/db";
import { readSetting, writeSetting } from "../../platform/db/settings";
import {
  documentAttachments,
  documentIndexCounters,
  documentQa,
  documentRelations,
  documentSearch,
  documents,
  documentTopics,
  documentVersions,
  gazetteIssues,
  gazetteItems,
  searchSynonyms,
} from "./documents.tables";

export type TDocumentRow = typeof documents.$inferSelect;
export type TDocumentInsert = typeof documents.$inferInsert;

/** The text that goes into the search vector, already segmented, by weight. */
export type TSearchText = { title: string; keywords: string; body: string };

// tsvector holds at most 1 MB; the start of a very long text is what a search needs anyway.
const MAX_INDEXED_CHARS = 400_000;

/**
 * Keeps the document's row in the search index (document_search) in step with the document: the
 * filter and facet columns on every write, the vector when the text is given (it changed).
 */
async function writeSearchRow(db: Db, row: TDocumentRow, text?: TSearchText): Promise<void> {
  const { documentId: _key, searchVector, ...columns } = searchRowOf(row, text);
  await db
    .insert(documentSearch)
    .values({ documentId: row.id, ...columns, searchVector })
    .onConflictDoUpdate({
      target: documentSearch.documentId,
      set: text ? { ...columns, searchVector: sql`excluded.search_vector` as unknown as string } : columns,
    });
}

/** The document's row in the search index; without the text, an empty vector (kept by an update). */
function searchRowOf(row: TDocumentRow, text?: TSearchText) {
  const vector = text
    ? sql`document_search_vector(${text.title}, ${text.keywords}, ${text.body.slice(0, MAX_INDEXED_CHARS)})`
    : sql`''::tsvector`;
  return {
    documentId: row.id,
    unitId: row.unitId,
    kind: row.kind,
    status: row.status,
    publishAt: row.publishAt,
    publishedAt: row.publishedAt,
    validity: row.validity,
    repealedAt: row.repealedAt,
    endsAs: row.endsAs,
    amendedAt: row.amendedAt,
    topics: row.topics,
    title: row.title,
    docNumberKey: row.docNumberKey,
    level: row.level,
    searchVector: vector as unknown as string,
  };
}

type TValidityColumns = {
  repealedAt: AnyPgColumn;
  endsAs: AnyPgColumn;
  amendedAt: AnyPgColumn;
  validity: AnyPgColumn;
};

/**
 * Validity as a reader sees it on `today` (the same rule as effectiveValidity in read-document): from
 * its 废止日期 on, a document reads as what it ends as; a valid one reads 已修改 from its 修改日期.
 */
export function effectiveValiditySql(today: string, t: TValidityColumns = documents): SQL<string> {
  return sql<string>`(case when ${t.repealedAt} is not null and ${t.repealedAt} <= ${today}::date then ${t.endsAs}
    when ${t.validity} = 'valid' and ${t.amendedAt} is not null and ${t.amendedAt} <= ${today}::date then 'amended'
    else ${t.validity} end)`;
}

/** Published and due: what the public may see (of documents, or of the search index's copy). */
export function publicIn(t: { status: AnyPgColumn; publishAt: AnyPgColumn }): SQL {
  return sql`(${t.status} = 'published' and ${t.publishAt} <= now())`;
}

export const isPublic = publicIn(documents);

export async function insertDocument(db: Db, v: TDocumentInsert, text: TSearchText): Promise<TDocumentRow> {
  const [row] = await db.insert(documents).values(v).returning();
  if (!row) throw new Error("insert returned no row");
  await writeSearchRow(db, row, text);
  return row;
}

/**
 * insertDocument for many new documents in two statements (the documents, then their search rows).
 * `textOf` gives each inserted row's text, so rows and texts are paired by the caller's own key.
 */
export async function insertDocuments(
  db: Db,
  vs: TDocumentInsert[],
  textOf: (row: TDocumentRow) => TSearchText,
): Promise<TDocumentRow[]> {
  if (vs.length === 0) return [];
  const rows = await db.insert(documents).values(vs).returning();
  await db.insert(documentSearch).values(rows.map((row) => searchRowOf(row, textOf(row))));
  return rows;
}

export async function updateDocumentRow(
  db: Db,
  id: number,
  v: Partial<TDocumentInsert>,
  text?: TSearchText,
): Promise<TDocumentRow> {
  const [row] = await db
    .update(documents)
    .set({
      ...v,
      updatedAt: new Date(),
    })
    .where(eq(documents.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  await writeSearchRow(db, row, text);
  return row;
}

/** The titles and statuses of these documents, for other features that cite documents by id. */
export async function documentTitles(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: documents.id, title: documents.title, status: documents.status })
    .from(documents)
    .where(inArray(documents.id, ids));
}

export async function findDocument(db: Db, id: number): Promise<TDocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  return row;
}

/** The row locked for the rest of the transaction, so that two changes to one document queue up. */
export async function lockDocument(db: Db, id: number): Promise<TDocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(eq(documents.id, id)).for("update");
  return row;
}

export async function findBySourceKeys(db: Db, keys: string[]): Promise<TDocumentRow[]> {
  if (keys.length === 0) return [];
  return db.select().from(documents).where(inArray(documents.sourceKey, keys));
}

export async function documentsByIds(db: Db, ids: number[]): Promise<TDocumentRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(documents).where(inArray(documents.id, ids));
}

/**
 * Hands out the next `count` 索引号 sequence numbers of a unit and year and returns the last of them
 * (the row lock serialises writers).
 */
export async function nextIndexSeq(db: Db, unitId: number, year: number, count = 1): Promise<number> {
  const [row] = await db
    .insert(documentIndexCounters)
    .values({ unitId, year, last: count })
    .onConflictDoUpdate({
      target: [documentIndexCounters.unitId, documentIndexCounters.year],
      set: { last: sql`${documentIndexCounters.last} + ${count}` },
    })
    .returning({ last: documentIndexCounters.last });
  if (!row) throw new Error("counter returned no row");
  return row.last;
}

const INDEX_PATTERN_KEY = "documents.indexPattern";

export async function readIndexPattern(db: Db): Promise<string | undefined> {
  const value = await readSetting<unknown>(db, INDEX_PATTERN_KEY);
  return typeof value === "string" ? value : undefined;
}

export async function writeIndexPattern(db: Db, pattern: string): Promise<void> {
  await writeSetting(db, INDEX_PATTERN_KEY, pattern);
}

export async function insertVersion(
  db: Db,
  v: typeof documentVersions.$inferInsert | (typeof documentVersions.$inferInsert)[],
): Promise<void> {
  if (Array.isArray(v) && v.length === 0) return;
  await db.insert(documentVersions).values(Array.isArray(v) ? v : [v]);
}

export async function versionsOf(db: Db, documentId: number) {
  return db
    .select()
    .from(documentVersions)
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(desc(documentVersions.version));
}

export type TRelation = typeof documentRelations.$inferSelect;

/** Relations where the document is either side. */
export async function relationsOf(db: Db, documentId: number): Promise<TRelation[]> {
  return db
    .select()
    .from(documentRelations)
    .where(or(eq(documentRelations.fromId, documentId), eq(documentRelations.toId, documentId)))
    .orderBy(asc(documentRelations.id));
}

/**
 * Sets the document's outgoing relations. Relations that stay keep their row (and so their state
 * and the target's prior dates); only those dropped are deleted and only new ones inserted.
 */
export async function replaceOutgoingRelations(
  db: Db,
  fromId: number,
  rels: { kind: string; documentId: number }[],
): Promise<void> {
  const key = (kind: string, toId: number) => `${kind}:${toId}`;
  const wanted = new Set(rels.map((r) => key(r.kind, r.documentId)));
  const dropped = (await db.select().from(documentRelations).where(eq(documentRelations.fromId, fromId)))
    .filter((r) => !wanted.has(key(r.kind, r.toId)))
    .map((r) => r.id);
  if (dropped.length > 0) await db.delete(documentRelations).where(inArray(documentRelations.id, dropped));
  if (rels.length > 0)
    await db
      .insert(documentRelations)
      .values(rels.map((r) => ({ fromId, toId: r.documentId, kind: r.kind })))
      .onConflictDoNothing();
}

export async function updateRelation(
  db: Db,
  id: number,
  v: Partial<typeof documentRelations.$inferInsert>,
): Promise<TRelation> {
  const [row] = await db.update(documentRelations).set(v).where(eq(documentRelations.id, id)).returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

/** The repeals or amendments in effect on a document, in the order they took effect. */
export async function appliedRelationsOn(db: Db, toId: number, kind: string): Promise<TRelation[]> {
  return db
    .select()
    .from(documentRelations)
    .where(
      and(
        eq(documentRelations.toId, toId),
        eq(documentRelations.kind, kind),
        eq(documentRelations.state, "applied"),
      ),
    )
    .orderBy(asc(documentRelations.decidedAt), asc(documentRelations.id));
}

export async function qaOf(db: Db, documentId: number) {
  return db
    .select({ question: documentQa.question, answer: documentQa.answer })
    .from(documentQa)
    .where(eq(documentQa.documentId, documentId))
    .orderBy(asc(documentQa.sortOrder), asc(documentQa.id));
}

export async function replaceQa(db: Db, documentId: number, qa: { question: string; answer: string }[]) {
  await db.delete(documentQa).where(eq(documentQa.documentId, documentId));
  if (qa.length > 0)
    await db.insert(documentQa).values(qa.map((q, i) => ({ documentId, ...q, sortOrder: i })));
}

export async function attachmentsOf(db: Db, documentId: number) {
  return db
    .select()
    .from(documentAttachments)
    .where(eq(documentAttachments.documentId, documentId))
    .orderBy(asc(documentAttachments.sortOrder), asc(documentAttachments.id));
}

export async function insertAttachment(db: Db, v: typeof documentAttachments.$inferInsert) {
  const [row] = await db.insert(documentAttachments).values(v).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function deleteAttachment(db: Db, documentId: number, attachmentId: number): Promise<boolean> {
  const rows = await db
    .delete(documentAttachments)
    .where(and(eq(documentAttachments.id, attachmentId), eq(documentAttachments.documentId, documentId)))
    .returning({ id: documentAttachments.id });
  return rows.length > 0;
}

/** Interpretations of a policy (any status: the 三同步 check counts drafts prepared alongside). */
export async function interpretationsOf(db: Db, policyId: number) {
  return db
    .select({
      id: documents.id,
      title: documents.title,
      status: documents.status,
      interpretationForm: documents.interpretationForm,
      isPublic: sql<boolean>`${isPublic}`,
    })
    .from(documents)
    .where(
      and(eq(documents.interpretsId, policyId), inArray(documents.status, ["draft", "review", "published"])),
    )
    .orderBy(asc(documents.id));
}

export async function listTopics(db: Db) {
  return db.select().from(documentTopics).orderBy(asc(documentTopics.sortOrder), asc(documentTopics.id));
}

export async function insertTopic(db: Db, name: string) {
  const [row] = await db
    .insert(documentTopics)
    .values({ name, kind: "special", sortOrder: 1000 })
    .returning();
  return row;
}

export async function listSynonyms(db: Db) {
  return db.select().from(searchSynonyms).orderBy(asc(searchSynonyms.id));
}

export async function insertSynonyms(db: Db, terms: string[], createdBy: string) {
  const [row] = await db.insert(searchSynonyms).values({ terms, createdBy }).returning();
  return row;
}

export async function deleteSynonyms(db: Db, id: number) {
  const rows = await db.delete(searchSynonyms).where(eq(searchSynonyms.id, id)).returning();
  return rows[0];
}

// ——— 公报 ———

export async function insertGazetteIssue(db: Db, v: typeof gazetteIssues.$inferInsert) {
  const [row] = await db.insert(gazetteIssues).values(v).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function replaceGazetteItems(
  db: Db,
  issueId: number,
  items: { documentId: number; section: string }[],
): Promise<void> {
  await db.delete(gazetteItems).where(eq(gazetteItems.issueId, issueId));
  if (items.length > 0)
    await db.insert(gazetteItems).values(items.map((it, i) => ({ issueId, ...it, sortOrder: i })));
}

export async function listGazetteIssues(db: Db, year?: number) {
  return db
    .select()
    .from(gazetteIssues)
    .where(year ? eq(gazetteIssues.year, year) : undefined)
    .orderBy(desc(gazetteIssues.year), desc(gazetteIssues.number));
}

export async function findGazetteIssue(db: Db, id: number) {
  const [row] = await db.select().from(gazetteIssues).where(eq(gazetteIssues.id, id));
  return row;
}

/** An issue's table of contents; only documents the public may see unless `all`. */
export async function gazetteContents(db: Db, issueId: number, all = false) {
  return db
    .select({
      documentId: documents.id,
      title: documents.title,
      docNumber: documents.docNumber,
      section: gazetteItems.section,
    })
    .from(gazetteItems)
    .innerJoin(documents, eq(documents.id, gazetteItems.documentId))
    .where(and(eq(gazetteItems.issueId, issueId), all ? undefined : isPublic))
    .orderBy(asc(gazetteItems.sortOrder), asc(gazetteItems.id));
}

export async function gazetteIssuesOfDocument(db: Db, documentId: number) {
  return db
    .select({ id: gazetteIssues.id, year: gazetteIssues.year, number: gazetteIssues.number })
    .from(gazetteItems)
    .innerJoin(gazetteIssues, eq(gazetteIssues.id, gazetteItems.issueId))
    .where(eq(gazetteItems.documentId, documentId));
}

/**
 * The next time a published document becomes visible by itself (定时发布): public pages change
 * then without any write, so the page cache keeps nothing past it.
 */
export async function nextScheduledPublication(db: Db, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | string | null>`min(${documents.publishAt})` })
    .from(documents)
    .where(and(eq(documents.status, "published"), sql`${documents.publishAt} > ${now.toISOString()}`));
  return row?.at ? new Date(row.at) : null;
}
