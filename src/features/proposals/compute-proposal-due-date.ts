// The reply deadline of a deputy's suggestion or a member's proposal (STATUTES §9): months counted
// by 民法典 Art. 201–203, then moved off a rest day by the working-day calendar.

import { addDays, type WorkCalendar } from "../calendar";

export type TProposalDue = {
  dueDate: string;
  /** Some year on the way has no official schedule loaded: the rest days were presumed. */
  isProvisional: boolean;
  /** How the date was found, in words staff can check (shown beside the date). */
  steps: string[];
};

/** Months allowed: 3, or 6 for a complex one whose assigning body agreed (代表法 Art. 51). */
export const replyMonths = (isComplex: boolean) => (isComplex ? 6 : 3);

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The day `months` months after `from` by 民法典 Art. 201–202: the period starts the day after
 * (Art. 201), so it ends on the day of the later month with the same number as `from`, or on that
 * month's last day when it has no such day.
 */
export function addCalendarMonths(from: string, months: number): string {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

/**
 * The due date: 3 (or 6) months from the day after assignment; a last day that is a rest day — a
 * weekend not made a working day, or an official holiday — moves to the next working day (Art. 203).
 */
export function computeProposalDueDate(
  assignedAt: string,
  isComplex: boolean,
  calendar: WorkCalendar,
): TProposalDue {
  const months = replyMonths(isComplex);
  const end = addCalendarMonths(assignedAt, months);
  const steps = [`${assignedAt} 交办，自次日起算 ${months} 个月，期间届满日为 ${end}`];
  let due = end;
  while (!calendar.isWorkday(due)) due = addDays(due, 1);
  if (due !== end) steps.push(`${end} 为休息日，顺延至其后第一个工作日 ${due}`);
  let isProvisional = false;
  for (let y = Number(end.slice(0, 4)); y <= Number(due.slice(0, 4)); y++)
    if (calendar.schedule(y)?.official !== true) isProvisional = true;
  if (isProvisional) steps.push(`${due.slice(0, 4)} 年的节假日安排尚未公布，休息日按法定节日推定`);
  return { dueDate: due, isProvisional, steps };
}
