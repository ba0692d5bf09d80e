import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { loadWorkCalendar } from "../calendar";
import { assertCanSee } from "./access";
import { appealsOf } from "./appeals";
import { clockOf } from "./apply-action";
import { attachmentsOf } from "./attachments";
import { contactsOf } from "./contacts";
import { hashQueryCode } from "./create-request";
import { rateLimitedLookup } from "./lookup-limit";
import { presentPublicStatus, presentRequest } from "./present";
import { actionsOf, cohandlersOf, findByReceiptNo, findRequest } from "./requests.repository";
import { isLead } from "./workflow";

/**
 * One request for staff who may see it. Revealing the full ID number and phone is allowed to the
 * lead unit and the office only, and every such view is audited.
 */
export async function readRequest(db: Db, actor: TActor, p: TPrincipal, id: number, isRevealed = false) {
  const r = await findRequest(db, id);
  if (!r) throw new AppError("not_found", MSG.notFound);
  assertCanSee(p, r.unitId, await cohandlersOf(db, r.id));
  const actions = await actionsOf(db, r.id);
  const clock = clockOf(r, actions, await loadWorkCalendar(db));
  // Only the lead unit and the office see the applicant's full data, not a co-handling unit (协查).
  if (isRevealed && !isLead(p, r.unitId))
    throw new AppError("forbidden", "只有承办单位或政务公开办公室可以查看申请人的完整信息。");
  if (isRevealed)
    await db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: "request.reveal_applicant",
        entity: "request",
        entityId: r.id,
        unitId: r.unitId,
      }),
    );
  return {
    ...presentRequest(r, actions, clock, isRevealed),
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

/** The applicant's own view with receipt number and query code; a wrong code looks like no request. */
export async function readPublicStatus(db: Db, ip: string, receiptNo: string, queryCode: string) {
  return rateLimitedLookup(db, ip, async () => {
    const r = await findByReceiptNo(db, receiptNo.trim().toUpperCase());
    if (!r?.queryCodeHash || r.queryCodeHash !== hashQueryCode(queryCode)) return null;
    const actions = await actionsOf(db, r.id);
    return presentPublicStatus(r, clockOf(r, actions, await loadWorkCalendar(db)));
  });
}
