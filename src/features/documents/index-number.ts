import type { Db } from "../../platform/db";
import { nextIndexSeq, readIndexPattern } from "./documents.repository";

/** 索引号 pattern: {code} the unit's organ code, {year} the year, {seq:N} the number padded to N digits. */
export const DEFAULT_INDEX_PATTERN = "{code}/{year}-{seq:5}";
const PATTERN_TOKEN = /\{(code|year|seq)(?::(\d))?\}/g;

/** Whether a pattern can produce unique numbers: it needs the sequence, and the year unless it never restarts. */
export function isValidIndexPattern(pattern: string): boolean {
  const tokens = [...pattern.matchAll(PATTERN_TOKEN)].map((m) => m[1]);
  const leftover = pattern.replace(PATTERN_TOKEN, "");
  return (
    tokens.includes("seq") && tokens.includes("year") && tokens.includes("code") && !/[{}]/.test(leftover)
  );
}

/** One 索引号 from the pattern. */
export function formatIndexNo(pattern: string, v: { code: string; year: number; seq: number }): string {
  return pattern.replace(PATTERN_TOKEN, (_m, name: string, width?: string) => {
    if (name === "code") return v.code;
    if (name === "year") return String(v.year);
    return String(v.seq).padStart(Number(width ?? 1), "0");
  });
}

/** A unit without a configured organ code still gets stable, unique numbers. */
export function unitIndexCode(unit: { id: number; indexCode: string }): string {
  return unit.indexCode || `GK${String(unit.id).padStart(4, "0")}`;
}

/** The next 索引号 of a unit for a year; call inside the transaction that creates the document. */
export async function nextIndexNo(
  db: Db,
  unit: { id: number; indexCode: string },
  year: number,
): Promise<string> {
  const [no] = await nextIndexNos(db, unit, year, 1);
  if (!no) throw new Error("no index number");
  return no;
}

/** The next `count` 索引号 of a unit for a year, in order; for a batch created in one transaction. */
export async function nextIndexNos(
  db: Db,
  unit: { id: number; indexCode: string },
  year: number,
  count: number,
): Promise<string[]> {
  const pattern = (await readIndexPattern(db)) ?? DEFAULT_INDEX_PATTERN;
  const last = await nextIndexSeq(db, unit.id, year, count);
  const code = unitIndexCode(unit);
  return Array.from({ length: count }, (_, i) =>
    formatIndexNo(pattern, { code, year, seq: last - count + 1 + i }),
  );
}
