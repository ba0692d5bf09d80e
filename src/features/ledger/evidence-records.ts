import type { Db } from "../../platform/db";

/**
 * A kind of record elsewhere in gongkai that a progress report may cite by its link (a consultation,
 * an opinion item, a proposal reply, …). Other features register theirs; the ledger knows none of them.
 */
export type TEvidenceRecordSource = {
  /** What the record is, in Chinese ("意见征集"), shown before its title. */
  label: string;
  /** Matches the record's path on this site and captures its id, e.g. /^\/consultations\/(\d+)$/. */
  path: RegExp;
  /** The record's title, or null when there is no such record (or it is not public). */
  titleOf: (db: Db, id: number) => Promise<string | null>;
};

const sources = new Map<string, TEvidenceRecordSource>();

/** Registers (or replaces) the records of one feature that reports may cite; app.ts calls it. */
export function registerEvidenceRecords(feature: string, source: TEvidenceRecordSource): void {
  sources.set(feature, source);
}

/** The record a site path names: its display name, or why it cannot be cited. */
export async function resolveEvidenceRecord(
  db: Db,
  path: string,
): Promise<{ name: string } | { problem: "unknown_kind" | "not_found" }> {
  for (const source of sources.values()) {
    const id = Number(source.path.exec(path)?.[1]);
    if (!Number.isSafeInteger(id) || id <= 0) continue;
    const title = await source.titleOf(db, id);
    return title === null ? { problem: "not_found" } : { name: `${source.label}：${title}` };
  }
  return { problem: "unknown_kind" };
}

/** The labels of what may be cited, for hints and messages ("意见征集、舆情回应"). */
export function evidenceRecordLabels(): string[] {
  return [...sources.values()].map((s) => s.label);
}
