import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import { MSG } from "../../platform/messages";
import { todayInChina } from "../calendar";
import { insertContact } from "./requests.repository";
import { loadVisibleRequest } from "./visible-request";

export const CONTACT_METHODS = {
  phone: "电话",
  email: "电子邮件",
  letter: "信函",
  meeting: "当面",
  sms: "短信",
  other: "其他",
} as const;

export const ZContactBody = z.object({
  method: z.enum(Object.keys(CONTACT_METHODS) as [keyof typeof CONTACT_METHODS]),
  date: z.iso.date(),
  summary: z.string().trim().min(2).max(2000),
});

/**
 * Logs a contact with the applicant (task 53: 沟通记录). Allowed at any stage, also after the
 * reply (delivery, explanations); audited.
 */
export async function logContact(
  db: Db,
  actor: TActor,
  p: TPrincipal,
  requestId: number,
  body: z.infer<typeof ZContactBody>,
) {
  const { r } = await loadVisibleRequest(db, p, requestId);
  const since = r.receivedAt ?? todayInChina(r.submittedAt);
  if (body.date < since || body.date > todayInChina())
    throw new AppError("unprocessable", MSG.validation, {
      issues: [{ path: "date", message: `日期应在 ${since} 至今天之间。` }],
    });
  return db.transaction(async (tx) => {
    const row = await insertContact(tx, { requestId, ...body, actorId: actor.userId, actorName: actor.name });
    await recordAudit(tx, actor, {
      action: "request.contact",
      entity: "request",
      entityId: requestId,
      unitId: r.unitId,
      after: row,
    });
    return row;
  });
}
