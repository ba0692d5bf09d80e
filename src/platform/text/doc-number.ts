import { chineseNumber } from "./chinese-number";
import { foldWidth, HAN_CLASS } from "./normalize";

/**
 * A 文号 (document number). `year` is null for orders numbered without a year, such as
 * 国务院令第711号 or 中华人民共和国主席令第三十一号.
 */
export type DocNumber = { agency: string; year: number | null; number: number };

/** Where a 文号 was found in a search query, as its canonical key. */
export type DocNumberMatch = { key: string; start: number; end: number; isWhole: boolean };

/*
 * Shapes accepted (after full-width forms are folded, so （） ［］ ｛｝ and full-width digits
 * are the same as their ASCII forms):
 *   国办函〔2020〕109号  国办函[2020]109号  国办函【2020】第109号  国办函(2020)109
 *   国办函2020 109  国办函2020109号 (the year is always 19xx or 20xx, so the first four digits
 *   are the year and the rest the number)  国家税务总局公告2019年第1号  国务院令第711号
 * Orders (…令) and announcements (…公告) are written 年第N号 in their canonical form, everything
 * else 〔year〕N号.
 */
const OPEN = "〔\\[【({<〈「〖﹝﹙";
const CLOSE = "〕\\]】)}>〉」〗﹞﹚";
const YEAR = "(?:19|20)\\d{2}";
const CN_NUMBER = "[零〇一二两三四五六七八九十百千]+";
const NUMBER = `(?:\\d{1,5}|${CN_NUMBER})`;
const AGENCY = `[${HAN_CLASS}A-Za-z]`;
const YEAR_PART = `(?:[${OPEN}]\\s*(?<bracketYear>${YEAR})\\s*[${CLOSE}]|(?<plainYear>${YEAR})\\s*(?<nian>年)?)`;

const WHOLE_WITH_YEAR = new RegExp(
  `^(?<agency>${AGENCY}{1,20}?)\\s*${YEAR_PART}\\s*第?\\s*(?<number>${NUMBER})\\s*号?$`,
  "u",
);
const WHOLE_ORDER = new RegExp(
  `^(?<agency>${AGENCY}{0,18}?(?:令|公告))\\s*第?\\s*(?<number>${NUMBER})\\s*号?$`,
  "u",
);

/** Inside longer text a 文号 must end in 号 unless its year is bracketed. */
const CONTAINED = new RegExp(
  [
    `(?<a1>${AGENCY}{1,40})\\s*[${OPEN}]\\s*(?<y1>${YEAR})\\s*[${CLOSE}]\\s*第?\\s*(?<n1>${NUMBER})(?:\\s*号|(?![\\d]))`,
    `(?<a2>${AGENCY}{0,40}(?:令|公告))\\s*(?:(?<y2>${YEAR})\\s*年\\s*)?第\\s*(?<n2>${NUMBER})\\s*号`,
    `(?<a3>${AGENCY}{1,40}?)(?<y3>${YEAR})\\s*(?<n3>\\d{1,5})\\s*号`,
  ].join("|"),
  "gu",
);

/**
 * Inside a sentence the agency is the Han text right before the number, after the last of these
 * words. Full names of ministries issuing orders contain 和 (住房和城乡建设部令), abbreviations in
 * bracketed numbers never do, so 和/与/及/或 end the text only before an abbreviation.
 */
const BEFORE_AGENCY =
  /^.*(?:关于|根据|依据|按照|依照|参照|印发|转发|通知|意见|办法|规定|决定|方案|批复|条例|细则|解读|文件|下文|附件|查找|查询|搜索|检索|下载|请|的|见|即)/u;
const BEFORE_ABBREVIATION = /^.*[和与及或]/u;
const MAX_AGENCY = 12;
const MAX_ABBREVIATION = 10;
const SPACE_IN_AGENCY = new RegExp(`(?<=${AGENCY})\\s+(?=${AGENCY})`, "gu");

/** Reads a 文号 typed in any common way; null when it is not one. */
export function parseDocNumber(s: string): DocNumber | null {
  const text = prepare(s);
  const withYear = WHOLE_WITH_YEAR.exec(text)?.groups;
  if (withYear) {
    // "2019年第1号" is how orders and announcements are numbered; elsewhere it reads as a date or
    // a gazette issue (公报2020年第3号), not a 文号.
    if (withYear.nian && !isOrderAgency(withYear.agency ?? "")) return null;
    return build(withYear.agency, withYear.bracketYear ?? withYear.plainYear, withYear.number);
  }
  const order = WHOLE_ORDER.exec(text)?.groups;
  if (order) return build(order.agency, undefined, order.number);
  return null;
}

/** The canonical form: 国办函〔2020〕109号, 国家税务总局公告2019年第1号, 国务院令第711号. */
export function formatDocNumber(p: DocNumber): string {
  if (isOrderAgency(p.agency)) {
    return p.year === null ? `${p.agency}第${p.number}号` : `${p.agency}${p.year}年第${p.number}号`;
  }
  return `${p.agency}〔${p.year ?? ""}〕${p.number}号`;
}

/** The canonical form of any accepted typing, for an exact-match column; null if not a 文号. */
export function docNumberKey(s: string): string | null {
  const parsed = parseDocNumber(s);
  return parsed ? formatDocNumber(parsed) : null;
}

/**
 * Whether a search query is a 文号 (isWhole) or contains one, with its key and where it is in the
 * query (UTF-16 offsets). The first one found wins.
 */
export function findDocNumber(q: string): DocNumberMatch | null {
  const whole = docNumberKey(q);
  if (whole) {
    const start = q.length - q.trimStart().length;
    return { key: whole, start, end: q.trimEnd().length, isWhole: true };
  }
  const text = foldWidth(q);
  for (const match of text.matchAll(CONTAINED)) {
    const g = match.groups ?? {};
    const rawAgency = g.a1 ?? g.a2 ?? g.a3 ?? "";
    const agency = trimAgency(rawAgency, g.a2 !== undefined);
    const parsed = build(agency, g.y1 ?? g.y2 ?? g.y3, g.n1 ?? g.n2 ?? g.n3);
    if (!parsed) continue;
    const start = (match.index ?? 0) + rawAgency.length - agency.length;
    return { key: formatDocNumber(parsed), start, end: (match.index ?? 0) + match[0].length, isWhole: false };
  }
  return null;
}

/** Full-width folded, spaces between Han characters removed (联合发文: "财政部 税务总局公告"). */
function prepare(s: string): string {
  return foldWidth(s).trim().replace(SPACE_IN_AGENCY, "");
}

function trimAgency(raw: string, isOrder: boolean): string {
  let cut = raw.replace(BEFORE_AGENCY, "");
  if (!isOrder) cut = cut.replace(BEFORE_ABBREVIATION, "");
  const chars = Array.from(cut);
  return chars.slice(Math.max(0, chars.length - (isOrder ? MAX_AGENCY : MAX_ABBREVIATION))).join("");
}

function build(
  agency: string | undefined,
  year: string | undefined,
  number: string | undefined,
): DocNumber | null {
  if (!agency || !number) return null;
  // Words of a sentence ("关于", "请查找…和") are not part of an agency's name.
  if (trimAgency(agency, isOrderAgency(agency)) !== agency) return null;
  const value = chineseNumber(number);
  if (value === null || value < 1) return null;
  if (year === undefined && !isOrderAgency(agency)) return null;
  return { agency, year: year === undefined ? null : Number(year), number: value };
}

function isOrderAgency(agency: string): boolean {
  return agency.endsWith("令") || agency.endsWith("公告");
}
