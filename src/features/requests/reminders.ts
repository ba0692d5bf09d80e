import type { TRole, TUnitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import type { TMailer } from "../../platform/mailer";
import type { WorkCalendar } from "../calendar";
import { currentLiaisons, staffEmails } from "../org";
import { claimReminder, dropReminderClaim, openRequestsDueBy, type TRequestRow } from "./requests.repository";

export type TReminderKind = "due_in_5" | "due_in_2" | "overdue";

const KIND_TEXT: Record<TReminderKind, string> = {
  due_in_5: "5 个工作日内到期",
  due_in_2: "2 个工作日内到期",
  overdue: "已超过答复期限",
};

/** Which reminder a due date calls for today, if any: within 5, within 2 working days, or overdue. */
export function reminderKind(dueDate: string, today: string, calendar: WorkCalendar): TReminderKind | null {
  if (dueDate < today) return "overdue";
  if (dueDate <= calendar.addWorkdays(today, 2).date) return "due_in_2";
  if (dueDate <= calendar.addWorkdays(today, 5).date) return "due_in_5";
  return null;
}

/** Open requests with a due date in reach of a reminder, for the back office and for e-mail. */
export async function requestsNeedingReminders(
  db: Db,
  today: string,
  calendar: WorkCalendar,
  scope: TUnitScope = "all",
) {
  const rows = await openRequestsDueBy(db, today, calendar.addWorkdays(today, 5).date, scope);
  return rows.map((r) => ({
    request: r,
    kind: reminderKind(r.dueDate as string, today, calendar) as TReminderKind,
  }));
}

/** Who is told about a unit's deadlines: its liaison and heads; unassigned requests go to the office. */
async function recipientsFor(db: Db, r: TRequestRow): Promise<string[]> {
  const emails = new Set<string>();
  const roles: TRole[] = r.unitId ? ["unit_liaison", "unit_head"] : ["office", "office_head"];
  for (const e of await staffEmails(db, r.unitId, roles)) emails.add(e);
  if (r.unitId) for (const l of await currentLiaisons(db, [r.unitId])) if (l.email) emails.add(l.email);
  return [...emails].sort();
}

/**
 * Sends each due reminder once per request, kind and due date (recorded first, so concurrent runs
 * in several processes do not send twice). Returns how many were sent and how many had no address.
 */
export async function sendDueReminders(
  db: Db,
  mailer: TMailer,
  today: string,
  calendar: WorkCalendar,
  baseUrl = "",
) {
  let sent = 0;
  let unaddressed = 0;
  for (const { request: r, kind } of await requestsNeedingReminders(db, today, calendar)) {
    const to = await recipientsFor(db, r);
    if (to.length === 0) {
      unaddressed++;
      continue;
    }
    const claim = { requestId: r.id, kind, dueDate: r.dueDate as string };
    if (!(await claimReminder(db, claim, to))) continue;
    const message = {
      to,
      subject: `【依申请公开】${r.receiptNo} ${KIND_TEXT[kind]}（答复期限 ${r.dueDate}）`,
      text: [
        `受理编号：${r.receiptNo}`,
        `收到日期：${r.receivedAt}`,
        `答复期限：${r.dueDate}${r.dueDateProvisional ? "（临时）" : ""}`,
        `提醒：${KIND_TEXT[kind]}。`,
        `办理：${baseUrl}/admin/requests/${r.id}`,
      ].join("\n"),
    };
    try {
      await mailer.send(message);
    } catch (err) {
      // Not sent: drop the claim so that the next run tries again.
      await dropReminderClaim(db, claim);
      throw err;
    }
    sent++;
  }
  return { sent, unaddressed };
}
