// A year's schedule read from a file: an iCalendar (.ics) such as those published after each
// 国务院办公厅关于节假日安排的通知, or a plain list of `YYYY-MM-DD,holiday|workday` lines.
//
// Rule for .ics files: an event whose SUMMARY contains "班" (班, 补班, 上班, 调休上班) marks each of
// its days as a weekend working day; every other event marks each of its days as a holiday. Holiday
// periods in such files run over weekends, which are off anyway, so weekend days of holiday events
// are left out; a CSV line is taken as written and checked like the form.

import { ZCalendarYearBody } from "./save-calendar-year";
import { addDays, dayNumber } from "./working-days";

export type TImportedYear = { holidays: string[]; workdays: string[]; problems: string[] };

/** An event longer than this is not a holiday period: most likely a mistyped end date. */
const MAX_EVENT_DAYS = 31;
const WORKDAY_MARK = "班";

const isDate = (d: string) => {
  try {
    dayNumber(d);
    return true;
  } catch {
    return false;
  }
};
const isWeekend = (d: string) => {
  const weekday = (((dayNumber(d) + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
};
const sorted = (s: Set<string>) => [...s].sort();

/** `20260101`, `20260101T090000` or `20260101T010000Z` (UTC, turned into Beijing time) as a date. */
function icsDate(value: string): { date: string; hasTime: boolean; isMidnight: boolean } | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value.trim());
  if (!m) return null;
  let date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isDate(date)) return null;
  if (m[4] === undefined) return { date, hasTime: false, isMidnight: true };
  let minutes = Number(m[4]) * 60 + Number(m[5]);
  if (m[7] === "Z") {
    minutes += 8 * 60;
    if (minutes >= 24 * 60) {
      minutes -= 24 * 60;
      date = addDays(date, 1);
    }
  }
  return { date, hasTime: true, isMidnight: minutes === 0 && Number(m[6]) === 0 };
}

/** SUMMARY text with the RFC 5545 escapes undone. */
const unescapeText = (v: string) =>
  v.replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === "n" ? " " : c));

type TEvent = { index: number; props: Map<string, string> };

function icsEvents(text: string): TEvent[] {
  // Long lines are folded onto the next line with a leading space or tab.
  const lines = text.replace(/\r?\n[ \t]/g, "").split(/\r?\n/);
  const events: TEvent[] = [];
  let current: TEvent | null = null;
  for (const line of lines) {
    const upper = line.trim().toUpperCase();
    if (upper === "BEGIN:VEVENT") current = { index: events.length + 1, props: new Map() };
    else if (upper === "END:VEVENT" && current) {
      events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(":");
      if (colon <= 0) continue;
      const name = (line.slice(0, colon).split(";")[0] ?? "").trim().toUpperCase();
      if (!current.props.has(name)) current.props.set(name, line.slice(colon + 1));
    }
  }
  return events;
}

/** The days an event covers: DTEND is exclusive for whole days, DURATION may be given as PnD. */
function eventDays(e: TEvent, label: string): { days: string[] } | { problem: string } {
  const start = icsDate(e.props.get("DTSTART") ?? "");
  if (!start) return { problem: `${label}缺少开始日期（DTSTART）或日期无法识别。` };
  let endExclusive = addDays(start.date, 1);
  const endRaw = e.props.get("DTEND");
  const duration = /^P(\d+)D$/i.exec((e.props.get("DURATION") ?? "").trim());
  if (endRaw !== undefined) {
    const end = icsDate(endRaw);
    if (!end) return { problem: `${label}的结束日期（DTEND）无法识别：${endRaw.trim()}。` };
    endExclusive = end.hasTime && !end.isMidnight ? addDays(end.date, 1) : end.date;
  } else if (duration) endExclusive = addDays(start.date, Number(duration[1]));
  const length = dayNumber(endExclusive) - dayNumber(start.date);
  if (length < 1) return { problem: `${label}的结束日期早于开始日期。` };
  if (length > MAX_EVENT_DAYS)
    return { problem: `${label}长达 ${length} 天，超过 ${MAX_EVENT_DAYS} 天，请检查结束日期。` };
  return { days: Array.from({ length }, (_, i) => addDays(start.date, i)) };
}

/** Reads an iCalendar file by the rule above. */
export function parseIcs(text: string): TImportedYear {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  const problems: string[] = [];
  const events = icsEvents(text);
  if (events.length === 0) problems.push("文件中没有找到任何事件（VEVENT）。");
  for (const e of events) {
    const summary = unescapeText(e.props.get("SUMMARY") ?? "").trim();
    const label = `第 ${e.index} 个事件${summary ? `“${summary}”` : ""}`;
    if (!summary) {
      problems.push(`${label}没有标题（SUMMARY），无法判断是假日还是调休上班日。`);
      continue;
    }
    const span = eventDays(e, label);
    if ("problem" in span) {
      problems.push(span.problem);
      continue;
    }
    const isWorkday = summary.includes(WORKDAY_MARK);
    for (const d of span.days) {
      if (isWorkday) workdays.add(d);
      else if (!isWeekend(d)) holidays.add(d);
    }
  }
  return { holidays: sorted(holidays), workdays: sorted(workdays), problems };
}

const CSV_LINE = /^(\d{4}-\d{2}-\d{2})\s*[,，\t;；]\s*([A-Za-z]+)\s*$/;

/** Reads `YYYY-MM-DD,holiday` / `YYYY-MM-DD,workday` lines; blank lines, `#` comments and a header are skipped. */
export function parseCsv(text: string): TImportedYear {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#") || (i === 0 && /^(date|日期)\s*[,，\t]/i.test(line))) return;
    const m = CSV_LINE.exec(line);
    const kind = m?.[2]?.toLowerCase();
    if (!m || (kind !== "holiday" && kind !== "workday")) {
      problems.push(
        `第 ${i + 1} 行无法识别：“${line.slice(0, 60)}”（应为 YYYY-MM-DD,holiday 或 YYYY-MM-DD,workday）。`,
      );
      return;
    }
    const date = m[1] as string;
    if (!isDate(date)) problems.push(`第 ${i + 1} 行：${date} 不是有效的日期。`);
    else (kind === "holiday" ? holidays : workdays).add(date);
  });
  if (holidays.size + workdays.size === 0 && problems.length === 0) problems.push("文件中没有任何日期。");
  return { holidays: sorted(holidays), workdays: sorted(workdays), problems };
}

/** Reads either kind of file, told apart by its content rather than its name. */
export function parseCalendarFile(text: string): TImportedYear {
  return /BEGIN:VCALENDAR/i.test(text) ? parseIcs(text) : parseCsv(text);
}

/**
 * Every problem of an imported year in Chinese: the file's own, then the same checks as the
 * calendar API (holidays on weekdays, workdays on weekends, every date inside the year).
 */
export function checkImportedYear(year: number, parsed: TImportedYear): string[] {
  const problems = [...parsed.problems];
  const result = ZCalendarYearBody.safeParse({ holidays: parsed.holidays, workdays: parsed.workdays });
  if (!result.success) problems.push(...result.error.issues.map((i) => i.message));
  for (const d of [...parsed.holidays, ...parsed.workdays])
    if (Number(d.slice(0, 4)) !== year) problems.push(`${d} 不在 ${year} 年。`);
  const work = new Set(parsed.workdays);
  for (const d of parsed.holidays) if (work.has(d)) problems.push(`${d} 同时被列为假日和调休上班日。`);
  return problems;
}
