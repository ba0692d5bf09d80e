// The hour clocks of 政务舆情 (STATUTES §9, 国办发〔2016〕61号, seed task 29): clock hours from the
// discovery timestamp, holidays and nights included, so no working-day calendar is involved.

import type { TEventType, TSeverity } from "./opinions.schemas";

const HOUR = 3_600_000;

/** Hours from discovery: authoritative release and press conference (serious emergencies), response (others). */
export const CLOCK_HOURS = { release: 5, press_conference: 24, response: 48 } as const;

/** How long before a due time a clock counts as "due soon" (board, reminders, dashboard). */
export const DUE_SOON_MS = HOUR;

export type TClocks = {
  releaseDueAt: Date | null;
  pressConferenceDueAt: Date | null;
  responseDueAt: Date | null;
};

/** The due times that apply to an item; those that do not apply are null. */
export function computeClocks(severity: TSeverity, discoveredAt: Date): TClocks {
  const after = (hours: number) => new Date(discoveredAt.getTime() + hours * HOUR);
  return severity === "major_emergency"
    ? {
        releaseDueAt: after(CLOCK_HOURS.release),
        pressConferenceDueAt: after(CLOCK_HOURS.press_conference),
        responseDueAt: null,
      }
    : { releaseDueAt: null, pressConferenceDueAt: null, responseDueAt: after(CLOCK_HOURS.response) };
}

/** Which event stops which clock. */
export const CLOCK_OF_EVENT = {
  release: "releaseDueAt",
  press_conference: "pressConferenceDueAt",
  response: "responseDueAt",
} as const satisfies Record<TEventType, keyof TClocks>;

export type TDone = { releasedAt: Date | null; pressConferenceAt: Date | null; respondedAt: Date | null };

const DONE_OF_CLOCK = {
  releaseDueAt: "releasedAt",
  pressConferenceDueAt: "pressConferenceAt",
  responseDueAt: "respondedAt",
} as const satisfies Record<keyof TClocks, keyof TDone>;

/** The earliest due time of a clock that applies and has not been met; null once all are. */
export function nextDueAt(clocks: TClocks, done: TDone): Date | null {
  let next: Date | null = null;
  for (const key of Object.keys(DONE_OF_CLOCK) as (keyof TClocks)[]) {
    const due = clocks[key];
    if (due && !done[DONE_OF_CLOCK[key]] && (!next || due < next)) next = due;
  }
  return next;
}

export type TClockState = "met" | "late" | "overdue" | "due_soon" | "running";

/**
 * One clock at `now`: met (done by the due time, inclusive), late (done after it), overdue (not
 * done and past it), due soon (not done, an hour or less left), else running.
 */
export function clockState(dueAt: Date, doneAt: Date | null, now: Date): TClockState {
  if (doneAt) return doneAt.getTime() <= dueAt.getTime() ? "met" : "late";
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return "overdue";
  return left <= DUE_SOON_MS ? "due_soon" : "running";
}

/** "剩余 4 小时 59 分" / "已超时 1 小时 0 分": whole minutes, down for time left and up for time over. */
export function remainingText(dueAt: Date, now: Date): string {
  const ms = dueAt.getTime() - now.getTime();
  const minutes = ms >= 0 ? Math.floor(ms / 60_000) : Math.ceil(-ms / 60_000);
  const text = `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分`;
  return ms >= 0 ? `剩余 ${text}` : `已超时 ${text}`;
}

/** A timestamp as ISO 8601 in Beijing time: "2026-02-01T03:30:00+08:00". */
export function toChinaIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
}

/** "2026-02-01 03:30" in Beijing time, for pages. */
export function chinaDateTime(d: Date): string {
  return toChinaIso(d).slice(0, 16).replace("T", " ");
}

/** The Beijing calendar day of a timestamp, "YYYY-MM-DD". */
export function chinaDay(d: Date): string {
  return toChinaIso(d).slice(0, 10);
}
