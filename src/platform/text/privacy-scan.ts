import { foldWidth } from "./normalize";

export type PersonalDataKind = "id_card" | "mobile" | "bank_card";

/** A piece of personal data found in a text; start/end are UTF-16 offsets into that text. */
export type PersonalDataFinding = { kind: PersonalDataKind; masked: string; start: number; end: number };

type Candidate = PersonalDataFinding & { priority: number };

/*
 * Every pattern is anchored so that it never starts or ends inside a longer run of letters or
 * digits: a 20-digit invoice number does not contain a mobile number, and the letters of a 统一社会
 * 信用代码 or 索引号 break any digit run. Full-width digits are folded first (offsets are kept).
 */
const EDGE_BEFORE = "(?<![0-9a-z])";
const EDGE_AFTER = "(?![0-9a-z])";
const ID_18 = new RegExp(`${EDGE_BEFORE}\\d{17}[0-9x]${EDGE_AFTER}`, "g");
const ID_15 = new RegExp(`${EDGE_BEFORE}\\d{15}${EDGE_AFTER}`, "g");
/**
 * An 18-character ID written in groups ("3701 0219 9001 0112 31", "370102-19900101-1231"): one
 * space or dash between any two characters. It must start a run of digits (not continue a grouped
 * number before it), so that each grouped run is tried from its first digit only.
 */
const ID_SEP = "[ \\u00a0\\-\\u2010-\\u2015\\u2212]";
const ID_18_GROUPED = new RegExp(
  `${EDGE_BEFORE}(?<!\\d${ID_SEP})\\d(?:${ID_SEP}?\\d){16}${ID_SEP}?[0-9x]${EDGE_AFTER}`,
  "g",
);
/** 138 0013 8000, 138-0013-8000, 13800138000, with +86 / 0086 / (+86) in front. */
const MOBILE = new RegExp(
  `(?<![0-9a-z+])(?:(?:\\(\\+?86\\)|(?:\\+|00)?86)[ \\u00a0-]?)?1[3-9]\\d([ \\u00a0-]?)\\d{4}\\1\\d{4}${EDGE_AFTER}`,
  "g",
);
/** Card numbers start with 3 (JCB, AmEx), 4 (Visa), 5 (Mastercard), 6 (UnionPay) or 9 (domestic). */
const CARD = new RegExp(`${EDGE_BEFORE}[3-69]\\d{15,18}${EDGE_AFTER}`, "g");
const CARD_GROUPED = new RegExp(
  `${EDGE_BEFORE}[3-69]\\d{3}([ \\u00a0-])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?${EDGE_AFTER}(?!\\1\\d)`,
  "g",
);

/** GB 11643 province codes (first two digits of a 居民身份证号). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83, 91,
]);
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/**
 * Finds 居民身份证号 (checked), mainland mobile numbers and bank card numbers (Luhn) in a text,
 * for the check before publishing. Findings are in text order and never overlap.
 */
export function findPersonalData(text: string): PersonalDataFinding[] {
  const { compact: folded, offsets } = withoutInvisibles(foldWidth(text));
  const candidates: Candidate[] = [
    ...scan(folded, ID_18, "id_card", 0, isValidId18),
    ...scan(folded, ID_18_GROUPED, "id_card", 0, isValidId18),
    ...scan(folded, ID_15, "id_card", 0, isValidId15),
    ...scan(folded, CARD, "bank_card", 1, passesLuhn),
    ...scan(folded, CARD_GROUPED, "bank_card", 1, passesLuhn),
    ...scan(folded, MOBILE, "mobile", 2, () => true),
  ];
  // Spans found in the compacted text, reported on the text as written (invisibles included).
  return withoutOverlaps(candidates).map((f) => ({
    ...f,
    start: offsets[f.start] ?? f.start,
    end: (offsets[f.end - 1] ?? f.end - 1) + 1,
  }));
}

/**
 * Characters that show as nothing (zero-width space and joiners, word joiner, BOM, soft hyphen):
 * pasted or planted inside a number, they would hide it from every pattern. They are taken out
 * before scanning; `offsets[i]` is where the i-th remaining character stood in the text.
 */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/;

function withoutInvisibles(text: string): { compact: string; offsets: number[] } {
  let compact = "";
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (INVISIBLE.test(ch)) continue;
    compact += ch;
    offsets.push(i);
  }
  return { compact, offsets };
}

/** Whether an 18-character number is a valid 居民身份证号 (province, birth date, check digit). */
export function isValidId18(id: string): boolean {
  if (!/^\d{17}[0-9xX]$/.test(id)) return false;
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
  if (!isPastDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === id[17]?.toUpperCase();
}

/** Whether a number passes the Luhn check used by bank cards. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The 15-digit form (before 1999) has no check digit: province and a 19xx birth date only. */
function isValidId15(id: string): boolean {
  return (
    PROVINCES.has(Number(id.slice(0, 2))) &&
    isPastDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)))
  );
}

function isPastDate(year: number, month: number, day: number): boolean {
  if (year < 1900) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  const isReal =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return isReal && date.getTime() <= Date.now();
}

function scan(
  folded: string,
  pattern: RegExp,
  kind: PersonalDataKind,
  priority: number,
  isValid: (value: string) => boolean,
): Candidate[] {
  const found: Candidate[] = [];
  for (const match of folded.matchAll(pattern)) {
    const value = coreValue(match[0], kind);
    if (!isValid(value)) continue;
    const start = match.index ?? 0;
    found.push({ kind, masked: mask(value), start, end: start + match[0].length, priority });
  }
  return found;
}

/** The number itself: separators and the +86 prefix removed, X upper-cased. */
function coreValue(matched: string, kind: PersonalDataKind): string {
  const digits = matched.replace(/[^0-9x]/g, "").toUpperCase();
  return kind === "mobile" ? digits.slice(-11) : digits;
}

function mask(value: string): string {
  return `${value.slice(0, 3)}${"*".repeat(Math.max(0, value.length - 7))}${value.slice(-4)}`;
}

/** Keeps, among overlapping candidates, the one of higher priority (then the longer, then the first). */
function withoutOverlaps(candidates: Candidate[]): PersonalDataFinding[] {
  const ranked = [...candidates].sort(
    (a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const candidate of ranked) {
    if (kept.every((other) => candidate.end <= other.start || candidate.start >= other.end))
      kept.push(candidate);
  }
  return kept
    .sort((a, b) => a.start - b.start)
    .map(({ kind, masked, start, end }) => ({ kind, masked, start, end }));
}
