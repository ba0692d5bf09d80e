// Working days (工作日) by the official calendar: Monday to Friday, except the weekday holidays the
// State Council announces for the year, plus the weekend days it turns into working days. A year
// whose schedule is not loaded is presumed to have the statutory holidays (./statutory-holidays).

import { provisionalHolidays } from "./statutory-holidays";

export type TYearSchedule = { year: number; holidays: string[]; workdays: string[]; official: boolean };

/** A period that does not count: the working days in (from, to] are skipped. */
export type TPause = { from: string; to: string };

export type TWorkdayResult = {
  date: string;
  /**
   * Some day on the way fell in a year without the State Council's schedule loaded (or loaded as not
   * official): its statutory holidays were presumed, with no 调休.
   */
  isProvisional: boolean;
};

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch of a `YYYY-MM-DD` calendar date; throws on anything else. */
export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
    throw new RangeError(`not a calendar date: ${date}`);
  return ms / DAY_MS;
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

const yearOf = (day: number) => new Date(day * DAY_MS).getUTCFullYear();

/** Today's date in China (Asia/Shanghai), whatever the server's time zone. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The working-day calendar over the years whose schedules are loaded. */
export class WorkCalendar {
  // Day numbers, not strings: deadline arithmetic walks day by day and must stay cheap.
  private readonly holidays = new Set<number>();
  private readonly workdays = new Set<number>();
  private readonly years = new Map<number, TYearSchedule>();
  /** Presumed weekday holidays of the years not loaded, computed on first use. */
  private readonly presumed = new Map<number, Set<number>>();
  /** Per year, working days from 1 January up to each day of it (inclusive), built on first use. */
  private readonly runningCounts = new Map<number, Uint16Array>();

  constructor(schedules: TYearSchedule[]) {
    for (const s of schedules) {
      this.years.set(s.year, s);
      for (const d of s.holidays) this.holidays.add(dayNumber(d));
      for (const d of s.workdays) this.workdays.add(dayNumber(d));
    }
  }

  /** 1970-01-01 (day 0) was a Thursday. */
  private isWorkdayNumber(day: number): boolean {
    if (this.holidays.has(day)) return false;
    if (this.workdays.has(day)) return true;
    if (this.isPresumedHoliday(day)) return false;
    const weekday = (((day + 4) % 7) + 7) % 7;
    return weekday !== 0 && weekday !== 6;
  }

  /** A statutory holiday on a weekday of a year whose schedule is not loaded at all. */
  private isPresumedHoliday(day: number): boolean {
    const year = yearOf(day);
    if (this.years.has(year)) return false;
    let days = this.presumed.get(year);
    if (!days) {
      days = new Set(provisionalHolidays(year).map(dayNumber));
      this.presumed.set(year, days);
    }
    return days.has(day);
  }

  /** Whether the day's year has the State Council's schedule loaded; otherwise results are provisional. */
  private isOfficialYearOf(day: number): boolean {
    return this.years.get(yearOf(day))?.official === true;
  }

  /** Whether the official schedule for that year is loaded. */
  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  schedule(year: number): TYearSchedule | undefined {
    return this.years.get(year);
  }

  isWorkday(date: string): boolean {
    return this.isWorkdayNumber(dayNumber(date));
  }

  /**
   * The `n`th working day after `from` (which itself is not counted), skipping the working days
   * that fall inside any pause. Overlapping pauses do not skip a day twice.
   */
  addWorkdays(from: string, n: number, pauses: TPause[] = []): TWorkdayResult {
    if (!Number.isInteger(n) || n < 1) throw new RangeError("n must be a positive whole number");
    const paused = pauses.map((p) => [dayNumber(p.from), dayNumber(p.to)] as const);
    let day = dayNumber(from);
    let counted = 0;
    let isProvisional = false;
    while (counted < n) {
      day++;
      if (!isProvisional && !this.isOfficialYearOf(day)) isProvisional = true;
      if (!this.isWorkdayNumber(day)) continue;
      if (paused.some(([s, e]) => day > s && day <= e)) continue;
      counted++;
    }
    return { date: fromDayNumber(day), isProvisional };
  }

  /**
   * How many working days fall in (from, to]; 0 when `to` is not after `from`. Answered from running
   * counts per year: a dashboard asks this for thousands of dates years apart in one page.
   */
  workdaysBetween(from: string, to: string): number {
    const start = dayNumber(from);
    const end = dayNumber(to);
    if (end <= start) return 0;
    let count = this.workdaysInYearUpTo(end) - this.workdaysInYearUpTo(start);
    for (let year = yearOf(start); year < yearOf(end); year++) count += this.workdaysInYear(year);
    return count;
  }

  /** Working days from 1 January of the day's year up to and including the day. */
  private workdaysInYearUpTo(day: number): number {
    const year = yearOf(day);
    return this.runningCountsOf(year)[day - Date.UTC(year, 0, 1) / DAY_MS] as number;
  }

  private workdaysInYear(year: number): number {
    const counts = this.runningCountsOf(year);
    return counts[counts.length - 1] as number;
  }

  private runningCountsOf(year: number): Uint16Array {
    let counts = this.runningCounts.get(year);
    if (!counts) {
      const first = Date.UTC(year, 0, 1) / DAY_MS;
      counts = new Uint16Array(Date.UTC(year + 1, 0, 1) / DAY_MS - first);
      let running = 0;
      for (let i = 0; i < counts.length; i++) {
        if (this.isWorkdayNumber(first + i)) running++;
        counts[i] = running;
      }
      this.runningCounts.set(year, counts);
    }
    return counts;
  }
}
