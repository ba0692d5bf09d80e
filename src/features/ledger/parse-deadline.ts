// Reads the deadline column of a work plan (全年, 2022年9月底前, 本文件印发后30日内, …) relative to the
// plan's issue date and year. Text that cannot be read is reported, never guessed.

export type TDeadline =
  | {
      ok: true;
      dueDate: string | null;
      ongoing: boolean;
      kind: "year_round" | "by_date" | "within_days" | "ongoing";
    }
  | { ok: false; reason: string };

type TPlan = { issuedAt: string; year: number };

const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** Full-width digits to ASCII, spaces removed, Chinese month numerals (九月, 十二月) to digits. */
function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, "")
    .replace(/([一二三四五六七八九十]{1,3})月/g, (_, n: string) => {
      const value =
        n.length === 1 ? CN_DIGITS[n] : n.startsWith("十") ? 10 + (CN_DIGITS[n[1] as string] ?? 0) : 0;
      return value ? `${value}月` : `${n}月`;
    });
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function validDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The date part alone (before any "，长期坚持"). */
function readDate(text: string, plan: TPlan): TDeadline {
  if (/^全年(完成|推进|落实)?$/.test(text))
    return { ok: true, dueDate: `${plan.year}-12-31`, ongoing: false, kind: "year_round" };
  if (/^(长期坚持|持续推进|即时|长期)$/.test(text))
    return { ok: true, dueDate: null, ongoing: true, kind: "ongoing" };

  const within = /^(?:本文件|本要点|本方案)?印发(?:之日)?后(\d{1,3})(个)?(工作日|日|天)内(?:完成)?$/.exec(
    text,
  );
  if (within) {
    if (within[3] === "工作日")
      return { ok: false, reason: `“${text}”按工作日计算，请在台账中手工填写期限。` };
    return {
      ok: true,
      dueDate: addCalendarDays(plan.issuedAt, Number(within[1])),
      ongoing: false,
      kind: "within_days",
    };
  }

  const yearOf = (y: string | undefined) => (y ? Number(y) : plan.year);
  let m = /^(?:(\d{4})年)?(?:年底|年末)前?(?:完成)?$/.exec(text);
  if (m) return { ok: true, dueDate: `${yearOf(m[1])}-12-31`, ongoing: false, kind: "by_date" };
  m = /^(?:(\d{4})年)?(上|下)半年(?:前|底前)?(?:完成)?$/.exec(text);
  if (m)
    return {
      ok: true,
      dueDate: `${yearOf(m[1])}-${m[2] === "上" ? "06-30" : "12-31"}`,
      ongoing: false,
      kind: "by_date",
    };
  m = /^(?:(\d{4})年)?第?([一二三四1-4])季度(?:末|底)?前?(?:完成)?$/.exec(text);
  if (m) {
    const q = Number(m[2]) || (CN_DIGITS[m[2] as string] as number);
    const month = q * 3;
    return {
      ok: true,
      dueDate: `${yearOf(m[1])}-${pad(month)}-${lastDayOfMonth(yearOf(m[1]), month)}`,
      ongoing: false,
      kind: "by_date",
    };
  }
  m = /^(?:(\d{4})年)?(\d{1,2})月(?:底|末)前?(?:完成)?$/.exec(text);
  if (m) {
    const year = yearOf(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return { ok: false, reason: `“${text}”中的月份不存在。` };
    return {
      ok: true,
      dueDate: `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`,
      ongoing: false,
      kind: "by_date",
    };
  }
  m = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:前|之前)?(?:完成)?$/.exec(text);
  if (m) {
    const date = validDate(yearOf(m[1]), Number(m[2]), Number(m[3]));
    if (!date) return { ok: false, reason: `“${text}”中的日期不存在。` };
    return { ok: true, dueDate: date, ongoing: false, kind: "by_date" };
  }
  return { ok: false, reason: `无法识别期限“${text}”，请在台账中手工填写。` };
}

/**
 * Reads a deadline relative to the plan. "…完成，长期坚持" is due on that date and ongoing after it.
 */
export function parseDeadline(text: string, plan: TPlan): TDeadline {
  const t = normalise(text);
  if (!t) return { ok: false, reason: "期限为空。" };
  const ongoingTail = /^(.+?)[，,；;]?(?:并|且)?(?:长期坚持|持续推进|常态化推进)$/.exec(t);
  if (ongoingTail?.[1]) {
    const head = readDate(ongoingTail[1], plan);
    return head.ok ? { ...head, ongoing: true } : head;
  }
  return readDate(t, plan);
}
