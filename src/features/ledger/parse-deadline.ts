import { chineseNumber } from "../../platform/text";
// Reads the deadline column of a work plan (全年, 2022年9月底前, 本文件印发后30日内, …) relative to the
// plan's issue date and year. Pure: no database, no clock. Text that cannot be read is reported with a
// Chinese reason for the office, never guessed, because a wrong due date silently misleads the ledger.

export type TDeadlineKind = "year_round" | "by_date" | "within_days" | "ongoing";

export type TDeadline =
  | {
      ok: true;
      /** `YYYY-MM-DD`; null only for open-ended work (即时, 长期坚持) that has no date at all. */
      dueDate: string | null;
      /** The work goes on after the due date ("…完成，长期坚持") or has no end. */
      ongoing: boolean;
      kind: TDeadlineKind;
    }
  | { ok: false; reason: string };

export type TPlanDates = { /** `YYYY-MM-DD` */ issuedAt: string; year: number };

/**
 * Full-width digits and Chinese numerals to ASCII, spaces and closing punctuation removed, so the
 * patterns below only ever see one spelling.
 */
function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, "")
    .replace(/^[于在]/, "")
    .replace(/[。．.；;]+$/, "")
    .replace(/[〇零一二两三四五六七八九十百]+(?=年|月|日|号|天|个|季度|工作日)/g, (n) => {
      const value = chineseNumber(n);
      return value === null ? n : String(value);
    });
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const endOfMonth = (year: number, month: number) =>
  `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`;

/** A real calendar date, or null (2月30日, 13月). */
function validDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return !!m && validDate(Number(m[1]), Number(m[2]), Number(m[3])) === text;
}

function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// "前", "之前", "以前" and a trailing "完成" change nothing about the date itself.
const BEFORE = "(?:前|之前|以前)?(?:完成)?";
// A four-digit year starting 1 or 2: keeps Date.UTC away from its 0–99 → 1900s mapping.
const YEAR = "(?:([12]\\d{3})年)?";
const ONGOING = "长期坚持|持续推进|常态化推进|长期推进|持续开展|长期";

const ok = (dueDate: string | null, kind: TDeadlineKind, ongoing = false): TDeadline => ({
  ok: true,
  dueDate,
  ongoing,
  kind,
});
const fail = (reason: string): TDeadline => ({ ok: false, reason });

/** The date part alone (before any "，长期坚持"); `original` is the user's text, for the reasons. */
function readDate(t: string, original: string, plan: TPlanDates): TDeadline {
  const yearOf = (y: string | undefined) => (y ? Number(y) : plan.year);
  let m: RegExpExecArray | null;

  m = new RegExp(`^${YEAR}全年(?:完成|推进|落实|开展)?$`).exec(t);
  if (m) return ok(`${yearOf(m[1])}-12-31`, "year_round");

  if (new RegExp(`^(?:${ONGOING}|即时|常态化)$`).test(t)) return ok(null, "ongoing", true);

  // Counted from the day after issue (the issue day itself does not count), in calendar days.
  m =
    /^自?(?:本(?:文件|要点|方案|通知|意见|计划))?印发(?:之日起|之日后|后)(\d{1,3})个?(工作日|日|天)(?:内|以内)(?:完成)?$/.exec(
      t,
    );
  if (m) {
    if (m[2] === "工作日")
      return fail(
        `“${original}”按工作日计算，须依据工作日历（法定节假日和调休安排）才能确定到期日，请对照工作日历在台账中手工填写期限。`,
      );
    const days = Number(m[1]);
    if (days < 1) return fail(`“${original}”中的天数无效。`);
    return ok(addCalendarDays(plan.issuedAt, days), "within_days");
  }

  m = new RegExp(`^(?:([12]\\d{3})年年?|(?:今|本|当)年年?|年)(?:底|末)${BEFORE}$`).exec(t);
  if (m) return ok(`${yearOf(m[1])}-12-31`, "by_date");

  m = new RegExp(`^${YEAR}(上|下)半年(?:底|末)?${BEFORE}$`).exec(t);
  if (m) return ok(`${yearOf(m[1])}-${m[2] === "上" ? "06-30" : "12-31"}`, "by_date");

  m = new RegExp(`^${YEAR}第?(\\d+)季度(?:末|底)?${BEFORE}$`).exec(t);
  if (m) {
    const quarter = Number(m[2]);
    if (quarter < 1 || quarter > 4) return fail(`“${original}”中的季度不存在。`);
    return ok(endOfMonth(yearOf(m[1]), quarter * 3), "by_date");
  }

  m = new RegExp(`^${YEAR}(\\d{1,2})月份?(?:底|末)${BEFORE}$`).exec(t);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return fail(`“${original}”中的月份不存在。`);
    return ok(endOfMonth(yearOf(m[1]), month), "by_date");
  }

  m = new RegExp(`^${YEAR}(\\d{1,2})月(\\d{1,2})[日号]${BEFORE}$`).exec(t);
  if (m) {
    const date = validDate(yearOf(m[1]), Number(m[2]), Number(m[3]));
    return date ? ok(date, "by_date") : fail(`“${original}”中的日期不存在。`);
  }

  m = new RegExp(`^([12]\\d{3})[-./](\\d{1,2})[-./](\\d{1,2})${BEFORE}$`).exec(t);
  if (m) {
    const date = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? ok(date, "by_date") : fail(`“${original}”中的日期不存在。`);
  }

  // "9月前" may mean before 1 September or by its end; "9月完成" may mean any day in it. Ask.
  if (new RegExp(`^${YEAR}\\d{1,2}月份?(?:前|之前|以前|内|完成)*$`).test(t))
    return fail(`“${original}”未写明是该月月初还是月底，请在台账中手工填写期限。`);

  return fail(`无法识别期限“${original}”，请在台账中手工填写。`);
}

/**
 * Reads a deadline relative to the plan. 全年 is due on 31 December of the plan year; "…完成，长期坚持"
 * is due on that date and ongoing after it; 即时 / 长期坚持 alone are ongoing with no date.
 */
export function parseDeadline(text: string, plan: TPlanDates): TDeadline {
  if (!isIsoDate(plan.issuedAt)) return fail(`计划的印发日期“${plan.issuedAt}”无效。`);
  if (!Number.isInteger(plan.year) || plan.year < 1000 || plan.year > 2999)
    return fail(`计划年度“${plan.year}”无效。`);
  const original = text.trim();
  const t = normalise(text);
  if (!t) return fail("期限为空，请填写期限。");
  const tail = new RegExp(`^(.+?)[，,；;、]?(?:并|且|此后|之后)?(?:${ONGOING})$`).exec(t);
  if (tail?.[1]) {
    const head = readDate(tail[1], original, plan);
    return head.ok ? { ...head, ongoing: true } : head;
  }
  return readDate(t, original, plan);
}
