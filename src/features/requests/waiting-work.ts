import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { passedDateNote, type WorkCalendar } from "../calendar";
import { requestScope } from "./access";
import { listRequests, type TRequestRow } from "./requests.repository";

const LIMIT = 10;

const item = (r: TRequestRow) => ({
  id: r.id,
  receiptNo: r.receiptNo,
  description: r.description,
  dueDate: r.dueDate,
  status: r.status,
});

/**
 * The requests waiting for this person, within their units (and those they help with): applications
 * to confirm, and open requests overdue or due within 5 working days.
 */
export async function requestsWaiting(db: Db, p: TPrincipal, today: string, calendar: WorkCalendar) {
  const scope = requestScope(p);
  const soon = calendar.addWorkdays(today, 5).date;
  const toConfirm = await listRequests(db, { scope, status: "awaiting_confirmation" }, 1, LIMIT, today);
  const due = await listRequests(db, { scope, dueBefore: soon }, 1, 200, today);
  const overdue = due.items.filter((r) => r.dueDate && r.dueDate < today);
  const dueSoon = due.items.filter((r) => r.dueDate && r.dueDate >= today);
  return {
    toConfirm: { total: toConfirm.total, items: toConfirm.items.map(item) },
    overdue: overdue.map((r) => ({ ...item(r), note: passedDateNote(r.dueDate as string, today, calendar) })),
    dueSoon: dueSoon.map(item),
  };
}
