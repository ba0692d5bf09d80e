import { recordAudit, type TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import {
  deleteSynonyms,
  insertSynonyms,
  insertTopic,
  listTopics,
  readIndexPattern,
  writeIndexPattern,
} from "./documents.repository";
import { DEFAULT_INDEX_PATTERN, isValidIndexPattern } from "./index-number";
import { invalidateSynonyms } from "./search-documents";

// The office's settings of the catalogue: synonyms for search, 特色主题, the 索引号 pattern.
// Callers check the catalogue.manage permission; every change is audited.

/** A group of terms that search treats as the same (医保 ↔ 医疗保险). */
export async function addSynonymGroup(db: Db, actor: TActor, terms: string[]) {
  const unique = [...new Set(terms.map((t) => t.trim()).filter(Boolean))];
  if (unique.length < 2)
    throw new AppError("validation_failed", "同义词组至少要有两个不同的词。", {
      issues: [{ path: "terms", message: "同义词组至少要有两个不同的词。" }],
    });
  const row = await db.transaction(async (tx) => {
    const inserted = await insertSynonyms(tx, unique, actor.name);
    await recordAudit(tx, actor, {
      action: "search.synonyms_add",
      entity: "search_synonyms",
      entityId: inserted?.id,
      after: { terms: unique },
    });
    return inserted;
  });
  invalidateSynonyms(db);
  return row;
}

export async function removeSynonymGroup(db: Db, actor: TActor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await deleteSynonyms(tx, id);
    if (!removed) throw new AppError("not_found", MSG.notFound);
    await recordAudit(tx, actor, {
      action: "search.synonyms_remove",
      entity: "search_synonyms",
      entityId: id,
      before: { terms: removed.terms },
    });
  });
  invalidateSynonyms(db);
}

/** A 特色主题 of the office's own, added after the State Council's classes. */
export async function addSpecialTopic(db: Db, actor: TActor, name: string) {
  const clean = name.trim();
  if ((await listTopics(db)).some((t) => t.name === clean))
    throw new AppError("conflict", "该主题分类已存在。");
  return db.transaction(async (tx) => {
    const row = await insertTopic(tx, clean);
    await recordAudit(tx, actor, {
      action: "document.topic_add",
      entity: "document_topic",
      entityId: row?.id,
      after: { name: clean },
    });
    return row;
  });
}

export async function indexPattern(db: Db): Promise<string> {
  return (await readIndexPattern(db)) ?? DEFAULT_INDEX_PATTERN;
}

/** Changes the 索引号 pattern for documents created from now on (numbers already given stay). */
export async function setIndexPattern(db: Db, actor: TActor, pattern: string): Promise<void> {
  if (!isValidIndexPattern(pattern))
    throw new AppError("validation_failed", "索引号格式须包含 {code}、{year} 和 {seq}（可写作 {seq:5}）。", {
      issues: [{ path: "pattern", message: "索引号格式须包含 {code}、{year} 和 {seq}（可写作 {seq:5}）。" }],
    });
  const before = await indexPattern(db);
  await db.transaction(async (tx) => {
    await writeIndexPattern(tx, pattern);
    await recordAudit(tx, actor, {
      action: "document.index_pattern",
      entity: "settings",
      entityId: "documents.indexPattern",
      before: { pattern: before },
      after: { pattern },
    });
  });
}
