import type { TFieldIssue } from "../../platform/errors";
import { findPersonalData, isValidId18 } from "../../platform/text";

/** One payee as entered: the full ID number is checked here and never stored. */
export type TSubsidyRowInput = { name: string; idNumber: string; item: string; amount: number };
/** One payee as kept and shown: the ID number masked, the amount in fen (分). */
export type TMaskedRow = { name: string; idMasked: string; item: string; amountFen: number };

/**
 * The masked form of a 居民身份证号: the first six digits (the issuing area) and the last four
 * stay, the eight digits of the birth date become asterisks: 370102********1231. This is the
 * only form ever stored or shown.
 */
export function maskIdNumber(id: string): string {
  const clean = id.trim().toUpperCase();
  return `${clean.slice(0, 6)}********${clean.slice(-4)}`;
}

/** Yuan with at most two decimals → fen, or null when the amount is not a whole number of fen. */
export function yuanToFen(amount: number): number | null {
  const fen = Math.round(amount * 100);
  return Math.abs(fen - amount * 100) < 1e-6 ? fen : null;
}

export const fenToYuan = (fen: number): number => fen / 100;

/** Fen as the notice shows money: 1234.5 元 → "1,234.50". */
export function formatFen(fen: number): string {
  const yuan = Math.floor(fen / 100);
  return `${yuan.toLocaleString("en-US")}.${String(fen % 100).padStart(2, "0")}`;
}

const NAME = /^[\p{Script=Han}A-Za-z·•．. ]{2,30}$/u;
const PERSONAL_KIND_LABELS = { id_card: "身份证号", mobile: "手机号码", bank_card: "银行卡号" } as const;

/**
 * The privacy check run on every row before a notice is published: the ID number must be a valid
 * 18-digit 居民身份证号 (it is then masked); the name must be a name (no digits), and neither the
 * name nor the subsidy item may carry an ID, mobile or bank card number (a number typed into the
 * wrong column would otherwise be published in full). One payee may receive the same item once.
 * Returns the masked rows, or every problem found (path rows.N.field, N from 0).
 */
export function checkSubsidyRows(rows: TSubsidyRowInput[]): { rows: TMaskedRow[]; issues: TFieldIssue[] } {
  const issues: TFieldIssue[] = [];
  const out: TMaskedRow[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const at = (field: string, message: string) =>
      issues.push({ path: `rows.${i}.${field}`, message: `第 ${i + 1} 行：${message}` });
    const name = row.name.trim();
    const item = row.item.trim();
    const id = row.idNumber.replace(/\s/g, "").toUpperCase();
    if (!NAME.test(name)) at("name", "姓名应为 2–30 个汉字或字母，不能含数字。");
    for (const [field, text] of [
      ["name", name],
      ["item", item],
    ] as const)
      for (const f of findPersonalData(text))
        at(
          field,
          `${field === "name" ? "姓名" : "补贴项目"}中含有${PERSONAL_KIND_LABELS[f.kind]}（${f.masked}），请删除。`,
        );
    if (item.length < 1 || item.length > 60) at("item", "补贴项目应为 1–60 个字。");
    if (!isValidId18(id)) at("idNumber", "身份证号不是有效的 18 位居民身份证号码，请核对。");
    const fen = Number.isFinite(row.amount) ? yuanToFen(row.amount) : null;
    if (fen === null || fen <= 0 || fen > 1_000_000_00)
      at("amount", "金额应大于 0、不超过 100 万元，最多两位小数。");
    const key = `${id}\u0000${item}`;
    if (isValidId18(id) && seen.has(key)) at("idNumber", "同一人同一补贴项目重复登记。");
    seen.add(key);
    out.push({ name, idMasked: isValidId18(id) ? maskIdNumber(id) : "", item, amountFen: fen ?? 0 });
  });
  return { rows: out, issues };
}

/**
 * The payee table as typed or pasted into the form, one payee a line: 姓名, 身份证号, 补贴项目, 金额,
 * separated by tabs (pasted from a spreadsheet), commas or spaces. Unreadable lines become
 * issues; blank lines are skipped.
 */
export function parseRowsText(text: string): { rows: TSubsidyRowInput[]; issues: TFieldIssue[] } {
  const rows: TSubsidyRowInput[] = [];
  const issues: TFieldIssue[] = [];
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  lines.forEach((line, i) => {
    const cells = line
      .trim()
      .split(/\s*[\t,，]\s*|\s+/)
      .filter(Boolean);
    if (cells.length !== 4) {
      issues.push({
        path: "rowsText",
        message: `第 ${i + 1} 行应有 4 项（姓名、身份证号、补贴项目、金额），现有 ${cells.length} 项。`,
      });
      return;
    }
    const [name = "", idNumber = "", item = "", amount = ""] = cells;
    rows.push({ name, idNumber, item, amount: /^\d+(\.\d+)?$/.test(amount) ? Number(amount) : Number.NaN });
  });
  return { rows, issues };
}
