import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { loadWorkCalendar, passedDateNote, todayInChina } from "../calendar";
import { clockOf } from "./compute-due-date";
import { hashQueryCode } from "./create-request";
import { rateLimitedLookup } from "./lookup-limit";
import { presentPublicStatus, presentRequest } from "./present";
import { letterDocxFor, letterFor } from "./reply-letter/letter-for-request";
import {
  actionsOf,
  appealsOf,
  attachmentsOf,
  contactsOf,
  findByReceiptNo,
  type TRequestRow,
} from "./requests.repository";
import { assertLead, loadVisibleRequest } from "./visible-request";

/**
 * One request for staff who may see it. Revealing the full ID number and phone is allowed to the
 * lead unit and the office only, and every such view is audited.
 */
export async function readRequest(db: Db, actor: TActor, p: TPrincipal, id: number, isRevealed = false) {
  const { r, actions, clock } = await loadVisibleRequest(db, p, id);
  // Only the lead unit and the office see the applicant's full data, not a co-handling unit (协查).
  if (isRevealed) assertLead(p, r, "只有承办单位或政务公开办公室可以查看申请人的完整信息。");
  if (isRevealed)
    await db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: "request.reveal_applicant",
        entity: "request",
        entityId: r.id,
        unitId: r.unitId,
      }),
    );
  const isOpen = r.status !== "concluded" && !clock.isDueDateAtLeast;
  return {
    ...presentRequest(r, actions, clock, isRevealed),
    /** "已过期 N 个工作日" once an open request's due date has passed, so it never reads as still to come. */
    dueDatePassed:
      isOpen && r.dueDate ? passedDateNote(r.dueDate, todayInChina(), await loadWorkCalendar(db)) : null,
    appeals: await appealsOf(db, r.id),
    attachments: (await attachmentsOf(db, r.id)).map(({ id, kind, name }) => ({ id, kind, name })),
    contacts: (await contactsOf(db, r.id)).map(({ id, method, date, summary, actorName }) => ({
      id,
      method,
      date,
      summary,
      actor: actorName,
    })),
  };
}

/** The applicant's own request by receipt number and query code; a wrong code looks like no request. */
function findOwnRequest(db: Db, ip: string, receiptNo: string, queryCode: string) {
  return rateLimitedLookup(db, ip, async () => {
    const r = await findByReceiptNo(db, receiptNo.trim().toUpperCase());
    if (!r?.queryCodeHash || r.queryCodeHash !== hashQueryCode(queryCode)) return null;
    return { r, actions: await actionsOf(db, r.id) };
  });
}

/** Only an applicant who chose e-mail or online delivery gets the written reply on the portal. */
const hasOnlineLetter = (r: TRequestRow) =>
  r.status === "concluded" && !!r.receivedAt && (r.delivery === "email" || r.delivery === "online");

/**
 * The applicant's own view, the same for the status page and the API: the status without personal
 * data, and the written reply once given if it goes by e-mail or online. Misses are rate-limited.
 */
export async function readPublicStatus(db: Db, ip: string, receiptNo: string, queryCode: string) {
  const { r, actions } = await findOwnRequest(db, ip, receiptNo, queryCode);
  return {
    ...presentPublicStatus(r, clockOf(r, actions, await loadWorkCalendar(db))),
    letter: hasOnlineLetter(r) ? await letterFor(db, r, actions) : null,
  };
}

/** The applicant's written reply as a Word file, found as the status is. */
export async function readPublicLetterDocx(db: Db, ip: string, receiptNo: string, queryCode: string) {
  const { r, actions } = await findOwnRequest(db, ip, receiptNo, queryCode);
  if (!hasOnlineLetter(r)) throw new AppError("not_found", "该申请没有可在线查看的答复。");
  return { receiptNo: r.receiptNo, docx: await letterDocxFor(db, r, actions) };
}
