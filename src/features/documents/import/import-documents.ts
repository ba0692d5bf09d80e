import { readFile } from "node:fs/promises";
import { recordAudit, type TActor } from "../../../platform/audit";
import type { Db } from "../../../platform/db";
import { loadWorkCalendar, todayInChina } from "../../calendar";
import { findUnit } from "../../org";
import { auditViewOf, snapshotOf } from "../document-snapshot";
import { docNumberKeyOf, searchTextOf } from "../document-text";
import {
  findBySourceKey,
  insertDocument,
  insertVersion,
  lockDocument,
  type TDocumentInsert,
  type TDocumentRow,
  updateDocumentRow,
} from "../documents.repository";
import { nextIndexNo } from "../index-number";
import { listImportFiles } from "./list-import-files";
import { parseLegalText, supersededKeys, type TParsedLegalText } from "./parse-legal-text";

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

/**
 * Imports one parsed file in its own transaction: created when new, updated when its text changed,
 * left alone when identical. A process killed midway leaves every file either whole or absent.
 */
async function importOne(
  db: Db,
  actor: TActor,
  unit: { id: number; indexCode: string },
  p: TParsedLegalText,
): Promise<"created" | "updated" | "unchanged"> {
  const calendar = await loadWorkCalendar(db);
  const publishDue = p.writtenAt ? calendar.addWorkdays(p.writtenAt, 20).date : null;
  const fields = fieldsOf(p, publishDue);
  const existing = await findBySourceKey(db, p.sourceKey);
  if (existing && isSame(existing, fields)) return "unchanged";
  return db.transaction(async (tx) => {
    const current = existing ? await lockDocument(tx, existing.id) : undefined;
    if (current) {
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
      return "updated";
    }
    const publishedAt = fields.publishedAt ?? todayInChina();
    const year = Number((p.writtenAt ?? p.versionDate ?? publishedAt).slice(0, 4));
    const values = {
      ...fields,
      title: p.title,
      kind: p.kind,
      unitId: unit.id,
      indexNo: await nextIndexNo(tx, unit, year),
      sourceKey: p.sourceKey,
      status: "published",
      publishAt: new Date(`${publishedAt}T00:00:00+08:00`),
      publishedAt,
      createdBy: actor.name,
    } satisfies TDocumentInsert;
    const row = await insertDocument(
      tx,
      values,
      searchTextOf({
        ...values,
        keywords: [],
        topics: [],
        summary: "",
        docNumber: values.docNumber ?? "",
        issuer: values.issuer ?? "",
        body: values.body ?? "",
      }),
    );
    await insertVersion(tx, {
      documentId: row.id,
      version: 1,
      snapshot: snapshotOf(row),
      changeNote: "导入",
      createdBy: actor.name,
    });
    await recordAudit(tx, actor, {
      action: "document.import",
      entity: "document",
      entityId: row.id,
      unitId: unit.id,
      after: auditViewOf(row),
    });
    return "created";
  });
}

/**
 * Imports every Markdown legal text under `root` into the library as published documents of
 * `unitId` (the 发布机构 that carries them on the portal). Re-running it creates no duplicates;
 * a broken file is reported and skipped, and the batch goes on. An older version of a title that a
 * newer file replaces is marked 已修改.
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
  const parsed: { relPath: string; text: TParsedLegalText }[] = [];
  for (const f of files) {
    try {
      parsed.push({ relPath: f.relPath, text: parseLegalText(f.relPath, await readFile(f.path, "utf8")) });
    } catch (e) {
      report.failed.push({ relPath: f.relPath, reason: reasonOf(e) });
    }
  }
  const superseded = supersededKeys(parsed.map((p) => p.text));
  const seen = new Map<string, string>();
  for (const [i, { relPath, text }] of parsed.entries()) {
    try {
      const first = seen.get(text.sourceKey);
      if (text.fatal || first) {
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
      const validity = superseded.has(text.sourceKey) ? "amended" : text.validity;
      report[await importOne(db, actor, unit, { ...text, validity })]++;
    } catch (e) {
      report.failed.push({ relPath, reason: reasonOf(e) });
    } finally {
      opts.onProgress?.(i + 1, parsed.length, relPath);
    }
  }
  report.underived = [...problems.entries()]
    .map(([problem, v]) => ({ problem, ...v }))
    .sort((a, b) => b.count - a.count);
  return report;
}
