import { sql } from "drizzle-orm";
import { recordAudit, type TActor } from "../../../platform/audit";
import { type Db, inBatches } from "../../../platform/db";
import { loadWorkCalendar, todayInChina, type WorkCalendar } from "../../calendar";
import { findUnit } from "../../org";
import { auditViewOf, snapshotOf } from "../document-snapshot";
import { docNumberKeyOf, searchTextOf } from "../document-text";
import {
  findBySourceKeys,
  insertDocuments,
  insertVersion,
  lockDocument,
  type TDocumentInsert,
  type TDocumentRow,
  type TSearchText,
  updateDocumentRow,
} from "../documents.repository";
import { nextIndexNos } from "../index-number";
import { listImportFiles } from "./list-import-files";
import { parseFiles } from "./parse-files";
import { supersededKeys, type TParsedLegalText } from "./parse-legal-text";

export type TImportReport = {
  files: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Files that cannot be documents (an empty body) or repeat another file's identity. */
  skipped: { relPath: string; reason: string }[];
  /** Files that could not be read or written: these are errors. */
  failed: { relPath: string; reason: string }[];
  /** Each problem met while deriving metadata, with how many files had it and a few of them. */
  underived: { problem: string; count: number; examples: string[] }[];
};

export type TImportProgress = (done: number, total: number, relPath: string) => void;

// The fields an import owns; staff edits to others (topics, summary…) survive a re-import.
function fieldsOf(p: TParsedLegalText, publishDue: string | null): Partial<TDocumentInsert> {
  return {
    title: p.title,
    kind: p.kind,
    level: p.level,
    docNumber: p.docNumber ?? "",
    docNumberKey: docNumberKeyOf(p.docNumber ?? ""),
    issuer: p.issuer ?? "",
    writtenAt: p.writtenAt,
    // Unknown publication date: the day it went onto this portal (set once, when created).
    ...(p.publishedAt || p.writtenAt || p.versionDate
      ? { publishedAt: p.publishedAt ?? p.writtenAt ?? p.versionDate }
      : {}),
    effectiveAt: p.effectiveAt,
    validity: p.validity,
    body: p.body,
    publishDue,
  };
}

const OWNED_KEYS = [
  "title",
  "kind",
  "level",
  "docNumber",
  "issuer",
  "writtenAt",
  "publishedAt",
  "effectiveAt",
  "validity",
  "body",
] as const;

function isSame(row: TDocumentRow, next: Partial<TDocumentInsert>): boolean {
  return OWNED_KEYS.every((k) => !(k in next) || (row[k] ?? null) === (next[k] ?? null));
}

/** The reason to report for a file that could not be written: the database's own words, short. */
function reasonOf(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.split("\n")[0]?.slice(0, 200) ?? "";
}

/** New documents written per transaction: large enough to make round trips rare, small enough to keep each statement modest. */
const BATCH = 200;
/**
 * Transactions writing new documents at once, on as many connections: the database's share of an
 * import (building each text vector, maintaining the GIN index) then uses two cores.
 */
const WRITERS = 2;
/** Source keys looked up per statement when sorting files into new, changed and unchanged. */
const LOOKUP = 5_000;

type TUnit = { id: number; indexCode: string };
type TPending = {
  relPath: string;
  text: TParsedLegalText;
  search: TSearchText;
  fields: Partial<TDocumentInsert>;
  /** The 索引号 a new document gets, given out before the writing starts (allocateIndexNos). */
  indexNo?: string;
};

/**
 * Updates one document whose file changed, in its own transaction: the new text becomes a new version,
 * and staff additions (keywords, topics, summary) stay and stay searchable.
 */
async function updateOne(db: Db, actor: TActor, existing: TDocumentRow, fields: Partial<TDocumentInsert>) {
  await db.transaction(async (tx) => {
    const current = await lockDocument(tx, existing.id);
    if (!current) throw new Error(`document ${existing.id} disappeared`);
    const merged = { ...current, ...fields } as TDocumentRow;
    const row = await updateDocumentRow(
      tx,
      current.id,
      { ...fields, version: current.version + 1 },
      searchTextOf(merged),
    );
    await insertVersion(tx, {
      documentId: row.id,
      version: row.version,
      snapshot: snapshotOf(row),
      changeNote: "重新导入：文本有变化",
      createdBy: actor.name,
    });
    await recordAudit(tx, actor, {
      action: "document.import_update",
      entity: "document",
      entityId: row.id,
      unitId: row.unitId,
      before: auditViewOf(current),
      after: auditViewOf(row),
    });
  });
}

/**
 * Creates documents from new files in one transaction: the documents, their search rows, first
 * versions and audit entries are written a statement each, and committed together, so a process
 * killed midway leaves every file either whole or absent.
 */
async function createMany(db: Db, actor: TActor, unit: TUnit, items: TPending[]): Promise<void> {
  if (items.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local gin_pending_list_limit = '256MB'`);
    const values: TDocumentInsert[] = items.map(({ text: p, fields }, i) => {
      const publishedAt = fields.publishedAt ?? todayInChina();
      return {
        ...fields,
        title: p.title,
        kind: p.kind,
        unitId: unit.id,
        indexNo: items[i]?.indexNo ?? "",
        sourceKey: p.sourceKey,
        status: "published",
        publishAt: new Date(`${publishedAt}T00:00:00+08:00`),
        publishedAt,
        createdBy: actor.name,
      };
    });
    const searchByKey = new Map(items.map((it) => [it.text.sourceKey, it.search]));
    const rows = await insertDocuments(tx, values, (row) => {
      const search = row.sourceKey ? searchByKey.get(row.sourceKey) : undefined;
      if (!search) throw new Error(`no search text for ${row.sourceKey}`);
      return search;
    });
    await insertVersion(
      tx,
      rows.map((row) => ({
        documentId: row.id,
        version: 1,
        snapshot: snapshotOf(row),
        changeNote: "导入",
        createdBy: actor.name,
      })),
    );
    await recordAudit(
      tx,
      actor,
      rows.map((row) => ({
        action: "document.import",
        entity: "document",
        entityId: row.id,
        unitId: unit.id,
        after: auditViewOf(row),
      })),
    );
  });
}

/**
 * Imports every Markdown legal text under `root` into the library as published documents of
 * `unitId` (the 发布机构 that carries them on the portal). Re-running it creates no duplicates;
 * a broken file is reported and skipped, and the batch goes on. An older version of a title that a
 * newer file replaces is marked 已修改.
 *
 * Files are parsed and segmented in worker threads, then written in batches of new documents (one
 * transaction each); changed files are updated one by one. The planner's statistics are refreshed
 * once at the end rather than leaving them to autovacuum (PGlite has none).
 */
export async function importDocuments(
  db: Db,
  actor: TActor,
  opts: { root: string; unitId: number; onProgress?: TImportProgress },
): Promise<TImportReport> {
  const unit = await findUnit(db, opts.unitId);
  if (!unit) throw new Error(`unit ${opts.unitId} not found`);
  const files = await listImportFiles(opts.root);
  const report: TImportReport = {
    files: files.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: [],
    failed: [],
    underived: [],
  };
  const problems = new Map<string, { count: number; examples: string[] }>();
  // Read everything first: an older version of a title is known only once the newer one is seen.
  const parsed: { relPath: string; text: TParsedLegalText; search: TSearchText | null }[] = [];
  for (const r of await parseFiles(files)) {
    if (r.error === undefined) parsed.push(r);
    else report.failed.push({ relPath: r.relPath, reason: r.error.split("\n")[0]?.slice(0, 200) ?? "" });
  }
  const superseded = supersededKeys(parsed.map((p) => p.text));
  const calendar = await loadWorkCalendar(db);
  const seen = new Map<string, string>();
  const pending: TPending[] = [];
  for (const { relPath, text, search } of parsed) {
    const first = seen.get(text.sourceKey);
    if (text.fatal || first || !search) {
      report.skipped.push({
        relPath,
        reason: text.fatal ?? `与 ${first} 是同一文件（文件名相同），已跳过`,
      });
      continue;
    }
    seen.set(text.sourceKey, relPath);
    for (const problem of text.problems) {
      const key = problem.startsWith("沿革中有未能识别的内容") ? "沿革中有未能识别的内容" : problem;
      const entry = problems.get(key) ?? { count: 0, examples: [] };
      entry.count++;
      if (entry.examples.length < 3) entry.examples.push(relPath);
      problems.set(key, entry);
    }
    const p = { ...text, validity: superseded.has(text.sourceKey) ? "amended" : text.validity } as const;
    pending.push({ relPath, text: p, search, fields: fieldsOf(p, publishDueOf(calendar, p)) });
  }
  let done = files.length - pending.length;
  const creates: TPending[] = [];
  for (let i = 0; i < pending.length; i += LOOKUP) {
    const slice = pending.slice(i, i + LOOKUP);
    const existing = new Map(
      (
        await findBySourceKeys(
          db,
          slice.map((b) => b.text.sourceKey),
        )
      ).map((r) => [r.sourceKey, r]),
    );
    for (const item of slice) {
      const row = existing.get(item.text.sourceKey);
      if (!row) {
        creates.push(item);
        continue;
      }
      if (isSame(row, item.fields)) report.unchanged++;
      else
        await updateOne(db, actor, row, item.fields).then(
          () => report.updated++,
          (e) => report.failed.push({ relPath: item.relPath, reason: reasonOf(e) }),
        );
      done++;
    }
  }
  await allocateIndexNos(db, unit, creates);
  await inBatches(creates, { size: BATCH, writers: WRITERS }, async (batch) => {
    try {
      await createMany(db, actor, unit, batch);
      report.created += batch.length;
    } catch {
      // One file the database refuses must not sink the others: write each alone to name it.
      for (const item of batch)
        await createMany(db, actor, unit, [item]).then(
          () => report.created++,
          (e) => report.failed.push({ relPath: item.relPath, reason: reasonOf(e) }),
        );
    }
    done += batch.length;
    opts.onProgress?.(done, files.length, batch.at(-1)?.relPath ?? "");
  });
  if (report.created + report.updated > 0) {
    await db.execute(sql`select gin_clean_pending_list('document_search_vector_idx'::regclass)`);
    await db.execute(sql`analyze documents, document_search`);
  }
  report.underived = [...problems.entries()]
    .map(([problem, v]) => ({ problem, ...v }))
    .sort((a, b) => b.count - a.count);
  return report;
}

/**
 * Gives each new document its 索引号, in file order within each year, one counter update per year
 * in one short transaction. Taking them while writing would hold the year's counter row locked for
 * a whole batch and make the writers wait for each other. A batch that is never written (the process
 * killed) leaves a gap in the numbers, never a duplicate.
 */
async function allocateIndexNos(db: Db, unit: TUnit, items: TPending[]): Promise<void> {
  if (items.length === 0) return;
  const byYear = new Map<number, TPending[]>();
  for (const item of items) {
    const p = item.text;
    const year = Number(
      (p.writtenAt ?? p.versionDate ?? item.fields.publishedAt ?? todayInChina()).slice(0, 4),
    );
    const group = byYear.get(year);
    if (group) group.push(item);
    else byYear.set(year, [item]);
  }
  await db.transaction(async (tx) => {
    for (const [year, group] of byYear) {
      const numbers = await nextIndexNos(tx, unit, year, group.length);
      for (const [i, item] of group.entries()) item.indexNo = numbers[i];
    }
  });
}

function publishDueOf(calendar: WorkCalendar, p: TParsedLegalText): string | null {
  return p.writtenAt ? calendar.addWorkdays(p.writtenAt, 20).date : null;
}
